#!/usr/bin/env python3
"""Rebuilds records.tar.gz and records_cut.tar from the fixtures beside it.

records.tar.gz is laid out as ORCID's public data file (one folder, one
sub-folder per last three characters of the iD), with a README and a folder
entry that the reader passes over. records_cut.tar is the same tar, not
compressed, cut in the middle of its fourth member. Byte for byte
reproducible: fixed times, owners and modes.
"""
import gzip
import io
import os
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = "ORCID_2023_10_summaries"
MEMBERS = [
    (f"{TOP}/097/0000-0002-1825-0097.xml", "record_v30.xml"),
    (f"{TOP}/README.txt", None),
    (f"{TOP}/700/0000-0001-5109-3700.xml", "record_v21.xml"),
    (f"{TOP}/90X/0000-0003-4567-890X.json", "record_v30.json"),
    (f"{TOP}/789/0000-0001-2345-6789.xml", "no_affiliations.xml"),
    (f"{TOP}/788/0000-0001-2345-6788.xml", "bad_id.xml"),
    (f"{TOP}/000/0000-0002-0000-0000.xml", "error.xml"),
    (f"{TOP}/097/0000-0002-1825-0097-cut.xml", "truncated.xml"),
]


def info(name, size, kind=tarfile.REGTYPE):
    ti = tarfile.TarInfo(name)
    ti.size, ti.type, ti.mtime, ti.mode = size, kind, 1700000000, 0o644
    ti.uid = ti.gid = 0
    ti.uname = ti.gname = "orcid"
    return ti


def build():
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        d = info(TOP + "/", 0, tarfile.DIRTYPE)
        d.mode = 0o755
        tar.addfile(d)
        for name, src in MEMBERS:
            data = b"Sample records for talentflow's tests.\n" if src is None else \
                open(os.path.join(HERE, src), "rb").read()
            tar.addfile(info(name, len(data)), io.BytesIO(data))
    return buf.getvalue()


def main():
    tar = build()
    with open(os.path.join(HERE, "records.tar.gz"), "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as gz:
            gz.write(tar)
    # cut inside the fourth member (the JSON record): 512-byte header blocks
    # and data rounded up to 512 come before it
    cut = 512  # the folder entry
    for name, src in MEMBERS[:3]:
        size = 40 if src is None else os.path.getsize(os.path.join(HERE, src))
        cut += 512 + (size + 511) // 512 * 512
    with open(os.path.join(HERE, "records_cut.tar"), "wb") as f:
        f.write(tar[: cut + 512 + 300])


main()

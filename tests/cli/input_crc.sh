#!/usr/bin/env bash
# The store's inputs table: every file's CRC-32, computed while the run reads it
# (no second read), equals zlib's CRC-32 of the whole file: for plain and gzip
# OpenAlex works, a gzip file with bytes after its last member and a truncated
# one (the checksum is of the file, not of what decoded), ORCID tarballs (tar
# padding past the end-of-archive blocks included), a CSV, and standard input
# (no checksum); the same with one thread and two.
# usage: input_crc.sh TALENTFLOW DATA_DIR SCRATCH_DIR
set -euo pipefail
tf=$1 data=$2 tmp=$3
rm -rf "$tmp" && mkdir -p "$tmp"
command -v python3 >/dev/null || { echo "skip: no python3"; exit 0; }

# A gzip file with zeros after its last member (a corrupt member to the reader).
cp "$data/openalex/works_2023.jsonl.gz" "$tmp/padded.jsonl.gz"
head -c 3000000 /dev/zero >>"$tmp/padded.jsonl.gz" # more than one read: the reader stops before the end

inputs=(--openalex "$data/openalex/works_2021.jsonl" --openalex "$data/openalex/works_2023.jsonl.gz"
    --openalex "$data/openalex/multi_member.jsonl.gz" --openalex "$data/openalex/truncated.jsonl.gz"
    --openalex "$tmp/padded.jsonl.gz" --orcid "$data/orcid/records.tar.gz"
    --orcid "$data/orcid/records_cut.tar" --orcid "$data/orcid/record_v30.xml"
    --csv "$data/query/input.csv")
fail=0
for t in 1 2; do
    "$tf" run -q --threads "$t" "${inputs[@]}" -o "$tmp/out$t" 2>/dev/null
    if python3 - "$tmp/out$t/talentflow.sqlite" <<'PY'; then echo "ok: checksums, $t thread(s)"; else echo "FAIL: checksums, $t thread(s)"; fail=1; fi
import sqlite3, sys, zlib
rows = sqlite3.connect(sys.argv[1]).execute("SELECT path, bytes, crc32 FROM inputs").fetchall()
assert len(rows) == 9, rows
for path, size, crc in rows:
    data = open(path, "rb").read()
    want = "%08x" % zlib.crc32(data)
    assert (size, crc) == (len(data), want), (path, size, crc, len(data), want)
PY
done

# Standard input has no checksum.
"$tf" run -q --csv - -o "$tmp/stdin" <"$data/query/input.csv" 2>/dev/null
if python3 - "$tmp/stdin/talentflow.sqlite" <<'PY'; then echo "ok: standard input"; else echo "FAIL: standard input"; fail=1; fi
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("SELECT path, crc32 FROM inputs").fetchall()
assert rows == [("-", None)], rows
PY
rm -rf "$tmp"
exit $fail

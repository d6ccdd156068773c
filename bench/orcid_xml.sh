#!/usr/bin/env bash
# Which XML parser the ORCID reader should use: expat against libxml2's
# xmlTextReader, each reading a tarball of synthetic ORCID records member by
# member through libarchive (bench/orcid_xml.c), next to libarchive alone
# (decompressing and walking the tar). Best of 3 each. docs/orcid.md has the
# result and the choice.
#
# usage: bench/orcid_xml.sh [RECORDS]     (40000 records ~ 640 MB of XML)
# Needs: libexpat1-dev, libarchive-dev, libxml2-dev (the last only here).
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-40000}
work=${BENCH_DIR:-build/bench}
mkdir -p "$work"
tarball=$work/orcid-synth-$records.tar.gz
[ -f "$tarball" ] || python3 bench/orcid_synth.py "$records" "$tarball"
# shellcheck disable=SC2046
cc -O2 -o "$work/orcid_xml" bench/orcid_xml.c $(pkg-config --cflags --libs expat libxml-2.0 libarchive)
echo "$(gzip -dc "$tarball" | wc -c) bytes of tar in $records records"
for parser in none expat xmlreader; do
    best=""
    for _ in 1 2 3; do
        line=$("$work/orcid_xml" "$parser" "$tarball")
        s=$(echo "$line" | awk '{print $2}')
        if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; fi
    done
    echo "$parser: best $best s; $(echo "$line" | cut -d' ' -f4-)"
done

#!/usr/bin/env bash
# --openalex-authors on run and extract: a folder of author records (JSON Lines,
# an API page, gzip parts, bad records), the summary's counts, --link orcid and
# --strict.
# usage: authors.sh TALENTFLOW DATA_DIR SCRATCH_DIR
set -euo pipefail
tf=$1 data=$2/openalex-authors tmp=$3
rm -rf "$tmp" && mkdir -p "$tmp"
fail=0
check() { # name, then a command that must succeed
    local name=$1
    shift
    if "$@"; then echo "ok: $name"; else echo "FAIL: $name"; fail=$((fail + 1)); fi
}
"$tf" extract -q --openalex-authors "$data" -o "$tmp/obs.csv"
# 10 + 2 + 17 + 4 + 3 + 1 + 3 observations (tests/data/openalex-authors/README.md)
check "extract: 40 observations" bash -c "[ \$(tail -n +2 '$tmp/obs.csv' | wc -l) -eq 40 ]"
check "extract: shared years are fractions" \
    grep -qx 'A5000000001,2022,DE,1/2,employment,I4000000002,' "$tmp/obs.csv"
"$tf" run -q --openalex-authors "$data" -o "$tmp/run" --persons
sum=$tmp/run/summary.json
check "run: the format is named" grep -q '"format": "openalex-authors"' "$sum"
check "run: every author object is a record" grep -q '"records": 19,' "$sum"
check "run: skips counted by reason" grep -q '"not_an_author": 2' "$sum"
check "run: an author known from affiliations" \
    grep -qx 'A5000000001,US,2021,2023,directional_traveller,0,US,0,' "$tmp/run/persons.csv"
"$tf" run -q --openalex-authors "$data/authors.jsonl" -o "$tmp/linked" --persons --link orcid
check "--link orcid: the author is the person of the iD" \
    grep -q '^0000-0002-1825-0097,US,2021,2023,' "$tmp/linked/persons.csv"
set +e
"$tf" extract -q --strict --openalex-authors "$data/bad.jsonl" -o "$tmp/strict.csv" 2>"$tmp/strict.err"
rc=$?
set -e
check "--strict: the first bad record stops the run" \
    bash -c "[ $rc -eq 1 ] && grep -q 'bad.jsonl:1: malformed_json' '$tmp/strict.err'"
echo "$fail failed"
[ "$fail" -eq 0 ]

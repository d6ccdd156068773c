#!/usr/bin/env bash
# --link orcid: an OpenAlex author carrying an ORCID iD and the ORCID record of that
# iD are one person; without it they are two; an invalid iD links nothing.
# usage: link.sh TALENTFLOW DATA_DIR SCRATCH_DIR
set -euo pipefail
tf=$1 data=$2/orcid tmp=$3
rm -rf "$tmp" && mkdir -p "$tmp"
fail=0
check() { # name, then a command that must succeed
    local name=$1
    shift
    if "$@"; then echo "ok: $name"; else echo "FAIL: $name"; fail=$((fail + 1)); fi
}
inputs=(--orcid "$data/record_v30.xml" --openalex "$data/linked_works.jsonl")
"$tf" run -q "${inputs[@]}" -o "$tmp/linked" --persons --link orcid
"$tf" run -q "${inputs[@]}" -o "$tmp/apart" --persons
# The record: BR 2005-, PT to 2013, DE 2014-2017 and US 2016-2017 (employment);
# A77's works (iD 0000-0002-1825-0097) in the US in 2018 and 2019.
check "linked: one person from 2005 to 2019, last in the US, 2 works" \
    grep -qx '0000-0002-1825-0097,BR,2005,2019,migrant,4,US,2,' "$tmp/linked/persons.csv"
check "linked: A77 is gone" bash -c "! grep -q '^A77,' '$tmp/linked/persons.csv'"
check "apart: the record alone ends in 2017 with no works" \
    grep -qx '0000-0002-1825-0097,BR,2005,2017,migrant,3,DE,0,' "$tmp/apart/persons.csv"
check "apart: A77 is a person of its own" grep -q '^A77,US,2018,2019,' "$tmp/apart/persons.csv"
check "an invalid iD links nothing" grep -q '^A79,FR,2019' "$tmp/linked/persons.csv"
set +e
"$tf" run -q "${inputs[@]}" -o "$tmp/bad" --link ror 2>"$tmp/bad.err"
rc=$?
set -e
check "--link ror: usage error" bash -c "[ $rc -eq 2 ] && grep -q \"the only link is 'orcid'\" '$tmp/bad.err'"
echo "$fail failed"
[ "$fail" -eq 0 ]

#!/usr/bin/env bash
# Talent pools from the command line: membership on a hand-built set of works
# (tests/data/pools/works.jsonl; who belongs is worked out in expected_persons.txt),
# the pool column of the tables, a pool that selects nobody, and bad definitions.
# usage: pools.sh TALENTFLOW DATA_DIR SCRATCH_DIR
set -euo pipefail
tf=$1 data=$2/pools tmp=$3
rm -rf "$tmp" && mkdir -p "$tmp"
fail=0
check() { # name, then a command that must succeed
    local name=$1
    shift
    if "$@"; then echo "ok: $name"; else echo "FAIL: $name"; fail=$((fail + 1)); fi
}

"$tf" run --openalex "$data/works.jsonl" -o "$tmp/out" --persons --pool ai \
    --pool ai-top-venues --pool ai-top --pool top-cited --pool 'none=domain:4' 2>"$tmp/err"
awk -F, 'NR > 1 { print $1 ($9 == "" ? "" : " " $9) }' "$tmp/out/persons.csv" >"$tmp/persons.txt"
check "membership per person" diff -u "$data/expected_persons.txt" "$tmp/persons.txt"
check "pool 'none' said to select nobody" grep -q "pool 'none' selects nobody" "$tmp/err"
check "every table starts with the pool" \
    bash -c "for t in country_year flows classes returns stays; do
                 head -1 '$tmp/out/'\$t.csv | grep -q '^pool,' || exit 1; done"
check "rows of all and of the pools, none of 'none'" \
    bash -c "cut -d, -f1 '$tmp/out/classes.csv' | sort -u | tr '\n' ' ' |
             grep -qx 'ai ai-top ai-top-venues all pool top-cited '"
check "summary keeps each definition" \
    grep -q '"name": "top-cited", "definition": "top-cited: 10; min-works: 1", "people": 2' \
    "$tmp/out/summary.json"

# The rows of "all" do not change with pools.
"$tf" run -q --openalex "$data/works.jsonl" -o "$tmp/plain"
for t in country_year flows classes returns stays; do
    check "$t: all rows as without pools" \
        diff <(grep '^all,' "$tmp/out/$t.csv") <(grep '^all,' "$tmp/plain/$t.csv")
done

bad() { # expected text, then --pool arguments
    local want=$1
    shift
    set +e
    "$tf" run -q --openalex "$data/works.jsonl" -o "$tmp/bad" "$@" 2>"$tmp/bad.err"
    local rc=$?
    set -e
    check "exit 2 and '$want'" bash -c "[ $rc -eq 2 ] && grep -qF \"$want\" '$tmp/bad.err'"
}
bad "unknown pool 'nosuch'" --pool nosuch
bad "'abc' is not an OpenAlex subfield id" --pool 'x=subfield:abc'
bad "the venue list is empty" --pool "x=venue-file:$data/empty.txt"
bad "bad_line.pool:4: pool 'broken'" --pool "@$data/bad_line.pool"
bad "pool 'ai' is given twice" --pool ai --pool ai
check "no output folder from a bad definition" test ! -e "$tmp/bad"

echo "$fail failed"
[ "$fail" -eq 0 ]

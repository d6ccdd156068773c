#!/usr/bin/env bash
# The study-to-work pipeline from ORCID records (tests/data/orcid) and linked OpenAlex
# works: pipeline.csv, its table in the store and the `pipeline` query.
# usage: pipeline.sh TALENTFLOW DATA_DIR SCRATCH_DIR
set -euo pipefail
tf=$1 data=$2/orcid tmp=$3
rm -rf "$tmp" && mkdir -p "$tmp"
fail=0
check() { # name, then a command that must succeed
    local name=$1
    shift
    if "$@"; then echo "ok: $name"; else echo "FAIL: $name"; fail=$((fail + 1)); fi
}
"$tf" run -q --orcid "$data" --openalex "$data/linked_works.jsonl" --link orcid -o "$tmp/out"
# 0000-0002-1825-0097 (record_v30.xml): bachelor BR 2005-2008, doctorate PT 2009-2013,
# employment DE and US to 2017, linked works in the US in 2018-2019.
check "pipeline.csv: BR first, PT doctorate 2013, working in the US" \
    grep -qx 'all,BR,PT,doctorate,2013,US,1' "$tmp/out/pipeline.csv"
check "pipeline.csv: header" \
    bash -c "head -1 '$tmp/out/pipeline.csv' | grep -qx 'pool,first_degree,highest_degree,degree,degree_year,work,n'"
check "query: where BR graduates work" \
    bash -c "'$tf' pipeline --store '$tmp/out' --from BR --format csv | grep -qx 'US,United States,1,1.000000'"
check "query: PT doctorates of BR graduates, by year" \
    bash -c "'$tf' pipeline --store '$tmp/out' --from BR --doctorate-in PT --format csv |
             grep -qx '2013,1,0,0.000000'"
# Without the link the record stands alone: work is the last employment (DE and US in
# 2017: the smaller code).
"$tf" run -q --orcid "$data/record_v30.xml" -o "$tmp/alone"
check "without works: work DE" grep -qx 'all,BR,PT,doctorate,2013,DE,1' "$tmp/alone/pipeline.csv"
set +e
"$tf" pipeline --store "$tmp/out" 2>"$tmp/err"
rc=$?
set -e
check "--from is required" bash -c "[ $rc -eq 2 ] && grep -q 'give --from' '$tmp/err'"
echo "$fail failed"
[ "$fail" -eq 0 ]

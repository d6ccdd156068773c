#!/usr/bin/env bash
# `talentflow fit` and `talentflow project` on the shipped MPIDR data: the
# default model, its files, the example scenario, determinism, and the exit
# status and message of the mistakes users make.
# usage: model.sh TALENTFLOW DATA_DIR SCRATCH_DIR
set -uo pipefail
tf=$1 data=$2 tmp=$3
root="$data/../.."
mpidr="$root/data/scholarly-migration"
rm -rf "$tmp" && mkdir -p "$tmp"
pass=0 fail=0
check() { # check NAME COMMAND...: passes when the command succeeds
    local name=$1
    shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}
status_is() { # status_is WANT COMMAND...: the command exits with WANT
    local want=$1
    shift
    "$@" >"$tmp/out" 2>"$tmp/err"
    [ $? -eq "$want" ]
}
lines() { [ "$(wc -l <"$1")" -eq "$2" ]; }
near() { # near A B: |A - B| <= 1e-6 |B|
    awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; exit !(d <= 1e-6 * m) }'
}

# -- fit: the default specification
"$tf" fit "$mpidr/scopus_2024_countryflows.csv.gz" --capitals "$mpidr/countries.csv" \
    -o "$tmp/model" >"$tmp/fit.out" 2>"$tmp/fit.err"
check "fit exits 0" [ $? -eq 0 ]
check "fit writes model.json" test -s "$tmp/model/model.json"
check "fit.csv has 7 terms" lines "$tmp/model/fit.csv" 8
check "the table names the zeros added" grep -q "26561 positive flows + 6199 zeros added" "$tmp/fit.out"
check "the table names the small-sample factor" grep -q "small-sample factor G/(G-1)" "$tmp/fit.out"
want=$(awk -F, '$1 == "od" && $2 == "dyad:log(distance)" { print $3 }' \
    "$root/tests/reference/expected_statsmodels.csv")
got=$(awk -F, '$1 == "dyad:log(distance)" { print $2 }' "$tmp/model/fit.csv")
check "distance elasticity as statsmodels" near "$got" "$want"

# -- fit --pool: a flow table with a pool column (as a run with talent pools writes)
# gives the same model as the rows of that pool alone; "all" is the default
zcat "$mpidr/scopus_2024_countryflows.csv.gz" | awk -v d="$tmp" '
    NR == 1 { print "pool," $0 > (d "/pools.csv"); print > (d "/phd.csv"); next }
    { print "all," $0 > (d "/pools.csv") }
    NR % 3 { print "phd," $0 > (d "/pools.csv"); print > (d "/phd.csv") }'
fit_q() { "$tf" fit "$@" --capitals "$mpidr/countries.csv" -q 2>"$tmp/err"; }
fit_q "$tmp/phd.csv" -o "$tmp/m_phd" && fit_q "$tmp/pools.csv" --pool phd -o "$tmp/m_pool_phd" &&
    fit_q "$tmp/pools.csv" -o "$tmp/m_pool_all"
check "fit --pool runs" [ $? -eq 0 ]
check "--pool phd = the phd rows alone" cmp -s "$tmp/m_phd/fit.csv" "$tmp/m_pool_phd/fit.csv"
check "no --pool = the rows of all" cmp -s "$tmp/model/fit.csv" "$tmp/m_pool_all/fit.csv"
check "... and phd's model differs from all's" bash -c '! cmp -s "$1" "$2"' _ "$tmp/model/fit.csv" "$tmp/m_phd/fit.csv"
check "an unknown pool is a usage error" status_is 2 "$tf" fit "$tmp/pools.csv" --pool physics -o "$tmp/x"
check "... naming the file and its pools" grep -q "pools.csv: .*'physics'.*pools: all, phd" "$tmp/err"
check "--pool on a file without pools" status_is 2 "$tf" fit "$tmp/phd.csv" --pool phd -o "$tmp/x"
check "... says so" grep -q "phd.csv.*no pool column" "$tmp/err"

# -- project: the example scenario
"$tf" project "$tmp/model/model.json" --scenario "$root/examples/scenario.json" --years 10 \
    --draws 50 -o "$tmp/proj" >"$tmp/proj.out" 2>"$tmp/proj.err"
check "project exits 0" [ $? -eq 0 ]
check "stocks.csv: 40 countries x 11 years" lines "$tmp/proj/stocks.csv" 441
check "flows.csv: 40 x 39 corridors x 10 years" lines "$tmp/proj/flows.csv" 15601
check "China gains most" [ "$(sed -n 2p "$tmp/proj/headline.csv" | cut -d, -f1)" = CN ]
check "the United States lose most" [ "$(tail -1 "$tmp/proj/headline.csv" | cut -d, -f1)" = US ]
check "the headline is printed" grep -q "researchers gained (+) or lost (-) by 2028" "$tmp/proj.out"
"$tf" project -q "$tmp/model/model.json" --scenario "$root/examples/scenario.json" --years 10 \
    --draws 50 -o "$tmp/proj2"
check "same seed, same bytes" cmp -s "$tmp/proj/stocks.csv" "$tmp/proj2/stocks.csv"
check "the scenario is kept as written" cmp -s "$root/examples/scenario.json" "$tmp/proj/scenario.json"
"$tf" project -q "$tmp/model/model.json" --years 10 --draws 5 -o "$tmp/proj2"
check "a projection without a scenario drops the old copy" [ ! -e "$tmp/proj2/scenario.json" ]

# -- the summaries in Chinese; the numbers and the table stay
"$tf" fit "$mpidr/scopus_2024_countryflows.csv.gz" --capitals "$mpidr/countries.csv" \
    -o "$tmp/model_zh" --lang zh-Hans >"$tmp/fit_zh.out" 2>&1
check "fit --lang zh-Hans" grep -q "面板：32760 个观测 = 26561 个正流量 + 补全时加入的 6199 个零值" \
    "$tmp/fit_zh.out"
check "fit --lang keeps the table head" grep -q "^term  *estimate" "$tmp/fit_zh.out"
"$tf" project "$tmp/model/model.json" --scenario "$root/examples/scenario.json" --years 10 \
    --draws 5 -o "$tmp/proj_zh" --lang zh-Hant >"$tmp/proj_zh.out" 2>&1
check "project --lang zh-Hant" grep -q "到2028年與基準相比各國研究人員的增（+）減（-）：" "$tmp/proj_zh.out"
# the gains table names countries in the language, in columns that line up on a
# terminal (a Chinese character takes two columns)
aligned() { # every row of the table after the line matching $2 in file $1 ends its
    # numbers at the same terminal column as the head
    python3 - "$1" "$2" <<'PY'
import re, sys, unicodedata
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
at = next(i for i, l in enumerate(lines) if sys.argv[2] in l) + 1
cols = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
def ends(l):  # the column where the gain ends
    m = re.match(r"(.*? [+-]?\d+ +[+-]?\d+ +[+-]?\d+ +[+-]\d+)", l)
    return cols(m.group(1)) if m else None
head = cols(lines[at].rstrip())
rows = [l for l in lines[at + 1:] if re.match(r"[A-Z]{2} ", l)]
assert rows and all(ends(l) == head for l in rows), (head, [(ends(l), l) for l in rows])
PY
}
check "project --lang: names translated" grep -q "^US   美國 " "$tmp/proj_zh.out"
check "project --lang: the table lines up" aligned "$tmp/proj_zh.out" "與基準相比"
check "--lang wants a known language" status_is 2 "$tf" fit x.csv --lang fr

# -- mistakes
check "fit without a flow table is a usage error" status_is 2 "$tf" fit
check "fit with an unknown --fe is a usage error" status_is 2 "$tf" fit x.csv --fe bogus
check "fit of a missing file is a data error" status_is 1 "$tf" fit "$tmp/none.csv" -o "$tmp/x"
check "... naming the file" grep -q "none.csv" "$tmp/err"
check "fit of an unknown covariate" status_is 2 "$tf" fit "$mpidr/scopus_2024_countryflows.csv.gz" \
    --push log:rd_intensity -o "$tmp/x"
check "... lists the columns on offer" grep -q "gdp_per_capita" "$tmp/err"
check "a model from another version is refused" status_is 1 \
    "$tf" project "$data/model/model_v99.json" -o "$tmp/x"
check "... saying what to do" grep -q "refit the model" "$tmp/err"
check "an unknown country in a scenario is refused" status_is 1 \
    "$tf" project "$tmp/model/model.json" --scenario "$data/model/scenario_unknown_country.json"
check "... naming the place" grep -q "changes\[1\]: 'XX' is not a country" "$tmp/err"
check "a scenario year inside the data is refused" status_is 1 \
    "$tf" project "$tmp/model/model.json" --scenario "$data/model/scenario_year_in_data.json"
check "fit --help" status_is 0 "$tf" fit --help
check "project --help" status_is 0 "$tf" project --help

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

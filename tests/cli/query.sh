#!/usr/bin/env bash
# The query commands (flows, rates, where, top) on the store of a small fixed
# panel (tests/data/query/input.csv) match the expected answers in
# tests/data/query/*.out, worked out by hand from the panel; the store holds
# what docs/store.md says; errors are exit 1 or 2 with a message that helps.
# usage: query.sh TALENTFLOW DATA_DIR SCRATCH_DIR
# TF_UPDATE_GOLDEN=1 rewrites the expected answers (check them by hand after).
set -uo pipefail
tf=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") data=$2 tmp=$3
rm -rf "$tmp" && mkdir -p "$tmp"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

"$tf" run -q --csv "$data/query/input.csv" -o "$tmp/out" --persons || { echo "0 passed, 1 failed"; exit 1; }
store="$tmp/out"

# name | arguments (the store is added); the answer is compared with data/query/NAME.out
cases=(
    "flows_cn_us|flows --from CN --to US"
    "flows_from_cn|flows --from China --format csv"
    "flows_to_us_json|flows --to USA --years 2012-2014 --format json"
    "flows_cn_us_top|flows --from cn --to us --top 2 --format tsv"
    "rates_cn|rates --origin CN --k 2"
    "rates_cn_us|rates --origin CN --destination US --k 3 --format csv"
    "rates_cn_us_json|rates --origin CHN --destination US --k 3 --format json"
    "where_cn|where --origin CN"
    "where_cn_csv|where --origin China --pool all --format csv"
    "top_net|top"
    "top_in_2013|top --by in --year 2013 --format json"
    "top_out|top --by out --top 2 --format tsv"
    "top_corridor|top --by corridor --top 3 --format csv"
)
for c in "${cases[@]}"; do
    name=${c%%|*} args=${c#*|}
    # shellcheck disable=SC2086
    "$tf" $args --store "$store" >"$tmp/$name.out" 2>"$tmp/$name.err"
    st=$?
    if [ "${TF_UPDATE_GOLDEN:-}" = 1 ]; then cp "$tmp/$name.out" "$data/query/$name.out"; fi
    if [ $st -ne 0 ]; then
        bad "$name: status $st: $(head -3 "$tmp/$name.err")"
    elif ! diff -u "$data/query/$name.out" "$tmp/$name.out"; then
        bad "$name: answer differs"
    else
        ok
    fi
done

expect() { # expect NAME WANT_STATUS GREP_PATTERN -- command...
    local name=$1 want=$2 pat=$3
    shift 4
    "$@" >"$tmp/out.txt" 2>"$tmp/err.txt"
    local got=$?
    if [ "$got" -ne "$want" ] || { [ -n "$pat" ] && ! grep -qE -- "$pat" "$tmp/err.txt"; }; then
        bad "$name: status $got (want $want): $(head -3 "$tmp/err.txt")"
    else
        ok
    fi
}

s=(--store "$store")
expect "help" 0 "" -- "$tf" flows --help
expect "store file itself" 0 "" -- "$tf" top --store "$store/talentflow.sqlite"
expect "unknown country" 2 "unknown country 'Atlantis'" -- "$tf" flows "${s[@]}" --from Atlantis --to US
expect "same country" 2 "same country" -- "$tf" flows "${s[@]}" --from CN --to CHN
expect "flows needs a country" 2 "give --from" -- "$tf" flows "${s[@]}"
expect "country not in store" 1 "ZW \(Zimbabwe\) does not appear" -- "$tf" flows "${s[@]}" --from CN --to ZW
expect "no moves in years" 1 "no moves between CN \(China\) and US .* in 1990-1995 \(the store covers 2010-2018\)" -- \
    "$tf" flows "${s[@]}" --from CN --to US --years 1990-1995
expect "bad years" 2 "--years" -- "$tf" flows "${s[@]}" --from CN --years 2020-2010
expect "rates needs origin" 2 "give --origin" -- "$tf" rates "${s[@]}"
expect "bad k" 2 "--k wants years from 1 to 10" -- "$tf" rates "${s[@]}" --origin CN --k 0
expect "no rates" 1 "no one from GB \(United Kingdom\) went to DE" -- "$tf" rates "${s[@]}" --origin GB --destination DE
expect "unknown pool" 2 "no such talent pool; its pools: all$" -- "$tf" where "${s[@]}" --origin CN --pool physics
expect "origin not in store" 1 "FR \(France\) does not appear" -- "$tf" where "${s[@]}" --origin FR
expect "bad by" 2 "--by wants net, in, out or corridor" -- "$tf" top "${s[@]}" --by up
expect "no moves that year" 1 "no moves in 1999" -- "$tf" top "${s[@]}" --year 1999
expect "bad format" 2 "--format wants" -- "$tf" top "${s[@]}" --format xml
expect "missing store" 1 "writes DIR/talentflow.sqlite; give that folder with --store DIR" -- "$tf" top --store "$tmp/nowhere"
# titles and messages in Chinese (country names from iso-codes); the table stays as it is
"$tf" flows "${s[@]}" --from CN --to US --lang zh-Hans >"$tmp/zh.out" 2>&1
if [ "$(head -1 "$tmp/zh.out")" = "中国（CN）与美国（US）之间的双向流动，按年份，所有年份" ] &&
    [ "$(tail -n +2 "$tmp/zh.out")" = "$(tail -n +2 "$data/query/flows_cn_us.out")" ]; then ok; else
    bad "flows --lang zh-Hans: $(head -1 "$tmp/zh.out")"
fi
expect "message in Traditional Chinese" 1 "1990-1995年內中國（CN）與美國（US）之間沒有移動（結果資料庫涵蓋 2010-2018年）" -- \
    "$tf" flows "${s[@]}" --from CN --to US --years 1990-1995 --lang zh-Hant
expect "unknown language" 2 "--lang wants en, zh-Hans or zh-Hant" -- "$tf" top "${s[@]}" --lang de
"$tf" run -q --csv "$data/query/input.csv" -o "$tmp/zh_run" --lang zh-Hant &&
    grep -q '<html lang="zh-Hant">' "$tmp/zh_run/report.html" && ok ||
    bad "run --lang zh-Hant did not write the report in Traditional Chinese"
expect "default store missing" 1 "talentflow.sqlite: no results store" -- bash -c "cd '$tmp' && '$tf' top"
printf 'person,year\n' >"$tmp/not.sqlite"
expect "not a store" 1 "not a talentflow results store" -- "$tf" top --store "$tmp/not.sqlite"

# an empty answer still gives parsable output to a pipe
[ "$("$tf" top "${s[@]}" --year 1999 --format json 2>/dev/null)" = "[]" ] && ok || bad "empty json is not []"

# the store: every table, meta, inputs with checksums, skips; no temporary file left
if compgen -G "$store/*.tmp-*" >/dev/null; then bad "temporary files left"; else ok; fi
if command -v python3 >/dev/null; then
    if python3 - "$store/talentflow.sqlite" "$data/query/input.csv" <<'EOF'; then ok; else bad "store contents"; fi
import sqlite3, sys, zlib
db = sqlite3.connect(sys.argv[1])
q = lambda sql: db.execute(sql).fetchall()
tables = {r[0] for r in q("SELECT name FROM sqlite_master WHERE type = 'table'")}
want = {"meta", "inputs", "skips", "countries", "country_year", "flows", "classes", "whereabouts",
        "returns", "stays", "persons"}
assert want <= tables, tables
meta = dict(q("SELECT key, value FROM meta"))
assert meta["schema_version"] == "3" and meta["format"] == "csv" and meta["persons_kept"] == "1"
assert meta["people"] == "12" and meta["moves"] == "13" and meta["records"] == "34", meta
assert '"min_works": 0' in meta["options"], meta["options"]
crc = "%08x" % zlib.crc32(open(sys.argv[2], "rb").read())
assert q("SELECT path, bytes, crc32 FROM inputs") == [(sys.argv[2], len(open(sys.argv[2], "rb").read()), crc)]
assert q("SELECT COUNT(*), SUM(n) FROM skips") == [(26, 0)]
assert q("SELECT code FROM countries ORDER BY code") == [("CN",), ("DE",), ("GB",), ("KR",), ("US",)]
assert q("SELECT COUNT(*) FROM persons") == [(12,)]
assert q("SELECT * FROM persons WHERE person = 'c1'") == [("c1", "CN", 2010, 2016, "migrant", 2, "CN", 4, "")]
assert q("SELECT name, definition, people, moves, ordinal FROM pools") == [("all", "", 12, 13, 0)]
assert q("SELECT COUNT(*) FROM flows WHERE pool <> 'all'") == [(0,)]
assert q("SELECT in_rate, out_rate, net_rate FROM country_year WHERE year = 2016 AND country = 'GB'") == [(None, None, None)]
assert q("SELECT COUNT(*) FROM returns WHERE destination = '*' AND cohort IS NULL") == [(40,)]
assert q("SELECT COUNT(*) FROM stays WHERE cohort IS NULL AND destination = '*'") == [(40,)]
km = q("SELECT km FROM returns WHERE origin = 'CN' AND destination = '*' AND cohort IS NULL AND k = 2")
assert len(km) == 1 and abs(km[0][0] - 0.2) < 1e-12, km
assert q("SELECT origin, country, n FROM whereabouts WHERE pool = 'all' ORDER BY 1, 2") == \
    q("SELECT origin, last_country, COUNT(*) FROM persons GROUP BY 1, 2 ORDER BY 1, 2")
assert q("PRAGMA integrity_check") == [("ok",)]
EOF
fi

# two pools: "phd" gets a few rows derived from "all" (a CSV run has no pool
# criteria); every answer of "all" stays as it was, "phd" answers with its rows only
two="$tmp/two"
mkdir -p "$two" && cp "$store/talentflow.sqlite" "$two/"
sqlite3 "$two/talentflow.sqlite" "
INSERT INTO pools VALUES ('phd', 'career: 0..5; min-works: 1', 3, 2, 1);
INSERT INTO flows SELECT 'phd', origin, destination, year, 1, 0, 1 FROM flows
  WHERE pool = 'all' AND origin = 'CN';
INSERT INTO returns SELECT 'phd', origin, destination, cohort, k, departed, returned, observed, km
  FROM returns WHERE pool = 'all' AND origin = 'DE';
INSERT INTO stays SELECT 'phd', origin, destination, cohort, k, arrived, stayed, observed
  FROM stays WHERE pool = 'all' AND origin = 'DE';
INSERT INTO country_year SELECT 'phd', year, country, population, in_migrations, out_migrations,
  net_migration, in_rate, out_rate, net_rate, births, deaths FROM country_year
  WHERE pool = 'all' AND country IN ('CN', 'US');
INSERT INTO whereabouts VALUES ('phd', 'CN', 'CN', 1);" || bad "cannot make the two-pool store"
for c in "${cases[@]}"; do
    name=${c%%|*} args=${c#*|}
    # shellcheck disable=SC2086
    "$tf" $args --store "$two" >"$tmp/two_$name.out" 2>&1 &&
        diff -q "$data/query/$name.out" "$tmp/two_$name.out" >/dev/null && ok ||
        bad "two pools: $name differs from the one-pool answer"
done
pool_is() { # pool_is NAME WANT_CSV_BODY -- command...: the CSV answer without its header
    local name=$1 want=$2
    shift 3
    local got
    got=$("$@" --store "$two" --format csv 2>"$tmp/err.txt" | tail -n +2)
    [ "$got" = "$want" ] && ok || bad "$name: got '$got', want '$want' ($(head -1 "$tmp/err.txt"))"
}
want=$(sqlite3 -csv "$two/talentflow.sqlite" "SELECT origin, destination, SUM(n), 0, SUM(n)
  FROM flows WHERE pool = 'phd' GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2")
pool_is "flows --pool phd" "$want" -- "$tf" flows --from CN --pool phd
pool_is "flows --pool phd, corridor" "$(sqlite3 -csv "$two/talentflow.sqlite" "SELECT year, 1, 0, 1
  FROM flows WHERE pool = 'phd' AND destination = 'US' ORDER BY year")" -- \
    "$tf" flows --from CN --to US --pool phd
pool_is "flows --pool phd, nothing back" "" -- "$tf" flows --to CN --pool phd
pool_is "rates --pool phd is DE's of all" "$("$tf" rates --store "$two" --format csv --origin DE | tail -n +2)" -- \
    "$tf" rates --origin DE --pool phd
expect "rates --pool phd has no CN" 1 "no one from CN" -- "$tf" rates --store "$two" --origin CN --pool phd
pool_is "where --pool phd" "CN,China,1,1.000000" -- "$tf" where --origin CN --pool phd
pool_is "top --pool phd: CN and US only" "$(sqlite3 -csv "$two/talentflow.sqlite" "SELECT country
  FROM country_year WHERE pool = 'phd' GROUP BY country HAVING SUM(net_migration) <> 0
  ORDER BY SUM(net_migration) DESC")" -- bash -c "\"\$@\" | cut -d, -f1" _ "$tf" top --pool phd
expect "unknown pool lists the pools" 2 "--pool physics: .* has no such talent pool; its pools: all, phd" -- \
    "$tf" top --store "$two" --pool physics
expect "unknown pool in flows" 2 "no such talent pool" -- "$tf" flows --store "$two" --from CN --pool PhD

# a second run replaces the store whole
"$tf" run -q --csv "$data/query/input.csv" -o "$store" --years 2010-2013 &&
    [ "$("$tf" flows --store "$store" --from CN --to US --format csv | tail -1)" = "2013,1,0,1" ] && ok ||
    bad "second run did not replace the store"
# without --persons the store has no persons, and where answers all the same
"$tf" run -q --csv "$data/query/input.csv" -o "$tmp/lean" --years 2010-2013 || bad "run without --persons"
[ "$(sqlite3 "$tmp/lean/talentflow.sqlite" "SELECT COUNT(*) FROM persons")" = 0 ] && ok ||
    bad "a run without --persons filled the store's persons"
cmp -s <("$tf" where --store "$store" --origin CN --format csv) \
    <("$tf" where --store "$tmp/lean" --origin CN --format csv) && ok ||
    bad "where differs without --persons"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/usr/bin/env bash
# Exit codes, messages that name the file and line, counted skips, --strict, and
# no partial output under final names.
# usage: errors.sh TALENTFLOW DATA_DIR SCRATCH_DIR
set -uo pipefail
tf=$1 data=$2 tmp=$3
rm -rf "$tmp" && mkdir -p "$tmp"
pass=0 fail=0

expect() { # expect NAME WANT_STATUS GREP_PATTERN -- command...
    local name=$1 want=$2 pat=$3; shift 4
    "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [ "$got" -ne "$want" ] || { [ -n "$pat" ] && ! grep -qE -- "$pat" "$tmp/err" "$tmp/out"; }; then
        echo "FAIL: $name: status $got (want $want), output:"; cat "$tmp/err" "$tmp/out" | head -5
        fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
}

expect "no command" 2 "usage" -- "$tf"
expect "unknown command" 2 "unknown command" -- "$tf" frobnicate
expect "help" 0 "commands:" -- "$tf" --help
expect "run help" 0 "--min-works" -- "$tf" run --help
expect "extract help" 0 "person,year,country" -- "$tf" extract --help
expect "synth help" 0 "--people" -- "$tf" synth --help
expect "run without input" 2 "no input" -- "$tf" run -o "$tmp/x"
expect "run without -o" 2 "-o DIR" -- "$tf" run --csv "$data/cli/panel.csv"
expect "unknown option" 2 "" -- "$tf" run --bogus
expect "bad years" 2 "--years" -- "$tf" run --csv "$data/cli/panel.csv" -o "$tmp/x" --years 2020-2010
expect "bad count" 2 "not a valid count" -- "$tf" run --csv "$data/cli/panel.csv" -o "$tmp/x" --threads 0
expect "missing file" 1 "nope.csv" -- "$tf" run --csv "$tmp/nope.csv" -o "$tmp/x"

# bad rows are skipped and counted, named by file and line; the run succeeds
expect "bad rows counted" 0 "bad_rows.csv:3" -- "$tf" run --csv "$data/cli/bad_rows.csv" -o "$tmp/bad"
grep -q '"bad_country": 1' "$tmp/bad/summary.json" && grep -q '"bad_year": 1' "$tmp/bad/summary.json" ||
    { echo "FAIL: skips not in summary.json"; fail=$((fail + 1)); }
# --strict turns the first bad row into exit 1 and writes no tables
expect "strict" 1 "bad_rows.csv:3" -- "$tf" run --strict --csv "$data/cli/bad_rows.csv" -o "$tmp/strict"
if [ -e "$tmp/strict/flows.csv" ]; then echo "FAIL: strict run wrote tables"; fail=$((fail + 1)); fi
# no temporary files are left behind by a successful run
if ls "$tmp/bad" | grep -q tmp; then echo "FAIL: temporary files left"; fail=$((fail + 1)); fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

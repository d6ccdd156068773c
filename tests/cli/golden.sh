#!/usr/bin/env bash
# The tables of a small hand-worked panel (tests/data/cli/panel.csv) match the
# expected files in tests/data/cli/panel/, worked out by hand in docs/method.md terms.
# usage: golden.sh TALENTFLOW DATA_DIR SCRATCH_DIR
set -euo pipefail
tf=$1 data=$2 tmp=$3
rm -rf "$tmp" && mkdir -p "$tmp"
"$tf" run -q --csv "$data/cli/panel.csv" -o "$tmp/out" --persons
fail=0
for t in country_year.csv flows.csv classes.csv returns.csv stays.csv persons.csv; do
    if ! diff -u "$data/cli/panel/$t" "$tmp/out/$t"; then fail=$((fail + 1)); fi
done
echo "$((6 - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]

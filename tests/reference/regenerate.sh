#!/usr/bin/env bash
# Regenerates the expected values that tests/unit/test_ppml.c compares
# `talentflow fit` against, from two independent estimators on the shipped
# MPIDR data: statsmodels' GLM Poisson and R's glm quasipoisson.
#
# Needs (not in CI): apt-get install python3-statsmodels r-base-core
# usage: tests/reference/regenerate.sh [TALENTFLOW_BIN]
#   With the binary, also checks that talentflow completes the panel exactly
#   as the Python script does (same pairs, years and flows, in the same order).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$here/statsmodels_ppml.py" "$tmp"
Rscript "$here/glm_quasipoisson.R" "$tmp"
cp "$tmp/expected_panel.csv" "$tmp/expected_statsmodels.csv" "$tmp/expected_r.csv" "$here/"
if [ $# -ge 1 ]; then
    data="$here/../../data/scholarly-migration"
    "$1" fit -q "$data/scopus_2024_countryflows.csv.gz" --capitals "$data/countries.csv" \
        -o "$tmp/fit" --panel "$tmp/tf_panel.csv"
    paste -d, <(cut -d, -f1-4 "$tmp/panel_od.csv" | tail -n +2) \
              <(cut -d, -f1-4 "$tmp/tf_panel.csv" | tail -n +2) |
        awk -F, '$1!=$5 || $2!=$6 || $3!=$7 || $4!=$8 { bad++ } END { exit bad > 0 }' ||
        { echo "regenerate: talentflow's completed panel differs from the reference" >&2; exit 1; }
fi
echo "regenerate: wrote expected_panel.csv, expected_statsmodels.csv, expected_r.csv"

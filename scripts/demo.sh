#!/usr/bin/env bash
# Installs dependencies, builds, and runs talentflow on bundled data: the
# mobility tables, store and report of a synthetic world (20,000 researchers in
# 20 countries over 2000-2020), then the push-pull model fitted to the real
# MPIDR flows shipped in data/ and a ten-year scenario projection, and the
# report with the model and the projection in English and in Simplified Chinese.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
tf=build/talentflow
out=${1:-demo}
rm -rf "$out"
echo "== talentflow synth: a synthetic world in OpenAlex snapshot layout"
$tf synth --people 20000 --seed 7 --params examples/world.conf -o "$out/world"
echo "== talentflow run: mobility tables"
$tf run --openalex "$out/world/works" -o "$out/tables" --persons
echo
echo "Tables are in $out/tables/:"
ls "$out/tables"
echo
echo "== talentflow top: biggest net gainers and losers (from the store)"
$tf top --store "$out/tables" --top 5
echo
echo "== talentflow fit: the push-pull model on real MPIDR flows (Scopus, 1998-2018)"
$tf fit data/scholarly-migration/scopus_2024_countryflows.csv.gz \
    --capitals data/scholarly-migration/countries.csv -o "$out/model"
echo
echo "== talentflow project: ten years under examples/scenario.json"
$tf project "$out/model/model.json" --scenario examples/scenario.json --years 10 \
    -o "$out/projection"
echo
echo "== talentflow report: the run with the model and the projection, in English and Chinese"
$tf report "$out/tables" --model "$out/model" --projection "$out/projection"
$tf report "$out/tables" --model "$out/model" --projection "$out/projection" --lang zh-Hans \
    -o "$out/tables/report.zh-Hans.html"
echo
echo "Report: $out/tables/report.html and $out/tables/report.zh-Hans.html (open in a browser)"

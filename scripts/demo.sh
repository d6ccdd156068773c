#!/usr/bin/env bash
# Installs dependencies, builds, and runs talentflow on a bundled synthetic
# world: 20,000 researchers in 20 countries over 2000-2020.
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
echo "Report: $out/tables/report.html (open it in a browser)"

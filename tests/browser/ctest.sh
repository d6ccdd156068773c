#!/usr/bin/env bash
# ctest's browser test: a small synthetic world and the ORCID fixtures run into a report, then
# tests/browser/run.sh on it. Exit 77 (skipped) without Chromium.
#   tests/browser/ctest.sh TALENTFLOW SCRATCH_DIR
set -euo pipefail
tf=$1 scratch=$2
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || [ -n "${CHROMIUM:-}" ] ||
    exit 77
rm -rf "$scratch" && mkdir -p "$scratch"
"$tf" synth --people 3000 --seed 7 -o "$scratch/world" 2>/dev/null
"$tf" run -q --openalex "$scratch/world/works" \
    --orcid "$(dirname "$0")/../data/orcid/records.tar.gz" -o "$scratch/tables"
exec bash "$(dirname "$0")/run.sh" "$tf" "$scratch/browser" "$scratch/tables"

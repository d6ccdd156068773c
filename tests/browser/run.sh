#!/usr/bin/env bash
# Browser test of the HTML report, as a user would open it: headless Chromium
# loads the report of a demo run in English and in Simplified Chinese, must
# log no console message at all, must find every chart (the model, projection
# and pipeline ones too) and the enhanced tables, must draw every character
# with a real glyph and keep every text inside its box, and saves screenshots.
#
#   tests/browser/run.sh TALENTFLOW_BIN SCRATCH_DIR [RUN_DIR]
#
# Without RUN_DIR a synthetic world (the demo's 20,000 people, seed 7) and the
# ORCID fixtures of tests/data/orcid (education records: the pipeline) are run
# first. The model is fitted to the shipped MPIDR flows and projected under
# examples/scenario.json. The screenshots are SCRATCH_DIR/report.png and
# SCRATCH_DIR/report.zh-Hans.png, for CI to keep. Needs Debian's `chromium`
# (or $CHROMIUM) and, for the Chinese page, a CJK font (fonts-noto-cjk). Ends
# with "N passed, M failed".
#
# How console errors are caught: Chromium started with --enable-logging=stderr
# writes every console message and uncaught exception of the page to stderr as
# a line containing ":CONSOLE". The report's script logs nothing, so any such
# line fails the test. A canary page with a deliberate console.error checks
# first that this Chromium still reports them that way. Network access is
# mapped to nowhere, so a fetch of any outside resource would fail and log.
#
# How missing glyphs and overflowing text are caught: tests/browser/layout.js,
# appended to a copy of each page, paints every non-ASCII character of the page
# in the page's own fonts and compares it with the missing-glyph box (the
# painting of U+10FFFD, which no font has); it checks that a private-use
# character is caught that way (the canary), that each chart's texts lie in its
# viewBox and do not collide, and that no heading or paragraph is wider than
# its box. tests/browser/layout.py reads its findings from the dumped DOM.
set -uo pipefail

bin=$(realpath "$1")
scratch=$2
run_dir=${3:-}
root=$(cd "$(dirname "$0")/../.." && pwd)
chrome=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

if [ -z "$chrome" ]; then
    bad "chromium not found (apt-get install chromium, or set CHROMIUM)"
    finish
fi
rm -rf "$scratch" && mkdir -p "$scratch"
scratch=$(realpath "$scratch")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

# Runs Chromium headless on file $1 with the extra arguments; stderr to $scratch/$2.log.
browse() {
    local page=$1 log=$2
    shift 2
    timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-quic --host-resolver-rules="MAP * ~NOTFOUND" --hide-scrollbars \
        --user-data-dir="$profile" --enable-logging=stderr --v=0 "$@" \
        "file://$page" 2>"$scratch/$log.log"
}

console_lines() { grep -E ':CONSOLE|Uncaught' "$scratch/$1.log" || true; }

# 1. The canary: a console error must be seen.
printf '%s\n' '<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head>' \
    '<body><script>console.error("canary")</script></body></html>' >"$scratch/canary.html"
browse "$scratch/canary.html" canary --dump-dom >/dev/null
if console_lines canary | grep -q canary; then ok; else
    bad "this Chromium does not log console messages to stderr; the test cannot see errors"
fi

# 2. A demo run, a model and a projection, and the report in two languages.
if [ -z "$run_dir" ]; then
    run_dir=$scratch/run
    "$bin" synth --people 20000 --seed 7 --params "$root/examples/world.conf" \
        -o "$scratch/world" >/dev/null 2>&1 || bad "synth failed"
    "$bin" run --openalex "$scratch/world/works" --orcid "$root/tests/data/orcid/records.tar.gz" \
        -o "$run_dir" -q || bad "run failed"
fi
"$bin" fit "$root/data/scholarly-migration/scopus_2024_countryflows.csv.gz" \
    --capitals "$root/data/scholarly-migration/countries.csv" -o "$scratch/model" -q ||
    bad "fit failed"
"$bin" project "$scratch/model/model.json" --scenario "$root/examples/scenario.json" \
    --years 10 -o "$scratch/projection" -q || bad "project failed"
langs="en zh-Hans"
for lang in $langs; do
    page=$scratch/report.$lang.html
    [ "$lang" = en ] && page=$scratch/report.html
    if "$bin" report "$run_dir" -q --lang "$lang" --model "$scratch/model" \
        --projection "$scratch/projection" -o "$page" && [ -s "$page" ]; then ok; else
        bad "talentflow report --lang $lang did not write $page"
        finish
    fi
done
report=$scratch/report.html
charts="chart-focus-flows chart-focus-returns chart-flows chart-net chart-rates chart-returns
    chart-cohorts chart-classes chart-model chart-projection"
if grep -q '<svg id="chart-pipeline"' "$report"; then
    charts="$charts chart-pipeline"
elif [ "$run_dir" = "$scratch/run" ]; then
    bad "no pipeline chart from a run with ORCID records"
else
    echo "note: $run_dir has no education records; the pipeline chart is not checked"
fi

# 3. Self-contained: nothing to fetch.
for page in "$scratch"/report*.html; do
    if grep -qE '(src|href)="(https?:)?//|@import|url\(["'"'"']?https?:' "$page"; then
        bad "$page refers to an outside resource"
    else ok; fi
done

# 4. Each page as a browser builds it: charts, enhanced tables, no console
#    message; then glyphs and text boxes (layout.js).
for lang in $langs; do
    page=$scratch/report.$lang.html
    [ "$lang" = en ] && page=$report
    if grep -q "<html lang=\"$lang\">" "$page"; then ok; else bad "$page is not lang=$lang"; fi
    browse "$page" "dom-$lang" --dump-dom >"$scratch/dom-$lang.html"
    for id in $charts; do
        if grep -q "<svg id=\"$id\"" "$scratch/dom-$lang.html"; then ok; else
            bad "$lang: chart $id missing"
        fi
    done
    if grep -q 'data-enhanced="1"' "$scratch/dom-$lang.html"; then ok; else
        bad "$lang: the page's script did not run to its end"
    fi
    if grep -q '<th scope="col"><button type="button">' "$scratch/dom-$lang.html"; then ok; else
        bad "$lang: table heads were not made sortable"
    fi
    if [ -z "$(console_lines "dom-$lang")" ]; then ok; else
        bad "$lang: console messages:"
        console_lines "dom-$lang"
    fi
    { cat "$page"; echo '<script>'; cat "$root/tests/browser/layout.js"; echo '</script>'; } \
        >"$scratch/layout-$lang.html"
    browse "$scratch/layout-$lang.html" "layout-$lang" --window-size=1280,4800 --dump-dom \
        >"$scratch/layout-dom-$lang.html"
    if python3 "$root/tests/browser/layout.py" "$scratch/layout-dom-$lang.html" "$lang"; then
        ok
    else bad "$lang: glyphs or text boxes (lines above)"; fi
done

# 5. Sorting, as a click on a table head does it: the corridors' table by its
#    third column, once up and once down.
cat "$report" - >"$scratch/sorted.html" <<'EOF'
<script>(function () {
  var t = document.querySelector("#flows table.sortable"), th = t.tHead.rows[0].cells[2];
  function column() {
    return Array.prototype.map.call(t.tBodies[0].rows, function (r) {
      return r.cells[2].getAttribute("data-v");
    }).join(" ");
  }
  th.querySelector("button").click();
  var up = column();
  th.querySelector("button").click();
  document.documentElement.setAttribute("data-check",
    up + "/" + column() + "/" + th.getAttribute("aria-sort"));
})();</script>
EOF
browse "$scratch/sorted.html" sorted --dump-dom >"$scratch/sorted-dom.html"
check=$(grep -o 'data-check="[^"]*"' "$scratch/sorted-dom.html" | sed 's/data-check="//; s/"$//')
up=${check%%/*} rest=${check#*/}
down=${rest%%/*}
if [ -n "$up" ] && tr ' ' '\n' <<<"$up" | sort -n -c 2>/dev/null &&
    [ "$(tr ' ' '\n' <<<"$down")" = "$(tr ' ' '\n' <<<"$up" | tac)" ] &&
    [ "${check##*/}" = descending ]; then ok; else
    bad "sorting the corridors by moves gave '$check'"
fi

# 6. The screenshots CI keeps.
for lang in $langs; do
    page=$scratch/report.$lang.html shot=$scratch/report.$lang.png
    [ "$lang" = en ] && page=$report shot=$scratch/report.png
    browse "$page" "shot-$lang" --screenshot="$shot" --window-size=1280,4800 >/dev/null
    if [ -s "$shot" ] && [ "$(head -c 4 "$shot" | tail -c 3)" = PNG ]; then
        ok
        echo "screenshot: $shot"
    else bad "no screenshot $shot"; fi
    if [ -z "$(console_lines "shot-$lang")" ]; then ok; else
        bad "$lang: console messages while rendering"
    fi
done

finish

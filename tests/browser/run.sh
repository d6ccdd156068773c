#!/usr/bin/env bash
# Browser test of the HTML report, as a user would open it: headless Chromium
# loads the report of a demo run, must log no console message at all, must
# find every chart and the enhanced tables, and saves a screenshot.
#
#   tests/browser/run.sh TALENTFLOW_BIN SCRATCH_DIR [RUN_DIR]
#
# Without RUN_DIR a synthetic world is generated and run first (the demo's
# 20,000 people, seed 7). The screenshot is SCRATCH_DIR/report.png, for CI to
# keep. Needs Debian's `chromium` (or $CHROMIUM). Ends with "N passed, M failed".
#
# How console errors are caught: Chromium started with --enable-logging=stderr
# writes every console message and uncaught exception of the page to stderr as
# a line containing ":CONSOLE". The report's script logs nothing, so any such
# line fails the test. A canary page with a deliberate console.error checks
# first that this Chromium still reports them that way. Network access is
# mapped to nowhere, so a fetch of any outside resource would fail and log.
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

# 2. A demo run and its report.
if [ -z "$run_dir" ]; then
    run_dir=$scratch/run
    "$bin" synth --people 20000 --seed 7 --params "$root/examples/world.conf" \
        -o "$scratch/world" >/dev/null 2>&1 || bad "synth failed"
    "$bin" run --openalex "$scratch/world/works" -o "$run_dir" -q || bad "run failed"
fi
if "$bin" report "$run_dir" -q && [ -s "$run_dir/report.html" ]; then ok; else
    bad "talentflow report did not write $run_dir/report.html"
    finish
fi
report=$(realpath "$run_dir/report.html")

# 3. Self-contained: nothing to fetch.
if grep -qE '(src|href)="(https?:)?//|@import|url\(["'"'"']?https?:' "$report"; then
    bad "the report refers to an outside resource"
else ok; fi

# 4. The page as a browser builds it: charts, enhanced tables, no console message.
browse "$report" dom --dump-dom >"$scratch/dom.html"
for id in chart-focus-flows chart-focus-returns chart-flows chart-net chart-rates chart-returns \
    chart-cohorts chart-classes; do
    if grep -q "<svg id=\"$id\"" "$scratch/dom.html"; then ok; else bad "chart $id missing"; fi
done
if grep -q 'data-enhanced="1"' "$scratch/dom.html"; then ok; else
    bad "the page's script did not run to its end"
fi
if grep -q '<th scope="col"><button type="button">' "$scratch/dom.html"; then ok; else
    bad "table heads were not made sortable"
fi
if [ -z "$(console_lines dom)" ]; then ok; else
    bad "console messages:"
    console_lines dom
fi

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

# 6. The screenshot CI keeps.
browse "$report" shot --screenshot="$scratch/report.png" --window-size=1280,4800 >/dev/null
if [ -s "$scratch/report.png" ] && [ "$(head -c 4 "$scratch/report.png" | tail -c 3)" = PNG ]; then
    ok
    echo "screenshot: $scratch/report.png"
else bad "no screenshot"; fi
if [ -z "$(console_lines shot)" ]; then ok; else bad "console messages while rendering"; fi

finish

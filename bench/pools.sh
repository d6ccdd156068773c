#!/usr/bin/env bash
# What talent pools cost: `talentflow run` on a synthetic world with 0, 1 and 3
# pools (ai; ai, ai-top, top-cited), best of 3 each, and the ratio to the run
# without pools (the baseline: the same command, same files, no --pool).
#
# usage: bench/pools.sh [BUILD_DIR] [PEOPLE]
#   BUILD_DIR  where talentflow is built          [build]
#   PEOPLE     size of the synthetic world         [20000]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
people=${2:-20000}
tf=$build/talentflow
work=${BENCH_DIR:-$build/bench}
[ -x "$tf" ] || { echo "bench: $tf not built"; exit 2; }
if [ ! -f "$work/world-$people/works/manifest" ]; then
    rm -rf "$work/world-$people"
    mkdir -p "$work"
    echo "generating a world of $people people ..."
    "$tf" synth --people "$people" --seed 1 -o "$work/world-$people" 2>/dev/null
fi

seconds() { # best of 3 wall-clock runs of a command, in seconds
    local best=""
    for _ in 1 2 3; do
        local t0 t1
        t0=$(date +%s.%N)
        "$@" >/dev/null
        t1=$(date +%s.%N)
        best=$(echo "$t0 $t1 $best" | awk '{d = $2 - $1; if ($3 == "" || d < $3) print d; else print $3}')
    done
    echo "$best"
}

run() { "$tf" run -q --openalex "$work/world-$people/works" -o "$work/pools-out" "$@"; }
t0=$(seconds run)
t1=$(seconds run --pool ai)
t3=$(seconds run --pool ai --pool ai-top --pool top-cited)
awk -v t0="$t0" -v t1="$t1" -v t3="$t3" -v p="$people" 'BEGIN {
    printf "world of %d people, talentflow run (all cores), best of 3\n", p
    printf "%-28s %7.2f s\n", "no pools (baseline)", t0
    printf "%-28s %7.2f s  x%.2f\n", "1 pool (ai)", t1, t1 / t0
    printf "%-28s %7.2f s  x%.2f\n", "3 pools (ai, ai-top, top-cited)", t3, t3 / t0
}'

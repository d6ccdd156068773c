#!/usr/bin/env bash
# Peak memory of `talentflow run` as the input grows: the synthetic worlds of
# 20,000, 80,000 and 320,000 people (1x, 4x, 16x; seed 1), each run with
# --memory 64M and with the default budget (1G), one thread and two. Prints
# seconds, peak RSS and people per run, and checks that every output file is
# byte-identical whatever the budget and thread count. The claim it measures
# (docs/scale.md): peak RSS stays below the budget plus a fixed overhead,
# whatever the number of people.
#
# usage: bench/memory.sh [BUILD_DIR] [SIZES...]      [build] [20000 80000 320000]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(20000 80000 320000)
tf=$build/talentflow
work=${BENCH_DIR:-$build/bench}
printf '%-8s %-8s %-8s %10s %10s %10s %10s\n' people memory threads seconds "peak RSS" "JSON GB" "persons"
for n in "${sizes[@]}"; do
    world=$work/world-$n
    if [ ! -f "$world/works/manifest" ]; then
        rm -rf "$world"
        "$tf" synth --people "$n" --seed 1 -o "$world" 2>/dev/null
    fi
    json=$(awk '{ s += $2 } END { printf "%.1f", s / 1e9 }' <(find "$world/works" -name '*.gz' \
        -exec sh -c 'printf "%s %s\n" "$1" "$(gzip -dc "$1" | wc -c)"' _ {} \;))
    first=""
    for mem in 64M 1G; do
        for t in 1 2; do
            out=$work/memory-out
            rm -rf "$out"
            /usr/bin/time -f "%e %M" -o "$work/memory.time" "$tf" run -q --openalex "$world/works" \
                --memory "$mem" --threads "$t" -o "$out"
            read -r s kb <"$work/memory.time"
            people=$(grep -m1 '"people"' "$out/summary.json" | grep -o '[0-9]*')
            printf '%-8s %-8s %-8s %8.2f s %7d MB %10s %10s\n' "$n" "$mem" "$t" "$s" $((kb / 1024)) \
                "$json" "$people"
            if [ -z "$first" ]; then
                first=$work/memory-first
                rm -rf "$first" && mv "$out" "$first"
            else
                for f in "$first"/*; do
                    cmp -s "$f" "$out/${f##*/}" || { echo "DIFFERENT: ${f##*/} with --memory $mem --threads $t"; exit 1; }
                done
            fi
        done
    done
    rm -rf "$work/memory-first"
done

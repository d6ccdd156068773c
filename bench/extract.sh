#!/usr/bin/env bash
# Throughput of `talentflow extract` on ~1 GB (uncompressed) of synthetic OpenAlex
# works, next to the cost of decompressing the same files with `igzip -dc`
# (ISA-L's own command, one core) -- the floor any reader of these files pays.
#
# usage: bench/extract.sh [BUILD_DIR] [PEOPLE]
#   BUILD_DIR  where talentflow is built                       [build]
#   PEOPLE     size of the synthetic world; ~1 GB of JSON at 15000  [15000]
# Needs: igzip (Debian package isal). Prints records/s, MB/s and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
people=${2:-15000}
tf=$build/talentflow
work=${BENCH_DIR:-$build/bench}
command -v igzip >/dev/null || { echo "bench: igzip not found (apt-get install isal)"; exit 2; }
[ -x "$tf" ] || { echo "bench: $tf not built"; exit 2; }

if [ ! -f "$work/world-$people/works/manifest" ]; then
    rm -rf "$work/world-$people"
    mkdir -p "$work"
    echo "generating a world of $people people ..."
    "$tf" synth --people "$people" --seed 1 -o "$work/world-$people" 2>/dev/null
fi
mapfile -t files < <(find "$work/world-$people/works" -name '*.gz' | LC_ALL=C sort)
gz_bytes=$(cat "${files[@]}" | wc -c)
raw_bytes=$(igzip -dc "${files[@]}" | wc -c)
records=$(igzip -dc "${files[@]}" | wc -l)

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

t_igzip=$(seconds taskset -c 0 igzip -dc "${files[@]}")
t_extract=$(seconds taskset -c 0 "$tf" extract -q --openalex "$work/world-$people/works" -o /dev/null)
t_run=$(seconds "$tf" run -q --openalex "$work/world-$people/works" -o "$work/out")

awk -v gz="$gz_bytes" -v raw="$raw_bytes" -v rec="$records" -v ti="$t_igzip" -v te="$t_extract" \
    -v tr="$t_run" -v n="${#files[@]}" 'BEGIN {
    printf "input: %d files, %.1f MB gzip, %.1f MB JSON, %d works\n", n, gz / 1e6, raw / 1e6, rec
    printf "%-34s %8.2f s %12.0f records/s %8.1f MB/s (JSON)\n", "igzip -dc > /dev/null (1 core)", ti, rec / ti, raw / 1e6 / ti
    printf "%-34s %8.2f s %12.0f records/s %8.1f MB/s (JSON)\n", "talentflow extract (1 core)", te, rec / te, raw / 1e6 / te
    printf "%-34s %8.2f s %12.0f records/s %8.1f MB/s (JSON)\n", "talentflow run (all cores)", tr, rec / tr, raw / 1e6 / tr
    printf "ratio extract / igzip: %.2f (1.00 = reading costs no more than decompressing)\n", te / ti
}'

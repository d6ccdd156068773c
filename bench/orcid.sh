#!/usr/bin/env bash
# Throughput of the ORCID reader on the annual-file layout, on a synthetic
# summaries tarball of RECORDS records (talentflow synth with every person
# holding a record and almost no works), next to `tar -xzOf TARBALL > /dev/null`
# on the same file -- decompressing and walking the tar, the floor any reader of
# it pays. Timed on one core, in interleaved rounds: the floor, the reader alone
# (bench/read_source.c: tf_source_next over every record, nothing written) and
# `talentflow extract --orcid` (the observations written as CSV). Prints each
# round, the medians and the ratios floor / reader (target: >= 0.5).
#
# usage: bench/orcid.sh [BUILD_DIR] [RECORDS] [ROUNDS]     [build] [100000] [5]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
records=${2:-100000}
rounds=${3:-5}
tf=$build/talentflow
work=${BENCH_DIR:-$build/bench}
[ -x "$tf" ] || { echo "bench: $tf not built"; exit 2; }

world=$work/orcid-world-$records
tarball=$world/orcid/summaries.tar.gz
if [ ! -f "$tarball" ]; then
    rm -rf "$world" && mkdir -p "$world"
    printf '%s\n' "people $records" "seed 1" "parts 1" "orcid_records 1" "works_per_year 0.01" \
        "coauthors 0" "outside_authors 0" >"$world.conf"
    echo "generating $records ORCID records ..."
    "$tf" synth --params "$world.conf" -o "$world" 2>/dev/null
fi
reader=$work/read_source
cc -O2 -std=c17 -Iinclude -I"$build/include" -o "$reader" bench/read_source.c \
    -L"$build/lib" -ltalentflow -Wl,-rpath,"$(realpath "$build/lib")"
gz=$(wc -c <"$tarball")
xml=$(tar -xzOf "$tarball" | wc -c)
members=$(tar -tzf "$tarball" | wc -l)

wall() { # seconds of one run of a command
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null
    t1=$(date +%s.%N)
    echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }'
}
echo "input: $members records, $((gz / 1000000)) MB gzip, $((xml / 1000000)) MB XML"
printf '%-6s %11s %11s %11s %7s %7s\n' round "tar -xzOf" reader extract "ratio" "(extr)"
ratios=() xratios=() t_tar=() t_rd=() t_tf=()
for r in $(seq "$rounds"); do
    a=$(wall taskset -c 0 tar -xzOf "$tarball")
    b=$(wall taskset -c 0 "$reader" orcid "$tarball")
    c=$(wall taskset -c 0 "$tf" extract -q --orcid "$tarball" -o /dev/null)
    t_tar+=("$a") t_rd+=("$b") t_tf+=("$c")
    ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')")
    xratios+=("$(awk -v a="$a" -v c="$c" 'BEGIN { printf "%.2f", a / c }')")
    printf '%-6s %9.2f s %9.2f s %9.2f s %7s %7s\n' "$r" "$a" "$b" "$c" "${ratios[-1]}" "${xratios[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
mt=$(median "${t_tar[@]}") mr=$(median "${t_rd[@]}") mx=$(median "${t_tf[@]}")
awk -v t="$mt" -v r="$mr" -v x="$mx" -v n="$members" -v b="$xml" -v q="$(median "${ratios[@]}")" \
    -v qx="$(median "${xratios[@]}")" 'BEGIN {
    printf "median tar -xzOf: %.2f s (%.0f records/s, %.1f MB/s of XML)\n", t, n / t, b / 1e6 / t
    printf "median reader:    %.2f s (%.0f records/s, %.1f MB/s of XML)\n", r, n / r, b / 1e6 / r
    printf "median extract:   %.2f s (%.0f records/s, %.1f MB/s of XML)\n", x, n / x, b / 1e6 / x
    printf "median ratio floor / reader: %.2f (target >= 0.5); floor / extract: %.2f\n", q, qx
}'

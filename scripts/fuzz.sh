#!/usr/bin/env bash
# Fuzzes one parser with libFuzzer (clang, ASan + UBSan).
#
#   scripts/fuzz.sh TARGET SECONDS               a random run, e.g. scripts/fuzz.sh csv 600
#   scripts/fuzz.sh --seed N --runs N TARGET     a reproducible run (what CI does)
#
# TARGET is lines, lines_zlib, csv, openalex, orcid, openalex_authors, merged,
# panel, model, scenario, synth, pools, store, report_model or catalogue.
# Builds build-fuzz/ when needed, replays the committed corpus (the seed fixtures and tests/data/fuzz/TARGET/),
# copies it into build-fuzz/corpus-TARGET (where libFuzzer adds what it finds
# interesting, kept between random runs) and fuzzes. A fixed seed only repeats
# a run from the same corpus, so --seed starts from the committed one alone.
# Crashing inputs go to build-fuzz/artifacts/TARGET/, never the checkout; on a
# finding this prints the input as hex, the report, and what to do next.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    echo "usage: scripts/fuzz.sh [--seed N] [--runs N] TARGET [SECONDS]" >&2
    echo "       TARGET: lines lines_zlib csv openalex orcid openalex_authors merged" >&2
    echo "               panel model scenario synth pools store report_model catalogue" >&2
    exit 2
}

seed="" runs="" rerun=""
while [ $# -gt 0 ]; do
    case $1 in
    --seed) seed=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    -h | --help) usage ;;
    -*) usage ;;
    *) break ;;
    esac
done
[ $# -ge 1 ] || usage
target=${1#fuzz_}
seconds=${2:-}
[ -n "$seconds" ] || [ -n "$runs" ] || usage

# The committed corpus of each target (tests/fuzz/CMakeLists.txt replays the same).
data=tests/data
case $target in
lines | lines_zlib) dirs=("$data/io" "$data/fuzz/lines" "$data/fuzz/lines_zlib") ;;
csv) dirs=("$data/csv" "$data/fuzz/csv") ;;
openalex) dirs=("$data/openalex" "$data/fuzz/openalex") ;;
orcid) dirs=("$data/orcid" "$data/fuzz/orcid") ;;
openalex_authors) dirs=("$data/openalex-authors" "$data/fuzz/openalex_authors") ;;
merged | panel | model | scenario | synth | pools | store | report_model | catalogue) dirs=("$data/fuzz/$target") ;;
*) usage ;;
esac

build="build-fuzz"
bin=$build/tests/fuzz/fuzz_$target
corpus=$build/corpus-$target
artifacts=$build/artifacts/$target
# The target's scratch folder; a crash leaves it behind, so not in /tmp.
export TMPDIR=$PWD/$build/tmp/$target
mkdir -p "$TMPDIR" "$artifacts"

if [ ! -f "$build/CMakeCache.txt" ]; then
    CC=clang CXX=clang++ cmake -S . -B "$build" -DTF_FUZZ=ON -DTF_BUILD_TESTS=OFF \
        -DTF_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target "fuzz_$target" >/dev/null

mapfile -t committed < <(find "${dirs[@]}" -maxdepth 1 -type f ! -name '.*' | sort)
log=$build/fuzz-$target.log
# Abort, not exit, on UBSan findings too, so libFuzzer saves the input.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# Prints what a developer (or CI's log) needs after a failure: the report,
# the input as hex, how to reproduce and minimize it, where to commit it.
report_failure() {
    local what=$1 input=$2 size
    size=$(stat -c %s "$input")
    echo
    case $what in
    regression) echo "==== fuzz_$target: FAILED on a committed input (a regression)" ;;
    *) echo "==== fuzz_$target: FAILED, $what" ;;
    esac
    echo "---- report"
    # From the first sanitizer or libFuzzer error line to its SUMMARY line.
    awk '/ERROR: |runtime error:|^==[0-9]+==/ { on = 1 } on { print; n++ }
         /^SUMMARY: / && on { exit } n >= 45 { print "  (cut; full output in the log)"; exit }' \
        "$log"
    echo "---- input: $input ($size bytes), hex:"
    head -c 1024 "$input" | xxd -p
    [ "$size" -le 1024 ] || echo "  (first 1024 of $size bytes)"
    echo "---- next"
    echo "reproduce: TMPDIR=$TMPDIR $bin $input"
    [ -z "$rerun" ] || echo "rerun:     $rerun   (the same run again)"
    if [ "$what" = regression ]; then
        echo "this input is committed: the library (or the target) broke; fix that, keep the input"
        return
    fi
    echo "minimize:  TMPDIR=$TMPDIR $bin -minimize_crash=1 -runs=100000 \\"
    echo "               -exact_artifact_path=$artifacts/minimized $input"
    echo "commit:    once the library is fixed, the (minimized) input as"
    echo "           tests/data/fuzz/$target/<what-it-is>; ctest fuzz/$target replays it"
}

# 1. The committed corpus must pass as it is: a failure here is a regression.
echo "fuzz_$target: replaying ${#committed[@]} committed inputs from ${dirs[*]}"
if ! "$bin" -timeout=25 "${committed[@]}" >"$log" 2>&1; then
    cat "$log"
    bad=$(sed -n 's/^Running: //p' "$log" | tail -n 1)
    if [ -n "$bad" ]; then
        report_failure regression "$bad"
    else
        echo "==== fuzz_$target: the replay of the committed corpus failed before any input"
    fi
    exit 1
fi

# 2. Fuzz from the committed corpus (and, for random runs, what earlier ones kept).
prefix=() extra=()
if [ -n "$seed" ]; then
    rerun="scripts/fuzz.sh --seed $seed ${runs:+--runs $runs }$target${seconds:+ $seconds}"
    rm -rf "$corpus"
    # Pointer comparisons feed libFuzzer's mutations, so a run repeats only with
    # the same addresses too: no address randomization, no corpus reloads.
    extra=(-reload=0)
    ! setarch "$(uname -m)" -R true 2>/dev/null || prefix=(setarch "$(uname -m)" -R)
fi
mkdir -p "$corpus"
for f in "${committed[@]}"; do
    # Named by content, as libFuzzer names its own: identical inputs collapse.
    cp "$f" "$corpus/$(sha1sum "$f" | cut -c1-40)"
done
seed=${seed:-$(($(od -An -N4 -tu4 /dev/urandom) % 2147483646 + 1))}
limit=()
[ -z "$seconds" ] || limit+=(-max_total_time="$seconds")
[ -z "$runs" ] || limit+=(-runs="$runs")
echo "fuzz_$target: seed $seed, ${runs:+$runs runs}${seconds:+$seconds s}, corpus $corpus"
start=$(date +%s)
set +e
"${prefix[@]}" "$bin" -seed="$seed" "${limit[@]}" "${extra[@]}" -max_len=65536 -timeout=25 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" 2>&1 | tee "$log" |
    grep -E '^(INFO: Seed:|#[0-9]+[[:space:]]+(INITED|DONE|pulse)|Done|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb))'
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
    cat "$log"
    found=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    if [ -z "$found" ] || [ ! -f "$found" ]; then
        found=$(find "$artifacts" -type f -newermt "@$start" -printf '%T@ %p\n' | sort -n |
            tail -n 1 | cut -d' ' -f2-)
    fi
    if [ -n "$found" ]; then
        report_failure "new finding with seed $seed (exit $status)" "$found"
    else
        echo "==== fuzz_$target: libFuzzer failed (exit $status, seed $seed) and saved no input"
    fi
    exit 1
fi
echo "fuzz_$target: no finding ($(($(date +%s) - start)) s)"

#!/usr/bin/env bash
# Allocation-failure sweep: every command, run again and again on small inputs with
# its n-th allocation failing (a build with -DTF_ALLOC_FAIL=ON, util/alloc_fail.h),
# must either fail cleanly or succeed as if nothing happened:
#   - exit 1 with a message on stderr that mentions memory, at most two lines, nothing
#     on standard output, and its output folder exactly as before (files of the
#     earlier run, here placeholders, untouched; nothing added); or
#   - exit 0 with the same outputs and standard output as a run without failures;
#   - never a crash, a signal, another exit status or a sanitizer report (build it
#     with -DTF_SANITIZE=ON too: leaks on the error paths are then reported).
# A command's allocations are counted first (N). n runs over 1..FIRST, then SAMPLES
# values spread evenly over the rest; all of 1..N when that is fewer.
#
# usage: sweep.sh TALENTFLOW DATA_DIR SCRATCH_DIR [CASE...]   (cases: all by default)
# env:   TF_SWEEP_FIRST (default 40), TF_SWEEP_SAMPLES (default 50)
set -uo pipefail
tf=$1 data=$2 tmp=$(realpath -m "$3")
shift 3
first=${TF_SWEEP_FIRST:-40}
samples=${TF_SWEEP_SAMPLES:-50}
rm -rf "$tmp" && mkdir -p "$tmp/tmpdir"
export TMPDIR=$tmp/tmpdir
export ASAN_OPTIONS=detect_leaks=1:exitcode=99:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=98
unset TF_ALLOC_FAIL_AT TF_ALLOC_FAIL_STATS

# The inputs the later commands read, made without failures.
"$tf" run -q --csv "$data/query/input.csv" -o "$tmp/store" || exit 1
"$tf" run -q --orcid "$data/orcid/records.tar.gz" -o "$tmp/ostore" || exit 1
"$tf" fit -q "$data/model/flows.csv" --country-data "$data/model/country_year.csv" \
    -o "$tmp/model" 2>/dev/null || exit 1

# name | output: a folder the command writes (OUT), or - for standard output only | arguments
cases=(
    "run-csv|dir|run -q --threads 1 --csv $data/cli/panel.csv -o OUT --persons"
    "run-openalex|dir|run -q --threads 1 --openalex $data/openalex/works_2023.jsonl -o OUT"
    "run-orcid|dir|run -q --threads 1 --orcid $data/orcid/records.tar.gz -o OUT"
    "extract|dir|extract --csv $data/csv/basic.csv --openalex $data/openalex/works_2021.jsonl -o OUT/obs.csv"
    "synth|dir|synth -q --people 12 --parts 1 --threads 1 --years 2000-2005 -o OUT"
    "fit|dir|fit -q $data/model/flows.csv --country-data $data/model/country_year.csv -o OUT"
    "project|dir|project -q $tmp/model/model.json --years 3 -o OUT"
    "report|dir|report $tmp/store -o OUT/report.html"
    "flows|-|flows --store $tmp/store --from CN"
    "rates|-|rates --store $tmp/store --origin CN --k 2"
    "where|-|where --store $tmp/store --origin CN"
    "top|-|top --store $tmp/store"
    "pipeline|-|pipeline --store $tmp/ostore --from CN"
)

fail=0 trials=0
problem() { # case, n, what
    echo "FAIL: $1 at n=$2: $3"
    fail=$((fail + 1))
}
snapshot() { # the files under $1 with their checksums
    [ -d "$1" ] && (cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum)
}
# The folder an earlier run left: the reference run's file names, each holding "old".
placeholders() { # reference folder, target folder
    rm -rf "$2" && mkdir -p "$2"
    (cd "$1" && find . -type d -print0 | (cd "$2" && xargs -0 mkdir -p))
    (cd "$1" && find . -type f -print0) | while IFS= read -r -d '' f; do echo old >"$2/$f"; done
}
# The n to try for a command of N allocations.
points() {
    local n=$1 k
    if [ "$n" -le $((first + samples)) ]; then
        seq 1 "$n"
        return
    fi
    seq 1 "$first"
    for k in $(seq 1 "$samples"); do echo $((first + (n - first) * k / samples)); done | uniq
}

one_trial() { # case, output kind, n, arguments...
    local name=$1 kind=$2 n=$3 rc
    shift 3
    local out=$tmp/$name/out
    [ "$kind" = dir ] && rm -rf "$out" && cp -a "$tmp/$name/old" "$out"
    TF_ALLOC_FAIL_AT=$n "$tf" "$@" >"$tmp/$name/stdout" 2>"$tmp/$name/stderr"
    rc=$?
    trials=$((trials + 1))
    if grep -q "Sanitizer\|runtime error" "$tmp/$name/stderr"; then
        problem "$name" "$n" "sanitizer report (exit $rc)"
        sed -n '1,40p' "$tmp/$name/stderr"
        return
    fi
    if [ "$rc" -eq 0 ]; then
        cmp -s "$tmp/$name/stdout" "$tmp/$name/ref.stdout" ||
            problem "$name" "$n" "exit 0 but standard output differs"
        [ "$kind" = dir ] && ! cmp -s <(snapshot "$out") "$tmp/$name/ref.sums" &&
            problem "$name" "$n" "exit 0 but the outputs differ"
        return
    fi
    if [ "$rc" -ne 1 ]; then
        problem "$name" "$n" "exit $rc: $(head -c 300 "$tmp/$name/stderr")"
        return
    fi
    grep -qi "memory" "$tmp/$name/stderr" ||
        problem "$name" "$n" "the message does not say memory: $(head -c 300 "$tmp/$name/stderr")"
    [ "$(wc -l <"$tmp/$name/stderr")" -le 2 ] ||
        problem "$name" "$n" "more than two lines on stderr: $(head -c 300 "$tmp/$name/stderr")"
    [ -s "$tmp/$name/stdout" ] && problem "$name" "$n" "a failure wrote to standard output"
    [ "$kind" = dir ] && ! cmp -s <(snapshot "$out") "$tmp/$name/old.sums" &&
        problem "$name" "$n" "the output folder changed: $(diff <(snapshot "$out") "$tmp/$name/old.sums" | head -5)"
}

sweep() { # one case
    local name=${1%%|*} rest=${1#*|}
    local kind=${rest%%|*} argline=${rest#*|}
    local -a args
    read -r -a args <<<"${argline//OUT/$tmp/$name/out}"
    mkdir -p "$tmp/$name"
    rm -rf "$tmp/$name/out"
    [ "$kind" = dir ] && mkdir -p "$tmp/$name/out"
    if ! TF_ALLOC_FAIL_STATS=1 "$tf" "${args[@]}" >"$tmp/$name/ref.stdout" 2>"$tmp/$name/ref.stderr"; then
        problem "$name" 0 "the run without failures failed: $(cat "$tmp/$name/ref.stderr")"
        return
    fi
    local n
    n=$(sed -n 's/^alloc-fail: \([0-9]*\) allocations$/\1/p' "$tmp/$name/ref.stderr")
    if [ -z "$n" ]; then
        problem "$name" 0 "no allocation count: is this a -DTF_ALLOC_FAIL=ON build?"
        return
    fi
    if [ "$kind" = dir ]; then
        snapshot "$tmp/$name/out" >"$tmp/$name/ref.sums"
        placeholders "$tmp/$name/out" "$tmp/$name/old"
        snapshot "$tmp/$name/old" >"$tmp/$name/old.sums"
    fi
    local before=$fail count=0 k
    for k in $(points "$n"); do
        one_trial "$name" "$kind" "$k" "${args[@]}"
        count=$((count + 1))
    done
    printf '%-13s %7d allocations, %4d swept, %s\n' "$name" "$n" "$count" \
        "$([ $fail -eq "$before" ] && echo ok || echo "$((fail - before)) failures")"
}

for c in "${cases[@]}"; do
    if [ $# -gt 0 ]; then
        want=0
        for w in "$@"; do [ "${c%%|*}" = "$w" ] && want=1; done
        [ $want -eq 1 ] || continue
    fi
    sweep "$c"
done
if [ -n "$(ls -A "$tmp/tmpdir")" ]; then
    echo "FAIL: files left in \$TMPDIR:" && ls -lA "$tmp/tmpdir"
    fail=$((fail + 1))
fi
echo "$trials trials, $fail failures"
[ "$fail" -eq 0 ] && rm -rf "$tmp"

#!/usr/bin/env bash
# A run stopped at a random moment never harms an earlier run's results: 20 trials each
# start `talentflow run` into the folder of an earlier, complete run and stop it with
# SIGINT, SIGTERM or SIGKILL (in turn) at a point drawn uniformly over a run's duration,
# counted from the moment the process handles the signals (before that it is still
# being loaded, and no program can answer a signal).
# Each trial checks the exit status (130 / 143 / killed, or 0 when the run finished
# first), that the earlier results are byte-identical (the input is the same, so a run
# that finished writes the same bytes), and that after the next normal run nothing is
# left in the spill folder or the output folder.
#
# The moments come from a seed, printed first; TF_INTERRUPT_SEED=N repeats a failing
# sequence, TF_INTERRUPT_TRIALS=N changes the number of trials.
# usage: interrupt_random.sh TALENTFLOW DATA_DIR SCRATCH_DIR
set -euo pipefail
tf=$1 tmp=$3
seed=${TF_INTERRUPT_SEED:-20261201}
trials=${TF_INTERRUPT_TRIALS:-20}
rm -rf "$tmp" && mkdir -p "$tmp/spill"
fail=0
echo "seed $seed, $trials trials (repeat with TF_INTERRUPT_SEED=$seed)"
check() { # name, then a command that must succeed
    local name=$1
    shift
    if "$@"; then echo "ok: $name"; else echo "FAIL: $name"; fail=$((fail + 1)); fi
}

"$tf" synth -q --people 1500 --parts 2 --seed 7 -o "$tmp/world"
# The run every trial repeats.
args=(run -q --openalex "$tmp/world/works" -o "$tmp/out" --persons --threads 2)
run() {
    TMPDIR=$tmp/spill "$tf" "${args[@]}"
}
run
cp -a "$tmp/out" "$tmp/saved"
(cd "$tmp/saved" && sha256sum -- * >"$tmp/saved.sums")

# A run's duration (the slowest of three, so the draws cover the whole run); each
# repeats the first run's bytes exactly.
dur=0
for _ in 1 2 3; do
    t0=$(date +%s%N)
    run
    t=$((($(date +%s%N) - t0) / 1000))
    dur=$((t > dur ? t : dur))
done
echo "a run takes up to $((dur / 1000)) ms"
check "a repeated run writes the same bytes" \
    bash -c "cd '$tmp/out' && sha256sum --quiet -c '$tmp/saved.sums'"

# The earlier results are there, byte for byte, and nothing else is.
intact() {
    (cd "$tmp/out" && sha256sum --quiet -c "$tmp/saved.sums") &&
        [ "$(ls -A "$tmp/out" | wc -l)" -eq "$(wc -l <"$tmp/saved.sums")" ]
}
intact_or_leftovers() { # what a killed run may leave: temporary names of its own pid
    local pid=$1
    (cd "$tmp/out" && sha256sum --quiet -c "$tmp/saved.sums") || return 1
    local f
    for f in "$tmp/out"/* "$tmp/out"/.[!.]*; do
        [ -e "$f" ] || continue
        case ${f##*/} in
        *.tmp-"$pid" | *.tmp-"$pid"-journal) ;;
        *) grep -q "  ${f##*/}\$" "$tmp/saved.sums" || return 1 ;;
        esac
    done
}

# Waits until process $1 catches SIGINT and SIGTERM (its SigCgt mask in /proc has
# bits 2 and 15), or is gone.
started() {
    local mask
    while mask=$(sed -n 's/^SigCgt:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null) &&
        [ -n "$mask" ] && (((16#$mask & 0x4002) != 0x4002)); do
        sleep 0.001
    done
}

RANDOM=$seed
sigs=(INT TERM KILL)
finished=0
for i in $(seq "$trials"); do
    sig=${sigs[$(((i - 1) % 3))]}
    at=$(((RANDOM * 32768 + RANDOM) % dur))
    TMPDIR=$tmp/spill "$tf" "${args[@]}" 2>"$tmp/trial.err" & # the run itself is $!
    pid=$!
    started "$pid"
    sleep "$(printf '%d.%06d' $((at / 1000000)) $((at % 1000000)))"
    kill "-$sig" "$pid" 2>/dev/null || true
    set +e
    wait "$pid" 2>/dev/null # (no job notice: a killed run is expected)
    rc=$?
    set -e
    case $sig in INT) want=130 ;; TERM) want=143 ;; KILL) want=137 ;; esac
    name="trial $i: SIG$sig at $((at / 1000)) ms"
    if [ "$rc" -eq 0 ]; then
        finished=$((finished + 1))
        name="$name (finished first)"
    fi
    check "$name: exit $rc" bash -c "[ $rc -eq 0 ] || [ $rc -eq $want ]"
    if [ "$rc" -ne 0 ] && [ "$sig" != KILL ]; then
        check "$name: one line says so" \
            bash -c "[ \$(wc -l <'$tmp/trial.err') -eq 1 ] &&
                     grep -q 'talentflow run: interrupted by SIG$sig' '$tmp/trial.err'"
    fi
    check "$name: earlier results intact" intact_or_leftovers "$pid"
    run 2>"$tmp/next.err"
    check "$name: the next run leaves nothing behind" intact
    check "$name: and an empty spill folder" bash -c "[ -z \"\$(ls -A '$tmp/spill')\" ]"
    if [ "$fail" -gt 0 ]; then
        echo "--- trial stderr:" && cat "$tmp/trial.err"
        echo "--- next run's stderr:" && cat "$tmp/next.err"
        ls -lA "$tmp/out" "$tmp/spill"
        break
    fi
done
echo "$finished of $trials trials finished before their signal"
[ "$fail" -gt 0 ] || rm -rf "$tmp"
echo "$fail failed"
[ "$fail" -eq 0 ]

#!/usr/bin/env bash
# SIGINT and SIGTERM stop a run at once, remove its temporary folder and files and exit
# 130 / 143 with one line; a later run removes what a killed process left (its owner is
# gone) and leaves a live process's folder alone.
# usage: interrupt.sh TALENTFLOW DATA_DIR SCRATCH_DIR
set -euo pipefail
tf=$1 data=$2 tmp=$3
rm -rf "$tmp" && mkdir -p "$tmp/spill" "$tmp/out"
fail=0
check() { # name, then a command that must succeed
    local name=$1
    shift
    if "$@"; then echo "ok: $name"; else echo "FAIL: $name"; fail=$((fail + 1)); fi
}

# A run reading standard input that never ends: it waits, with its spill folder made.
interrupt() { # signal, expected exit status
    local sig=$1 want=$2 pid rc
    rm -f "$tmp/fifo" && mkfifo "$tmp/fifo"
    exec 3<>"$tmp/fifo" # a writer that never writes: the run's read waits
    TMPDIR=$tmp/spill "$tf" run --csv - -o "$tmp/out/$sig" <&3 2>"$tmp/$sig.err" &
    pid=$!
    for _ in $(seq 100); do
        compgen -G "$tmp/spill/talentflow-*" >/dev/null && break
        sleep 0.05
    done
    check "$sig: the run made its spill folder" compgen -G "$tmp/spill/talentflow-*" >/dev/null
    kill "-$sig" "$pid"
    set +e
    wait "$pid"
    rc=$?
    set -e
    exec 3>&-
    check "$sig: exit $want" [ "$rc" -eq "$want" ]
    check "$sig: one line says so" grep -q "talentflow run: interrupted by $sig" "$tmp/$sig.err"
    check "$sig: spill folder removed" bash -c "! compgen -G '$tmp/spill/*'"
    check "$sig: no output folder content" bash -c "! compgen -G '$tmp/out/$sig/*'"
}
interrupt SIGINT 130
interrupt SIGTERM 143

# What a killed process left: a folder whose owner is gone, a temporary output.
sh -c 'exit 0' &
dead=$!
wait "$dead"
mkdir -p "$tmp/spill/talentflow-dead00" "$tmp/spill/talentflow-live00" "$tmp/out/left"
echo "$dead 12345" >"$tmp/spill/talentflow-dead00/owner"
touch "$tmp/spill/talentflow-dead00/part.0001" "$tmp/out/left/flows.csv.tmp-$dead"
live_start=$(awk '{ sub(/.*\) /, ""); split($0, f, " "); print f[20] }' /proc/$$/stat)
echo "$$ $live_start" >"$tmp/spill/talentflow-live00/owner"
TMPDIR=$tmp/spill "$tf" run --csv "$data/cli/panel.csv" -o "$tmp/out/left" 2>"$tmp/stale.err"
check "dead owner's folder removed" test ! -e "$tmp/spill/talentflow-dead00"
check "dead process's temporary output removed" test ! -e "$tmp/out/left/flows.csv.tmp-$dead"
check "removals said" grep -q "removed .*talentflow-dead00, left by process $dead" "$tmp/stale.err"
check "live owner's folder kept" test -f "$tmp/spill/talentflow-live00/owner"
rm -rf "$tmp/spill/talentflow-live00"
check "the run's own folder removed at its end" bash -c "! compgen -G '$tmp/spill/*'"

# A run that fails part-way (here: the store outgrows a file size limit, after the tables
# are written) leaves the folder as an earlier run left it, and no staging folder.
"$tf" run -q --csv "$data/cli/panel.csv" -o "$tmp/out/keep" --persons
(cd "$tmp/out/keep" && sha256sum -- * >"$tmp/keep.sums")
set +e
(trap '' XFSZ && ulimit -f 40 && "$tf" run -q --csv "$data/cli/panel.csv" -o "$tmp/out/keep" \
    --years 2001-2004) 2>"$tmp/partial.err"
rc=$?
set -e
check "a failing run exits 1" [ "$rc" -eq 1 ]
check "and names the store" grep -q "talentflow.sqlite" "$tmp/partial.err"
check "earlier results intact" bash -c "cd '$tmp/out/keep' && sha256sum --quiet -c '$tmp/keep.sums'"
check "nothing new in the folder" bash -c "[ \$(ls -A '$tmp/out/keep' | wc -l) -eq \$(wc -l <'$tmp/keep.sums') ]"
# A folder where an output goes stops the commit before anything is replaced.
mkdir "$tmp/out/keep/talentflow.sqlite.d" && rm "$tmp/out/keep/talentflow.sqlite" &&
    mkdir "$tmp/out/keep/talentflow.sqlite"
set +e
"$tf" run -q --csv "$data/cli/panel.csv" -o "$tmp/out/keep" --years 2001-2004 2>"$tmp/dir.err"
rc=$?
set -e
check "an output name taken by a folder: exit 1, said" \
    bash -c "[ $rc -eq 1 ] && grep -q 'is a folder; nothing was replaced' '$tmp/dir.err'"
check "the tables are the earlier ones" \
    bash -c "cd '$tmp/out/keep' && grep -v sqlite '$tmp/keep.sums' | sha256sum --quiet -c"

# A process killed after making its folder but before writing the owner file: the
# owner in the folder's name still tells a later run that the folder is no one's.
rm -rf "$tmp/spill" && mkdir -p "$tmp/spill/talentflow-999999999-1-AbCdEf"
TMPDIR=$tmp/spill "$tf" run -q --csv "$data/cli/panel.csv" -o "$tmp/out/named"
check "a folder without its owner file, of a dead process, removed by its name" \
    bash -c "! compgen -G '$tmp/spill/talentflow-*' >/dev/null"

echo "$fail failed"
[ "$fail" -eq 0 ]

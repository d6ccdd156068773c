#!/usr/bin/env bash
# A run killed (SIGKILL) while it writes the results store leaves no store under
# the final name, and leaves an earlier store exactly as it was: the store is
# built under a temporary name and renamed only when complete.
# usage: store_kill.sh TALENTFLOW DATA_DIR SCRATCH_DIR
set -uo pipefail
tf=$1 tmp=$3
rm -rf "$tmp" && mkdir -p "$tmp"
# A killed run cannot remove its spill folder: keep those in the scratch folder, not $TMPDIR.
export TMPDIR=$tmp/spill
mkdir -p "$TMPDIR"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

"$tf" synth --people 3000 --seed 1 -o "$tmp/world" >/dev/null 2>&1 || bad "synth"
works=$tmp/world/works

# Starts a run into $1 and kills it $2 seconds after its temporary store
# appears. Returns 0 when the kill landed during the store write (the
# temporary file is still there afterwards), 1 when the run finished first.
kill_during_store() {
    local out=$1 delay=$2 pid
    "$tf" run -q --openalex "$works" -o "$out" &
    pid=$!
    local tmp_store="$out/.talentflow.tmp-*/talentflow.sqlite.tmp-*" # in the staging folder
    while kill -0 "$pid" 2>/dev/null && ! compgen -G "$tmp_store" >/dev/null; do
        :
    done
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    compgen -G "$tmp_store" >/dev/null
}

# 1. No earlier store: none appears under the final name, wherever the write
#    is cut (at its start, among the rows, at the commit).
landed=0
for delay in 0 0.1; do
    rm -rf "$tmp/fresh"
    kill_during_store "$tmp/fresh" "$delay" || continue
    landed=$((landed + 1))
    if [ -e "$tmp/fresh/talentflow.sqlite" ]; then bad "killed run left talentflow.sqlite"; else ok; fi
done
echo "killed during the store write: $landed of 2 runs"
[ "$landed" -gt 0 ] || bad "could not kill a run during the store write"

# 2. An earlier store stays byte for byte what it was.
"$tf" run -q --openalex "$works" -o "$tmp/again" --years 2005-2010 || bad "first run"
cp "$tmp/again/talentflow.sqlite" "$tmp/before.sqlite"
landed=0
for delay in 0.1 0 0.05; do
    if kill_during_store "$tmp/again" "$delay"; then
        landed=1
        break
    fi
    cp "$tmp/before.sqlite" "$tmp/again/talentflow.sqlite" # the run won the race
done
if [ "$landed" -eq 1 ]; then
    cmp -s "$tmp/before.sqlite" "$tmp/again/talentflow.sqlite" && ok || bad "earlier store changed"
else
    bad "could not kill a run during the store write"
fi
"$tf" top --store "$tmp/again" --format csv >/dev/null && ok || bad "earlier store unreadable"

# 3. The next complete run replaces it, whatever the leftovers.
"$tf" run -q --openalex "$works" -o "$tmp/again" && ok || bad "run after a killed run"
cmp -s "$tmp/before.sqlite" "$tmp/again/talentflow.sqlite" && bad "store not replaced" || ok
"$tf" top --store "$tmp/again" --format csv >/dev/null && ok || bad "new store unreadable"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

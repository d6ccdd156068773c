#!/usr/bin/env bash
# `fit`, `project` and `synth` write their outputs all together or not at all: a
# failure part-way (an output name taken by a folder or a file, a file size limit, an
# interruption) leaves an earlier run's results byte-identical, says so, and leaves no
# staging folder; one left by a killed process goes at the next run.
# usage: staged.sh TALENTFLOW DATA_DIR SCRATCH_DIR
set -euo pipefail
tf=$1 data=$2 tmp=$3
rm -rf "$tmp" && mkdir -p "$tmp"
fail=0
check() { # name, then a command that must succeed
    local name=$1
    shift
    if "$@"; then echo "ok: $name"; else echo "FAIL: $name"; fail=$((fail + 1)); fi
}
sums() { # the checksums of every file under folder $1, into $2
    (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum) >"$2"
}
same() { # folder $1 holds exactly what sums file $2 lists, byte for byte
    local now
    now=$(mktemp -p "$tmp")
    sums "$1" "$now"
    cmp -s "$now" "$2"
    local rc=$?
    rm -f "$now"
    return $rc
}
no_staging() { ! compgen -G "$1/.talentflow.tmp-*" >/dev/null; }
fails() { # fails NAME DIR ERRFILE COMMAND...: exit 1, the message says nothing was replaced
    local name=$1 dir=$2 errf=$3 rc
    shift 3
    set +e
    "$@" 2>"$errf"
    rc=$?
    set -e
    check "$name: exit 1" [ "$rc" -eq 1 ]
    check "$name: says nothing was replaced" \
        grep -Eq "no output was replaced in $dir|nothing was replaced" "$errf"
    check "$name: no staging folder left" no_staging "$dir"
}

# -- fit: model.json is written before fit.csv; a folder named fit.csv stops the commit
fit() { "$tf" fit -q "$data/model/flows.csv" --country-data "$data/model/country_year.csv" "$@"; }
fit -o "$tmp/model" 2>/dev/null
cp -a "$tmp/model" "$tmp/model.old"
mkdir "$tmp/model.new" && cp "$tmp/model/model.json" "$tmp/model.new/" && mkdir "$tmp/model.new/fit.csv"
sums "$tmp/model.new" "$tmp/model.new.sums"
fails "fit, fit.csv a folder" "$tmp/model.new" "$tmp/fit.err" fit --vce hc0 -o "$tmp/model.new"
check "fit: the message names fit.csv" grep -q "fit.csv: is a folder; nothing was replaced" "$tmp/fit.err"
check "fit: model.json is the earlier one" same "$tmp/model.new" "$tmp/model.new.sums"
fit --vce hc0 -o "$tmp/model" 2>/dev/null
check "fit: a successful fit replaces both" bash -c "! cmp -s '$tmp/model/fit.csv' '$tmp/model.old/fit.csv' &&
    ! cmp -s '$tmp/model/model.json' '$tmp/model.old/model.json'"

# -- project: three files; a folder named headline.csv (the last) stops the commit
project() { "$tf" project -q "$tmp/model/model.json" --years 3 "$@"; }
project -o "$tmp/proj"
sums "$tmp/proj" "$tmp/proj.sums"
rm "$tmp/proj/headline.csv" && mkdir "$tmp/proj/headline.csv"
sums "$tmp/proj" "$tmp/proj.sums"
fails "project, headline.csv a folder" "$tmp/proj" "$tmp/proj.err" project --years 4 -o "$tmp/proj"
check "project: stocks.csv and flows.csv are the earlier ones" same "$tmp/proj" "$tmp/proj.sums"

# -- synth: truth/ is written before works/
synth() { "$tf" synth -q --parts 2 "$@"; }
synth --people 300 --seed 1 -o "$tmp/world"
sums "$tmp/world" "$tmp/world.sums"
check "synth: a second world replaces the first whole" \
    bash -c "'$tf' synth -q --parts 3 --people 200 --seed 2 -o '$tmp/w2' &&
             '$tf' synth -q --parts 2 --people 300 --seed 1 -o '$tmp/w2' &&
             cd '$tmp/w2' && sha256sum --quiet -c <(cd '$tmp/world' && sha256sum \$(find . -type f)) &&
             [ \$(find . -type f | wc -l) -eq \$(wc -l <'$tmp/world.sums') ]"
# A file size limit: the truth files fit, the works parts do not.
set +e
(trap '' XFSZ && ulimit -f 200 && synth --people 2000 --seed 3 -o "$tmp/world") 2>"$tmp/synth.err"
rc=$?
set -e
check "synth over a file size limit: exit 1" [ "$rc" -eq 1 ]
check "synth over a file size limit: says nothing was replaced" \
    grep -q "no output was replaced in $tmp/world" "$tmp/synth.err"
check "synth over a file size limit: the earlier world intact" same "$tmp/world" "$tmp/world.sums"
check "synth over a file size limit: no staging folder left" no_staging "$tmp/world"
# A file named works, where the folder goes.
mkdir -p "$tmp/world2/truth" && echo keep >"$tmp/world2/truth/residence.csv" && echo x >"$tmp/world2/works"
sums "$tmp/world2" "$tmp/world2.sums"
fails "synth, works a file" "$tmp/world2" "$tmp/synth2.err" synth --people 300 -o "$tmp/world2"
check "synth: the message names works" grep -q "works: is not a folder; nothing was replaced" "$tmp/synth2.err"
check "synth: truth/ is the earlier one" same "$tmp/world2" "$tmp/world2.sums"

# An interrupted synth removes its staging folder, subfolders and all.
"$tf" synth -q --parts 2 --people 40000 --threads 1 -o "$tmp/world" & # the command itself is $!
pid=$!
for _ in $(seq 200); do
    compgen -G "$tmp/world/.talentflow.tmp-*/works/*/part_*" >/dev/null && break
    sleep 0.02
done
kill -INT "$pid"
set +e
wait "$pid" 2>/dev/null
rc=$?
set -e
echo "synth interrupted: exit $rc"
check "synth interrupted: exit 130 (or 0 when it finished first)" bash -c "[ $rc -eq 130 ] || [ $rc -eq 0 ]"
[ "$rc" -eq 0 ] || check "synth interrupted: the earlier world intact" same "$tmp/world" "$tmp/world.sums"
check "synth interrupted: no staging folder left" no_staging "$tmp/world"

# A staging folder with subfolders left by a killed process goes at the next run.
sh -c 'exit 0' &
dead=$!
wait "$dead"
mkdir -p "$tmp/world/.talentflow.tmp-$dead/works/updated_date=x"
touch "$tmp/world/.talentflow.tmp-$dead/works/updated_date=x/part_000.gz.tmp-$dead"
synth --people 300 --seed 1 -o "$tmp/world" 2>/dev/null
check "a dead process's staging folder removed by the next synth" no_staging "$tmp/world"
check "and the world is the same" same "$tmp/world" "$tmp/world.sums"

echo "$fail failed"
[ "$fail" -eq 0 ] && rm -rf "$tmp"

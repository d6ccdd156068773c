#!/usr/bin/env bash
# A run spread over MPI ranks writes the same files, byte for byte, as one
# process: the tables, summary.json, talentflow.sqlite and report.html, for
# 1 to 4 ranks; with talent pools (citation ranks over all works), with works
# read more than once (copies in files of different ranks) and with bad input
# (skip counts and their first places in file order), with ORCID records, CSV and
# standard input among the inputs. A rank that fails ends the job, naming the
# file, and replaces no output.
# usage: compare.sh TALENTFLOW MPIRUN SCRATCH_DIR [RANKS...]   (default ranks: 1 2 3 4)
# WORLD=DIR uses an existing world's works instead of a synthetic one; CHECKS
# names the checks to run (default: all of "plain pools copies options sources
# persons say fail").
set -euo pipefail
tf=$1 mpirun=$2 tmp=$3
shift 3
ranks=("$@")
[ ${#ranks[@]} -gt 0 ] || ranks=(1 2 3 4)
checks=" ${CHECKS:-plain pools copies options sources persons say fail} "
rm -rf "$tmp" && mkdir -p "$tmp"
# Open MPI refuses root without these; the test machines run as root.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# Set by a launcher around the tests, they would make the single runs MPI runs.
unset OMPI_COMM_WORLD_SIZE PMIX_RANK PMI_SIZE SLURM_PROCID SLURM_NTASKS

if [ -n "${WORLD:-}" ]; then
    works=$WORLD
else
    "$tf" synth --people 2000 --seed 5 -o "$tmp/world" 2>/dev/null
    works=$tmp/world/works
fi
# a later copy of one file's works, and bad lines
mkdir -p "$tmp/extra/updated_date=2030-01-01"
first=$(find "$works" -name '*.gz' | sort | head -n 1)
cp "$first" "$tmp/extra/updated_date=2030-01-01/part_000.gz"
printf '{"id": "https://openalex.org/W1", broken\nnot json\n' > "$tmp/extra/bad.jsonl"

wanted() { [[ $checks == *" $1 "* ]]; }

same() { # same DIR_A DIR_B: every file of A is in B, byte for byte
    local n=0
    for f in "$1"/*; do
        cmp -s "$f" "$2/${f##*/}" ||
            { echo "FAIL: ${f##*/} of $2 differs from $1"; cmp "$f" "$2/${f##*/}" || true; exit 1; }
        n=$((n + 1))
    done
    [ "$n" -ge 10 ] || { echo "FAIL: only $n files in $1"; exit 1; }
}

check() { # check NAME RUN_ARGS...: one process, then each rank count
    local name=$1
    shift
    "$tf" run -q --threads 2 "$@" -o "$tmp/$name.single"
    for n in "${ranks[@]}"; do
        "$mpirun" --oversubscribe -np "$n" "$tf" run -q --threads 1 "$@" -o "$tmp/$name.$n"
        same "$tmp/$name.single" "$tmp/$name.$n"
    done
    echo "ok: $name (${ranks[*]} ranks)"
}

if wanted plain; then
    check plain --openalex "$works"
fi
if wanted pools; then
    check pools --openalex "$works" --pool ai --pool top-cited --pool ai-top
fi
if wanted copies; then
    check copies --openalex "$works" --openalex "$tmp/extra" --openalex "$first" \
        --pool ai --pool top-cited
    grep -q '"superseded": [1-9]' "$tmp/copies.single/summary.json" ||
        { echo "FAIL: no superseded copies in the test"; exit 1; }
    grep -q '"malformed_json": 2' "$tmp/copies.single/summary.json" ||
        { echo "FAIL: the bad lines were not counted"; exit 1; }
fi

# Merged ids (an author, a work, bad rows: skips of loading counted once), the
# year window, minimum evidence, the kind of moves, few partitions and a memory
# budget that splits them.
if wanted options; then
    line=$(zcat "$first" | sed -n 1p) # the first work and its first author
    author=$(grep -o '"author":{"id":"https://openalex.org/A[0-9]*' <<< "$line" | sed -n 1p)
    work=$(grep -o '"id":"https://openalex.org/W[0-9]*' <<< "$line" | sed -n 1p)
    author=${author##*/} work=${work##*/}
    printf 'merge_date,id,merge_into_id\n2024-01-01,%s,A1\n2024-01-01,%s,W1\n2024-01-01,A2\n' \
        "$author" "$work" > "$tmp/merged.csv"
    check options --openalex "$works" --merged-ids "$tmp/merged.csv" --years 2005-2018 \
        --min-works 2 --min-years 2 --kind work --partitions 7 --memory 1M --pool ai
    grep -q '"merged_work": 1' "$tmp/options.single/summary.json" &&
        grep -q '"bad_csv_row": 1' "$tmp/options.single/summary.json" ||
        { echo "FAIL: the merged ids were not applied"; exit 1; }
fi

# Other sources: the world's ORCID records linked to the works by iD, moves of
# students, a CSV with a bad row; then standard input, which rank 0 reads.
if wanted sources; then
    printf 'person,year,country\nz1,2001,DE\nz1,2004,US\nz1,2009,DE\nz2,2003,FR\nz2,2006,GB\nz2,x,GB\n' \
        > "$tmp/people.csv"
    orcid=()
    [ ! -d "$tmp/world/orcid" ] || orcid=(--orcid "$tmp/world/orcid" --link orcid)
    check sources --openalex "$works" "${orcid[@]}" --csv "$tmp/people.csv" --kind study
    grep -q '"bad_year": [1-9]' "$tmp/sources.single/summary.json" ||
        { echo "FAIL: the bad CSV row was not counted"; exit 1; }
    "$tf" run -q --threads 2 --csv - --openalex "$first" -o "$tmp/stdin.single" < "$tmp/people.csv"
    for n in "${ranks[@]}"; do
        "$mpirun" --oversubscribe -np "$n" "$tf" run -q --threads 1 --csv - --openalex "$first" \
            -o "$tmp/stdin.$n" < "$tmp/people.csv"
        same "$tmp/stdin.single" "$tmp/stdin.$n"
    done
    echo "ok: standard input (${ranks[*]} ranks)"
fi

# The persons table: rows made on every rank, with id strings of every length
# (CSV ids up to 200 bytes, pieces of 44 travel), merged on rank 0.
if wanted persons; then
    long=$(printf 'p%.0s' $(seq 200))
    printf 'person,year,country\n%s,2001,DE\n%s,2005,US\n"a,b",2002,FR\n"a,b",2007,DE\n,2003,GB\n' \
        "$long" "$long" > "$tmp/ids.csv"
    check persons --openalex "$works" --csv "$tmp/ids.csv" --persons --pool ai --partitions 5 \
        --memory 1M
    grep -q "^$long," "$tmp/persons.single/persons.csv" ||
        { echo "FAIL: the long id is not in persons.csv"; exit 1; }
fi

# What the runs print (skips with their first places, the summary) is the same.
if wanted say; then
    "$tf" run --threads 1 --openalex "$works" --openalex "$tmp/extra" -o "$tmp/say.single" \
        2> "$tmp/say.single.err"
    "$mpirun" --oversubscribe -np 2 "$tf" run --threads 1 --openalex "$works" \
        --openalex "$tmp/extra" -o "$tmp/say.2" 2> "$tmp/say.2.err"
    grep -q 'bad.jsonl:1' "$tmp/say.2.err" || { echo "FAIL: no place of bad input"; exit 1; }
    diff <(sed 's|say\.single|say.N|' "$tmp/say.single.err") <(sed 's|say\.2|say.N|' "$tmp/say.2.err") ||
        { echo "FAIL: what the runs print differs"; exit 1; }
    echo "ok: what the runs print"
fi

# A rank that fails (here: a bad line under --strict, in the file of rank 1)
# ends the job with the file's name, and the output folder stays as it was.
if wanted fail; then
    mkdir -p "$tmp/failing" "$tmp/before"
    echo "earlier output" > "$tmp/before/flows.csv"
    cp "$first" "$tmp/failing/a.gz"
    printf 'not json\n' > "$tmp/failing/b.jsonl"
    mkdir -p "$tmp/spill"
    if TMPDIR=$tmp/spill "$mpirun" --oversubscribe -np 2 "$tf" run -q --strict --threads 1 \
        --openalex "$tmp/failing" -o "$tmp/before" 2> "$tmp/fail.err"; then
        echo "FAIL: a strict run with a bad line succeeded"; exit 1
    fi
    grep -q 'b.jsonl:1' "$tmp/fail.err" ||
        { echo "FAIL: the error does not name the file"; cat "$tmp/fail.err"; exit 1; }
    [ "$(ls -A "$tmp/before")" = flows.csv ] && grep -qx "earlier output" "$tmp/before/flows.csv" ||
        { echo "FAIL: the failed run changed the output folder"; ls -A "$tmp/before"; exit 1; }
    # the aborted ranks' spill folders go with the next run once their processes are
    # gone (mpirun may return while an aborted rank is still being reaped)
    for _ in $(seq 20); do
        TMPDIR=$tmp/spill "$tf" run -q --openalex "$tmp/failing/a.gz" -o "$tmp/after"
        compgen -G "$tmp/spill/talentflow-*" >/dev/null || break
        sleep 0.5
    done
    if compgen -G "$tmp/spill/talentflow-*" >/dev/null; then
        echo "FAIL: the next run left the aborted ranks' folders"; ls -A "$tmp/spill"; exit 1
    fi
    echo "ok: a failing rank ends the job, and the next run removes what it left"
fi
echo "1 passed, 0 failed"

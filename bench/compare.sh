#!/usr/bin/env bash
# talentflow next to the floor and to DuckDB, on the same files, in interleaved rounds.
#
# On a synthetic world (talentflow synth, seed 1), each round runs, in turn:
#   igzip -dc (1 process, and 2 processes on the two halves of the files) -- the floor;
#   talentflow extract and talentflow run, on 1 and 2 threads (and, when MPIRUN names an
#   mpirun and talentflow was built with -DTF_WITH_MPI=ON, run on 1, 2 and 4 ranks);
#   DuckDB (npm @duckdb/node-api, installed here for the bench only) doing the same
#   extraction and the modal-country flows (bench/duckdb_job.mjs), on 1 and 2 threads.
# Prints every round (seconds, peak RSS), then per job the medians of MB/s of JSON,
# works/s and peak RSS, and the medians of the per-round ratios: each job against
# igzip on as many cores, and talentflow against DuckDB. Checks first that DuckDB's
# flows equal talentflow's (pool all), where the two methods coincide.
#
# usage: bench/compare.sh [BUILD_DIR] [PEOPLE] [ROUNDS]         [build] [20000] [5]
# Needs: igzip (isal), node and npm, GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
people=${2:-20000}
rounds=${3:-5}
tf=$(realpath "$build/talentflow")
work=$(realpath -m "${BENCH_DIR:-$build/bench}")
for c in igzip node npm /usr/bin/time; do
    command -v "$c" >/dev/null || { echo "bench: $c not found"; exit 2; }
done
world=$work/world-$people
if [ ! -f "$world/works/manifest" ]; then
    rm -rf "$world" && mkdir -p "$work"
    echo "generating a world of $people people ..."
    "$tf" synth --people "$people" --seed 1 -o "$world" 2>/dev/null
fi
duck=$work/duckdb
if [ ! -d "$duck/node_modules/@duckdb/node-api" ]; then
    mkdir -p "$duck"
    echo "installing @duckdb/node-api into $duck ..."
    (cd "$duck" && npm init -y >/dev/null && npm install --silent @duckdb/node-api >/dev/null)
fi
cp bench/duckdb_job.mjs "$duck/"
mapfile -t files < <(find "$world/works" -name '*.gz' | LC_ALL=C sort)
half=$(((${#files[@]} + 1) / 2))
json=$(igzip -dc "${files[@]}" | wc -c)
works=$(igzip -dc "${files[@]}" | wc -l)
glob="$world/works/**/*.gz"
tmp=$work/compare
rm -rf "$tmp" && mkdir -p "$tmp"

# The check: DuckDB's flows are talentflow's.
"$tf" run -q --openalex "$world/works" -o "$tmp/run"
node "$duck/duckdb_job.mjs" flows 2 "$glob" "$tmp/duck_flows.csv"
if cmp -s <(grep '^all,' "$tmp/run/flows.csv" | cut -d, -f2-5 | LC_ALL=C sort) \
    <(tail -n +2 "$tmp/duck_flows.csv" | LC_ALL=C sort); then
    echo "check: DuckDB's $(($(wc -l <"$tmp/duck_flows.csv") - 1)) flow rows equal talentflow's"
else
    echo "check FAILED: DuckDB's flows differ from talentflow's"
    exit 1
fi

jobs=(igzip-1 igzip-2 extract-1 extract-2 run-1 run-2 duckdb-extract-1 duckdb-extract-2
    duckdb-flows-1 duckdb-flows-2)
mpi_ranks=()
if [ -n "${MPIRUN:-}" ]; then
    mpi_ranks=(1 2 4)
    for n in "${mpi_ranks[@]}"; do jobs+=("run-mpi-$n"); done
fi
job() { # the command of a job
    case $1 in
    igzip-1) echo "igzip -dc ${files[*]} >/dev/null" ;;
    igzip-2) echo "igzip -dc ${files[*]:0:half} >/dev/null & igzip -dc ${files[*]:half} >/dev/null; wait" ;;
    extract-*) echo "$tf extract -q --openalex $world/works --threads ${1#extract-} -o /dev/null" ;;
    run-mpi-*) echo "$MPIRUN --oversubscribe --allow-run-as-root -np ${1#run-mpi-} $tf run -q --openalex $world/works -o $tmp/out-$1" ;;
    run-*) echo "$tf run -q --openalex $world/works --threads ${1#run-} -o $tmp/out-$1" ;;
    duckdb-extract-*) echo "node $duck/duckdb_job.mjs extract ${1##*-} '$glob' /dev/null" ;;
    duckdb-flows-*) echo "node $duck/duckdb_job.mjs flows ${1##*-} '$glob' $tmp/flows-$1.csv" ;;
    esac
}
echo "input: ${#files[@]} files, $((json / 1000000)) MB of JSON, $works works; $rounds rounds"
printf '%-6s' round
for j in "${jobs[@]}"; do printf ' %16s' "$j"; done
echo
for r in $(seq "$rounds"); do
    printf '%-6s' "$r"
    for j in "${jobs[@]}"; do
        /usr/bin/time -f "%e %M" -o "$tmp/time" bash -c "$(job "$j")"
        read -r s kb <"$tmp/time"
        echo "$j $r $s $kb" >>"$tmp/results"
        printf ' %9.2f s %4d M' "$s" $((kb / 1024))
    done
    echo
done

awk -v json="$json" -v works="$works" '
    { t[$1, $2] = $3; m[$1, $2] = $4; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } rounds[$2] = 1 }
    function median(a, k,   i, j, v, tmp) { # the median of a[1..k]
        for (i = 2; i <= k; i++) { v = a[i]; for (j = i - 1; j >= 1 && a[j] > v; j--) a[j + 1] = a[j]; a[j + 1] = v }
        return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
    function ratio(num, den,   r, k, a) { # median over rounds of t[den]/t[num]: > 1 = num is faster
        k = 0; for (r in rounds) if ((num, r) in t && (den, r) in t) a[++k] = t[den, r] / t[num, r]
        return k ? median(a, k) : -1 }
    END {
        printf "\n%-18s %10s %12s %10s\n", "job (median)", "MB/s", "works/s", "peak RSS"
        for (i = 1; i <= n; i++) {
            k = 0; delete a; delete b
            for (r in rounds) { a[++k] = t[order[i], r]; b[k] = m[order[i], r] }
            s = median(a, k); kb = median(b, k)
            printf "%-18s %10.0f %12.0f %8.0f MB\n", order[i], json / 1e6 / s, works / s, kb / 1024
        }
        print "\nratios (medians of the per-round ratios; >= 1 means the first is as fast or faster)"
        printf "  extract, 1 thread  / igzip, 1 process:  %.2f  (target >= 0.8)\n", ratio("extract-1", "igzip-1")
        printf "  extract, 2 threads / igzip, 2 processes: %.2f  (target >= 0.8)\n", ratio("extract-2", "igzip-2")
        printf "  run, 1 thread      / igzip, 1 process:  %.2f  (target >= 0.7)\n", ratio("run-1", "igzip-1")
        printf "  run, 2 threads     / run, 1 thread:     %.2f  (target >= 1.8)\n", ratio("run-2", "run-1")
        printf "  extract / DuckDB extract, 1 thread:     %.2f\n", ratio("extract-1", "duckdb-extract-1")
        printf "  extract / DuckDB extract, 2 threads:    %.2f\n", ratio("extract-2", "duckdb-extract-2")
        printf "  run / DuckDB flows, 1 thread:           %.2f\n", ratio("run-1", "duckdb-flows-1")
        printf "  run / DuckDB flows, 2 threads:          %.2f\n", ratio("run-2", "duckdb-flows-2")
        if (("run-mpi-2", 1) in t)
            printf "  run, 2 MPI ranks   / run, 1 rank:       %.2f\n", ratio("run-mpi-2", "run-mpi-1")
    }' "$tmp/results"

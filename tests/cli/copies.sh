#!/usr/bin/env bash
# A work is evidence once: copies of a work in several files (snapshot partitions, API
# pages), merged author and work ids, and snapshot roots in both layouts.
# The fixtures and what they should give are described in tests/data/copies/README.md.
# usage: copies.sh TALENTFLOW DATA_DIR SCRATCH_DIR
set -euo pipefail
tf=$1 data=$2/copies tmp=$3
rm -rf "$tmp" && mkdir -p "$tmp"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
same_file() { cmp -s "$1" "$2" && ok || { bad "$3"; diff "$1" "$2" | head -20; }; }
tables="country_year.csv flows.csv classes.csv returns.csv stays.csv persons.csv"
same_tables() {
    for t in $tables; do cmp -s "$1/$t" "$2/$t" || { bad "$3: $t differs"; diff "$1/$t" "$2/$t" | head; return; }; done
    ok
}
key() { grep -o "\"$2\": [0-9]*" "$1" | grep -o '[0-9]*$'; }

# both layouts give the same observations; only works and merged ids are read
"$tf" extract --openalex "$data/classic" -o "$tmp/classic.csv" 2>"$tmp/classic.err"
same_file "$data/expected_snapshot.csv" "$tmp/classic.csv" "classic snapshot root"
grep -q "classic layout.*not read: authors" "$tmp/classic.err" && ok || bad "no notice for the classic root"
"$tf" extract --openalex "$data/jsonl" -o "$tmp/jsonl.csv" 2>"$tmp/jsonl.err"
same_file "$data/expected_snapshot.csv" "$tmp/jsonl.csv" "2026 snapshot root"
grep -q "jsonl layout.*legacy-data/merged_ids.*not read: jsonl/authors, parquet" "$tmp/jsonl.err" &&
    ok || bad "no notice for the 2026 root"

# the works folder with --merged-ids is the same as the root; without them, W12 and A5 stay
"$tf" extract -q --openalex "$data/classic/data/works" --merged-ids "$data/classic/data/merged_ids" \
    -o "$tmp/explicit.csv"
same_file "$data/expected_snapshot.csv" "$tmp/explicit.csv" "--merged-ids"
"$tf" extract -q --openalex "$data/classic/data/works" -o "$tmp/unmerged.csv"
grep -q '^A4,2018,GB,1,publication,I4,W12$' "$tmp/unmerged.csv" && grep -q '^A5,2018,GB' "$tmp/unmerged.csv" &&
    ok || bad "without merged ids W12 and A5 should be read"

# a work in a snapshot part and an API page, a work in three files, in any order
inputs=("$data/classic" "$data/api_page_1.json" "$data/api_page_2.json" "$data/w14_undated.jsonl")
args=() rev=()
for i in "${inputs[@]}"; do args+=(--openalex "$i"); rev=(--openalex "$i" "${rev[@]}"); done
"$tf" extract -q "${args[@]}" -o "$tmp/all.csv"
same_file "$data/expected_all.csv" "$tmp/all.csv" "copies across files"
"$tf" extract -q "${rev[@]}" -o - | sort >"$tmp/all_rev.csv"
sort "$data/expected_all.csv" | same_file - "$tmp/all_rev.csv" "copies across files, reversed order"

# run: the same tables for any file order and thread count; the counts in summary.json
"$tf" run -q "${args[@]}" -o "$tmp/run1" --persons --threads 1
"$tf" run -q "${rev[@]}" -o "$tmp/run2" --persons --threads 2 --partitions 3
same_tables "$tmp/run1" "$tmp/run2" "order and threads"
"$tf" run -q --csv "$data/expected_all.csv" -o "$tmp/run3" --persons
same_tables "$tmp/run1" "$tmp/run3" "run on the expected observations"
s=$tmp/run1/summary.json
[ "$(key "$s" superseded)" = 4 ] && ok || bad "superseded: $(key "$s" superseded), want 4"
[ "$(key "$s" merged_work)" = 1 ] && ok || bad "merged_work: $(key "$s" merged_work), want 1"
[ "$(key "$s" observations_remapped)" = 1 ] && ok || bad "observations_remapped, want 1"
[ "$(key "$s" not_a_work)" = 0 ] && ok || bad "an authors file was read as works"
grep -q '^A2,' "$tmp/run1/persons.csv" && bad "A2 is only in a superseded copy" || ok

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

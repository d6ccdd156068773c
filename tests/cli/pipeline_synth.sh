#!/usr/bin/env bash
# The study-to-work pipeline recovers a synthetic world's planted degrees and careers
# exactly: the ORCID records (orcid/summaries.tar.gz) alone, and linked by iD with the
# works; --link orcid merges exactly the persons whose works show the iD of a record;
# and the pipeline query answers "did the students come back" as the truth does.
# usage: pipeline_synth.sh TALENTFLOW DATA_DIR SCRATCH_DIR
set -euo pipefail
tf=$1 tmp=$3
rm -rf "$tmp" && mkdir -p "$tmp"
fail=0
bad() { echo "FAIL: $*"; fail=1; }

"$tf" synth --people 3000 --seed 3 -o "$tmp/w" 2>/dev/null
truth=$tmp/w/truth
tail -n +2 "$truth/pipeline.csv" | sort >"$tmp/want"
[ -s "$tmp/want" ] || bad "the world has no planted pipeline"

for mode in alone linked; do
    link=() && [ $mode = linked ] && link=(--link orcid)
    "$tf" run -q --openalex "$tmp/w/works" --orcid "$tmp/w/orcid" "${link[@]}" --persons \
        -o "$tmp/$mode"
    grep '^all,' "$tmp/$mode/pipeline.csv" | cut -d, -f2- | sort >"$tmp/got_$mode"
    cmp -s "$tmp/want" "$tmp/got_$mode" ||
        { bad "$mode: pipeline.csv differs from the truth"; diff "$tmp/want" "$tmp/got_$mode" | head; }
done

# Linking: one person fewer for each record whose iD a person of the works shows.
tail -n +2 "$tmp/alone/persons.csv" | cut -d, -f1 | sort >"$tmp/seen"
awk -F, 'NR > 1 && $3 == 1 { print $1 }' "$truth/orcid.csv" | sort >"$tmp/shown"
merged=$(comm -12 "$tmp/seen" "$tmp/shown" | wc -l)
alone=$(($(wc -l <"$tmp/alone/persons.csv") - 1))
linked=$(($(wc -l <"$tmp/linked/persons.csv") - 1))
[ "$merged" -gt 0 ] || bad "no record's iD appears in the works"
[ "$linked" -eq $((alone - merged)) ] ||
    bad "--link orcid: $linked people, want $alone - $merged merged"

# "Did the students come back": doctorates from US whose first degree was in CN, by year.
awk -F, 'NR > 1 && $1 == "CN" && $2 == "US" && $3 == "doctorate" {
             n[$4] += $6; if ($5 == "CN") h[$4] += $6 }
         END { for (y in n) printf "%s,%d,%d\n", y, n[y], h[y] }' "$truth/pipeline.csv" |
    sort >"$tmp/want_back"
"$tf" pipeline --store "$tmp/linked" --from CN --doctorate-in US --format csv |
    tail -n +2 | cut -d, -f1-3 | sort >"$tmp/got_back"
[ -s "$tmp/want_back" ] || bad "no CN first degree with a US doctorate planted"
cmp -s "$tmp/want_back" "$tmp/got_back" ||
    { bad "pipeline --doctorate-in differs from the truth"; diff "$tmp/want_back" "$tmp/got_back"; }

[ $fail -eq 0 ] && echo "pipeline of $(wc -l <"$tmp/want") rows recovered exactly, $merged people linked"
exit $fail

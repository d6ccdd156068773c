#!/usr/bin/env bash
# In a noise-free synthetic world the pipeline recovers the planted moves exactly;
# in a noisy one, planted flow totals within a stated tolerance.
# usage: recovery.sh TALENTFLOW DATA_DIR SCRATCH_DIR
set -euo pipefail
tf=$1 tmp=$3
rm -rf "$tmp" && mkdir -p "$tmp"

"$tf" synth --people 5000 --seed 5 --clean -o "$tmp/clean" 2>/dev/null
"$tf" run -q --openalex "$tmp/clean/works" -o "$tmp/out" --persons

# flows: planted moves counted by origin, destination, year
tail -n +2 "$tmp/clean/truth/moves.csv" |
    awk -F, '{n[$3","$4","$2]++} END {for (k in n) print k","n[k]}' | sort > "$tmp/want_flows"
# flows.csv starts with the talent pool; "all" is everyone
tail -n +2 "$tmp/out/flows.csv" | awk -F, '$1 == "all"' | cut -d, -f2-5 | sort > "$tmp/got_flows"
if ! cmp -s "$tmp/want_flows" "$tmp/got_flows"; then
    echo "FAIL: flows differ from the planted moves"; diff "$tmp/want_flows" "$tmp/got_flows" | head; exit 1
fi
test -s "$tmp/want_flows" || { echo "FAIL: no planted moves"; exit 1; }

# persons: origin, first and last year, moves and last country from the true residence
tail -n +2 "$tmp/clean/truth/residence.csv" | sort -t, -k1,1 -k2,2n |
    awk -F, '$1 != p { if (p != "") print p","o","f","l","m","c; p=$1; o=$3; f=$2; m=0; c=$3 }
             { if ($3 != c) m++; c=$3; l=$2 }
             END { print p","o","f","l","m","c }' | sort > "$tmp/want_persons"
tail -n +2 "$tmp/out/persons.csv" | awk -F, '{print $1","$2","$3","$4","$6","$7}' | sort > "$tmp/got_persons"
if ! cmp -s "$tmp/want_persons" "$tmp/got_persons"; then
    echo "FAIL: persons differ from the true residence"; diff "$tmp/want_persons" "$tmp/got_persons" | head; exit 1
fi
echo "clean world: $(wc -l < "$tmp/want_flows") flow rows and $(wc -l < "$tmp/want_persons") people recovered exactly"

# noisy world: moves per corridor within 15 % for corridors with >= 25 planted moves,
# and all moves within 5 %
"$tf" synth --people 20000 --seed 9 -o "$tmp/noisy" 2>/dev/null
"$tf" run -q --openalex "$tmp/noisy/works" -o "$tmp/nout"
tail -n +2 "$tmp/noisy/truth/moves.csv" | awk -F, '{n[$3","$4]++} END {for (k in n) print k","n[k]}' |
    sort > "$tmp/want_corr"
tail -n +2 "$tmp/nout/flows.csv" | awk -F, '$1 == "all" {n[$2","$3]+=$5} END {for (k in n) print k","n[k]}' |
    sort > "$tmp/got_corr"
join -t, -j1 <(awk -F, '{print $1"-"$2","$3}' "$tmp/want_corr") \
             <(awk -F, '{print $1"-"$2","$3}' "$tmp/got_corr") |
    awk -F, '$2 >= 25 { n++; d = ($3 - $2) / $2; if (d < 0) d = -d; if (d > 0.15) { bad++; print "  off: "$0 } }
             END { print "noisy world: " n " corridors with >= 25 planted moves, " bad+0 " outside 15 %";
                   exit (n == 0 || bad > 0) }'
want=$(($(wc -l < "$tmp/noisy/truth/moves.csv") - 1))
got=$(tail -n +2 "$tmp/nout/flows.csv" | awk -F, '$1 == "all" {s += $5} END {print s}')
awk -v w="$want" -v g="$got" 'BEGIN { d = (g - w) / w; printf "noisy world: %d planted moves, %d measured (%+.1f %%)\n", w, g, 100 * d;
    exit (d > 0.05 || d < -0.05) }'
echo "1 passed, 0 failed"

#!/usr/bin/env bash
# A talent pool's return table is its members' own: in a noise-free world where
# top-tier AI researchers go home far less often than everyone else (ai_top_return
# 0.1, return 0.6), the rows of pool ai-top count exactly the departures and returns
# that the true residence of the world's ai-top members gives by the method's rule,
# as the rows of all do for everyone -- and show the planted gap.
# usage: pool_returns.sh TALENTFLOW DATA_DIR SCRATCH_DIR
set -euo pipefail
tf=$1 tmp=$3
rm -rf "$tmp" && mkdir -p "$tmp"
fail=0
bad() { echo "FAIL: $*"; fail=1; }

printf '%s\n' "people 8000" "seed 11" "move_scale 3" "return 0.6" "ai_top_share 1" \
    "ai_top_return 0.1" "ai_top_venues 0.8" "orcid_records 0" >"$tmp/world.conf"
"$tf" synth --params "$tmp/world.conf" --clean -o "$tmp/w" 2>/dev/null
"$tf" run -q --openalex "$tmp/w/works" --pool ai-top -o "$tmp/out"

# Departed and returned within 10 years, by the method's rule on the true residence
# (careers are observed every year in a clean world): origin = first year's country,
# the first year elsewhere departs, the first later year at the origin returns.
truth_counts() { # persons file (one id per line, or "" for everyone)
    awk -F, -v members="$1" '
        BEGIN { if (members != "") while ((getline id < members) > 0) keep[id] = 1 }
        FNR == 1 { next }
        members != "" && !($1 in keep) { next }
        $1 != p { p = $1; origin = $3; t = 0; done = 0 }
        done { next }
        !t && $3 != origin { t = $2; departed++; next }
        t && $3 == origin { if ($2 - t <= 10) returned++; done = 1 }
        END { printf "%d %d\n", departed, returned }' "$tmp/w/truth/residence.csv"
}
got_counts() { # pool
    awk -F, -v pool="$1" '$1 == pool && $3 == "*" && $4 == "*" && $5 == 10 {
        d += $6; r += $7 } END { printf "%d %d\n", d, r }' "$tmp/out/returns.csv"
}
awk -F, '$2 == "ai-top" { print $1 }' "$tmp/w/truth/pools.csv" >"$tmp/members"
[ -s "$tmp/members" ] || bad "the world has no ai-top members"

for pool in all ai-top; do
    members=""
    [ $pool = ai-top ] && members=$tmp/members
    want=$(truth_counts "$members") got=$(got_counts $pool)
    [ "$want" = "$got" ] || bad "$pool: departed and returned $got, the truth gives $want"
    echo "$pool: departed, returned within 10 years: $got"
done

# The planted gap: per move from abroad, 0.1 against 0.6 of going home.
read -r d_all r_all <<<"$(got_counts all)"
read -r d_top r_top <<<"$(got_counts ai-top)"
[ "$d_top" -ge 100 ] || bad "too few ai-top departures ($d_top) to see the gap"
awk -v a="$r_all" -v da="$d_all" -v t="$r_top" -v dt="$d_top" 'BEGIN {
        printf "return share within 10 years: all %.3f, ai-top %.3f\n", a / da, t / dt
        exit !(t / dt < 0.5 * a / da) }' || bad "ai-top does not return far less often than all"
exit $fail

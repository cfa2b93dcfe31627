#!/usr/bin/env bash
# The warehouse benchmark (issue 18): `huddle chart` of a Postgres table, whose
# counting runs in the database, against psql sending the same GROUP BY. Whole
# processes, alternating huddle and psql, each timed with /usr/bin/time; prints
# every pair's wall time and peak memory, and the ratio pair by pair.
#
#   scripts/pg-test-server                       # note its folder and port
#   psql -h DIR -p PORT -U postgres -d postgres -v n=10000000 -f scripts/bench/pg_voters.sql
#   scripts/bench/warehouse_vs_psql.sh DIR PORT [TABLE] [PAIRS] [HUDDLE]
set -euo pipefail
dir="${1:?the socket folder of the server}"
port="${2:?its port}"
table="${3:-public.voters}"
pairs="${4:-7}"
huddle="${5:-target/release/huddle}"
url="postgres://postgres@/postgres?host=$dir&port=$port&table=$table"
a=("$huddle" chart "$url" --x county --width 80)
b=(psql -X -h "$dir" -p "$port" -U postgres -d postgres -c "SELECT county, count(*) FROM $table GROUP BY 1")
one() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
one "${a[@]}" >/dev/null; one "${b[@]}" >/dev/null   # warm-up
echo "pair huddle_s huddle_KB psql_s psql_KB ratio"
for i in $(seq "$pairs"); do
  read -r ta ma < <(one "${a[@]}")
  read -r tb mb < <(one "${b[@]}")
  awk -v i="$i" -v ta="$ta" -v ma="$ma" -v tb="$tb" -v mb="$mb" \
    'BEGIN { printf "%s %s %s %s %s %.3f\n", i, ta, ma, tb, mb, ta / tb }' 
done

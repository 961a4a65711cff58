#!/usr/bin/env bash
# What a user feels of the store: the wall time `parley ingest` takes over `parley code` on the
# same inputs with the same -j, each ingest into a fresh store (SQLite file, or a fresh
# PostgreSQL database when DB is a postgresql:// URL). Runs alternate (code, ingest, code,
# ingest, ...) so a change in the machine's load hits both; with several binaries they
# alternate too (before/after comparisons in one session).
#
#   bash scripts/ingest-overhead.sh [-n ROUNDS] [-j THREADS] [--db sqlite|URL] [BIN ...]
#   (default BIN: build/release/bin/parley; inputs: samples/)
set -euo pipefail
rounds=5 threads=2 db=sqlite inputs=samples
bins=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n) rounds=$2; shift 2 ;;
    -j) threads=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --inputs) inputs=$2; shift 2 ;;
    *) bins+=("$1"); shift ;;
  esac
done
[ ${#bins[@]} -gt 0 ] || bins=(build/release/bin/parley)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s%N; }
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 "$db" -c "$1" >/dev/null; }
serial=0
fresh_db() {  # called as $(fresh_db) after serial was counted up
  if [ "$db" = sqlite ]; then
    echo "$tmp/s$serial.db"
  else
    # A database of its own per ingest, dropped at the end (dropping one right before the
    # next is created slows file creation on ext4 for a few seconds).
    psql_admin "CREATE DATABASE parley_overhead_$serial"
    # The same URL with this database's name (the query string, e.g. ?host=..., kept).
    python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' \
      "$db" "parley_overhead_$serial"
  fi
}
cleanup_pg() {
  [ "$db" = sqlite ] && return
  for i in $(seq 1 "$serial"); do psql_admin "DROP DATABASE IF EXISTS parley_overhead_$i"; done
}
declare -A code_ms ingest_ms
for r in $(seq 1 "$rounds"); do
  for b in "${bins[@]}"; do
    t0=$(now); "$b" code "$inputs" -j "$threads" --no-progress >/dev/null 2>&1; t1=$(now)
    serial=$((serial + 1))
    url=$(fresh_db)
    t2=$(now); "$b" ingest "$inputs" --db "$url" -j "$threads" --no-progress >/dev/null 2>"$tmp/err"; t3=$(now)
    c=$(((t1 - t0) / 1000000)) i=$(((t3 - t2) / 1000000))
    code_ms[$b]+="$c " ingest_ms[$b]+="$i "
    # The ingest's own account: coding time, and the time coding waited for the store (and,
    # since the fifth pass, for its close).
    own=$(grep -o '[0-9.]* s coding, [0-9.]* s waiting for the store[^%]*%' "$tmp/err" | tail -1)
    printf 'round %d  %-32s code %5d ms  ingest %5d ms  extra %4d ms (%.1f%%)  [%s]\n' "$r" "$b" \
      "$c" "$i" $((i - c)) "$(echo "100 * ($i - $c) / $c" | bc -l)" "$own"
  done
done
cleanup_pg
for b in "${bins[@]}"; do
  read -r -a cs <<<"${code_ms[$b]}"; read -r -a is <<<"${ingest_ms[$b]}"
  med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  mc=$(med "${cs[@]}") mi=$(med "${is[@]}")
  printf 'median  %-32s code %5d ms  ingest %5d ms  extra %4d ms (%.1f%%)\n' "$b" "$mc" "$mi" \
    $((mi - mc)) "$(echo "100 * ($mi - $mc) / $mc" | bc -l)"
done

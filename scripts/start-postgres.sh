#!/usr/bin/env bash
# Starts a private PostgreSQL 15 server for the store tests and prints its URL on stdout:
#   eval "$(bash scripts/start-postgres.sh)"   # sets PARLEY_TEST_POSTGRES and PARLEY_PG_DIR
#   bash scripts/stop-postgres.sh "$PARLEY_PG_DIR"
# The cluster lives in a fresh temporary directory, listens on a Unix socket in that directory
# only (no TCP), trusts local connections and is owned by a non-root user: `postgres` when run
# as root (PostgreSQL refuses to run as root), the current user otherwise.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
if [ ! -x "$bin/initdb" ]; then
  echo "start-postgres: $bin/initdb not found (Debian package postgresql)" >&2
  exit 1
fi
dir="$(mktemp -d /tmp/parley-pg-XXXXXX)"
as=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres > /dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  chown postgres "$dir"
  chmod 700 "$dir"
  as=(runuser -u postgres --)
fi
port=$((40000 + RANDOM % 20000))
"${as[@]}" "$bin/initdb" -D "$dir/data" -U parley -A trust --locale=C --encoding=UTF8 > "$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start > /dev/null || { cat "$dir/server.log" >&2; exit 1; }
"${as[@]}" "$bin/createdb" -h "$dir" -p "$port" -U parley parley_test
echo "export PARLEY_PG_DIR='$dir'"
echo "export PARLEY_TEST_POSTGRES='postgresql://parley@/parley_test?host=$dir&port=$port'"

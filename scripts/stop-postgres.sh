#!/usr/bin/env bash
# Stops the server scripts/start-postgres.sh started in DIR and removes DIR.
set -uo pipefail
dir="${1:?usage: stop-postgres.sh DIR}"
[ -d "$dir/data" ] || exit 0
as=()
[ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
"${as[@]}" /usr/lib/postgresql/15/bin/pg_ctl -D "$dir/data" -m immediate -w stop > /dev/null 2>&1
rm -rf "$dir"

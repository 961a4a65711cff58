#!/usr/bin/env bash
# Browser tests of the dashboard (web/tests/browser.mjs): the samples ingested into a fresh
# SQLite store, `parley serve` started on a free loopback port, Debian's chromium driven by
# playwright-core through every view; screenshots go to <build>/screenshots. Then SIGTERM must
# stop the server cleanly (exit 0, "stopped").
#   serve_browser.sh <parley binary> <source dir> <build dir>
set -euo pipefail
parley="$1" src="$2" build="$3"
node_major="$(node -p 'process.versions.node.split(".")[0]' 2> /dev/null || echo 0)"
if [ "$node_major" -lt 20 ] || [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "serve_browser: Node.js >= 20 or chromium missing (see scripts/install-deps.sh); skipped"
  exit 77
fi
if [ ! -f "$src/web/dist/index.html" ] || [ ! -d "$src/web/node_modules/playwright-core" ]; then
  (cd "$src/web" && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
fi
work="$(mktemp -d)"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
"$parley" ingest "$src/samples" --db "$work/parley.db" 2> "$work/ingest.log" || {
  cat "$work/ingest.log"
  exit 1
}
"$parley" serve --db "$work/parley.db" --port 0 --web-root "$src/web/dist" 2> "$work/serve.log" &
server=$!
url=""
for _ in $(seq 1 100); do
  url="$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/serve.log" || true)"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "serve_browser: the server did not start"; cat "$work/serve.log"; exit 1; }
status=0
node "$src/web/tests/browser.mjs" "$url" "$build/screenshots" || status=$?
kill -TERM "$server"
rc=0
wait "$server" || rc=$?
server=""
if [ "$rc" -ne 0 ] || ! grep -q "parley serve: stopped" "$work/serve.log"; then
  echo "serve_browser: SIGTERM did not stop the server cleanly (exit $rc)"
  cat "$work/serve.log"
  status=1
fi
exit "$status"

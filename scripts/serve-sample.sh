#!/usr/bin/env bash
# Quick start, command 3: install, build (the dashboard too), store the bundled samples in
# out/parley.db and serve the API and the dashboard on http://127.0.0.1:8080/ (Ctrl-C stops).
#   bash scripts/serve-sample.sh [--port N] [other parley serve options]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh release
mkdir -p out
parley=./build/release/bin/parley
"$parley" ingest samples/ --db out/parley.db -j 2  # a no-op for articles already stored
exec "$parley" serve --db out/parley.db --web-root web/dist "$@"

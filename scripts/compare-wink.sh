#!/usr/bin/env bash
# Side by side on the EWT test set: wink-nlp (wink-eng-lite-web-model, installed from npm into
# build/wink, which git ignores) and Parley. Prints each system's UPOS F1 and speed.
# Usage: scripts/compare-wink.sh [SHARED_DIR]   (default: $PARLEY_SHARED or ../shared)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${1:-${PARLEY_SHARED:-$root/../shared}}"
gold="$shared/corpora/ud-english-ewt/en_ewt-ud-test.conllu"
parley="${PARLEY_BIN:-$root/build/nlp/bin/parley}"
[ -x "$parley" ] || parley="$root/build/release/bin/parley"
[ -f "$gold" ] || { echo "missing $gold" >&2; exit 1; }
[ -x "$parley" ] || { echo "build parley first (set PARLEY_BIN)" >&2; exit 1; }
wink="$root/build/wink"
if [ ! -d "$wink/node_modules/wink-eng-lite-web-model" ]; then
  mkdir -p "$wink"
  npm install --silent --no-audit --no-fund --prefix "$wink" wink-nlp wink-eng-lite-web-model >&2
fi
echo "EWT test ($gold)"
WINK_DIR="$wink" node "$root/scripts/wink-upos.mjs" "$gold"
# Parley from the same sentences' raw text: segmenter, tagger and parser.
"$parley" eval parse --gold "$gold" --raw | awk 'NR==2 {printf "parley      UPOS F1 %s  %s words/s  (raw text: segment + tag + lemmatize + parse; LAS %s)\n", $5, $11, $10}'

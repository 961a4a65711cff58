#!/usr/bin/env bash
# One-command news-gold evaluation: codes the hand-annotated articles of
# SHARED/corpora/news-gold/ with the built `parley` and scores them with
# SHARED/eval/score_news.py (events, actors, quotes, speakers, positions).
#   bash scripts/eval-news.sh [SHARED] [--errors N]
# SHARED defaults to $PARLEY_SHARED, else ../shared. Skips (exit 0, saying so) when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${PARLEY_SHARED:-../shared}"
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then shared="$1"; shift; fi
gold_dir="$shared/corpora/news-gold"
scorer="$shared/eval/score_news.py"
if [ ! -d "$gold_dir" ] || [ ! -f "$scorer" ]; then
  echo "eval-news: skipped: $gold_dir or $scorer not found (set PARLEY_SHARED)"
  exit 0
fi
parley="${PARLEY_BIN:-build/release/bin/parley}"
[ -x "$parley" ] || bash scripts/build.sh release >/dev/null
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat "$gold_dir"/*.jsonl > "$tmp/gold.jsonl"
"$parley" code "$tmp/gold.jsonl" > "$tmp/coded.jsonl"
python3 "$scorer" "$tmp/gold.jsonl" "$tmp/coded.jsonl" "$@"

#!/usr/bin/env bash
# Quick start, command 1: install, build, and run Parley on the bundled sample corpus: every
# article coded (actors, events, quotes, claims, positions, divergences) into out/, the reference
# article shown as a table, and the corpus's positions and divergences.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh release
mkdir -p out
parley=./build/release/bin/parley
"$parley" code samples/ -j 2 > out/coded.jsonl
"$parley" code samples/ -f csv > out/events.csv
"$parley" code samples/ -f gdelt > out/events.gdelt.tsv
"$parley" code samples/ -f plover > out/events.plover.jsonl
"$parley" code samples/cairo-talks.txt -f table
"$parley" positions out/coded.jsonl > out/positions.txt
"$parley" diverge out/coded.jsonl > out/divergences.txt
# The store: the samples ingested into out/parley.db (a re-run adds nothing: articles are keyed
# by content hash), then a question asked of it: events per week by quad class.
"$parley" ingest samples/ --db out/parley.db -j 2 --no-progress
echo "Events per week by quad class (1 verbal cooperation .. 4 material conflict), from out/parley.db:"
"$parley" query --db out/parley.db --count-by week --by quad
bash scripts/link-python.sh >&2   # python3 -c "import parley" now works (see Python and Dask)
echo "run-sample: $(wc -l < out/coded.jsonl) articles coded, $(($(wc -l < out/events.csv) - 1)) events;" \
  "out/coded.jsonl (JSON lines), out/events.csv, out/events.gdelt.tsv, out/events.plover.jsonl," \
  "out/positions.txt, out/divergences.txt, out/parley.db (the store: parley query --db out/parley.db)" >&2

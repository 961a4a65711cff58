#!/usr/bin/env bash
# Quick start, command 1: install, build, and run Parley on the bundled sample corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh release
mkdir -p out
./build/release/bin/parley tokenize samples/ --format json > out/samples.jsonl
./build/release/bin/parley tokenize samples/cairo-talks.txt
echo "run-sample: $(wc -l < out/samples.jsonl) articles analysed; JSON lines in out/samples.jsonl" >&2

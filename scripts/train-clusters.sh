#!/usr/bin/env bash
# Relearns models/clusters.tsv (word classes used as NER features) from the UN General Debates
# corpus in ../shared (or $PARLEY_SHARED): 1,000 classes over 37.8M tokens, about a minute.
# The corpus is CC0 (Harvard Dataverse, UNGDC 1946-2024); so is the table.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${PARLEY_SHARED:-../shared}"
in="$shared/corpora/ungdc-un-general-debates/ungdc_1946-2024.jsonl.gz"
[ -f "$in" ] || { echo "train-clusters: $in not found (set PARLEY_SHARED)" >&2; exit 2; }
build/release/bin/parley train clusters "$in" --classes 1000 --iterations 12 --out "${1:-models/clusters.tsv}"

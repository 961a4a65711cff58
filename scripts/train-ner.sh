#!/usr/bin/env bash
# Retrains models/ner.bin from the open NER corpora in ../shared (or $PARLEY_SHARED), deterministically.
# Training data and licences: GUM Wikimedia train (CC BY 4.0), CrossNER politics train+dev (MIT;
# Wikipedia text, CC BY-SA), Wikigold (CC BY 4.0), UNER English EWT dev (CC BY-SA 4.0); GUM
# Wikimedia dev picks the epoch. Test sets (GUM test, UNER EWT/PUD test, re3d) stay held out.
# Word classes: models/clusters.tsv, from scripts/train-clusters.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${PARLEY_SHARED:-../shared}"
c="$shared/corpora"
[ -d "$c" ] || { echo "train-ner: $c not found (set PARLEY_SHARED)" >&2; exit 2; }
build/release/bin/parley train ner \
  --train "gum:$c/ud-english-gum-wikimedia/gum-wikimedia-train.conllu" \
          "conll:$c/crossner-politics/train.txt" "conll:$c/crossner-politics/dev.txt" \
          "conll:$c/wikigold/wikigold.conll.txt" "uner:$c/uner-english-ewt/en_ewt-ud-dev.iob2" \
  --dev "gum:$c/ud-english-gum-wikimedia/gum-wikimedia-dev.conllu" \
  --first-names data/names/first-names.txt --clusters models/clusters.tsv \
  --out "${1:-models/ner.bin}"

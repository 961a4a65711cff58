#!/usr/bin/env bash
# Regenerates Parley's actor knowledge base data/actors/kb/people.tsv, organisations.tsv and agents.tsv from
# the Phoenix actor dictionaries (petrarch2, MIT) and the UN General Debate speaker list (CC0) in
# the shared data directory. The hand-written people-extra.tsv and institutions.tsv beside them are
# read (they take precedence) but not changed. Python 3 standard library only.
#   bash scripts/make-actor-kb.sh [SHARED_DIR]   (default: ../shared, relative to the repository)
# Further options go to the generator, e.g. --close-phoenix-open-roles 20140130.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-../shared}"
shift || true
exec python3 scripts/make-actor-kb.py "$shared" "$@"

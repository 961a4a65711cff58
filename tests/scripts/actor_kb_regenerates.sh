#!/usr/bin/env bash
# The actor knowledge base regenerates from ../shared with one command and gives exactly the
# committed tables (the generator is deterministic and the data are up to date). Skips, saying
# so, without the shared data (exit 77, CTest's skip code).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${PARLEY_SHARED:-}"
if [ -z "$shared" ] || [ ! -d "$shared/peers/petrarch2/dictionaries" ]; then
  echo "actor KB: skipped, PARLEY_SHARED not set or without peers/petrarch2 (the generator needs ../shared)"
  exit 77
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# The hand-written tables take precedence; the generator reads them beside its output.
cp "$root"/data/actors/kb/people-extra.tsv "$root"/data/actors/kb/institutions.tsv "$out"/
bash "$root/scripts/make-actor-kb.sh" "$shared" --out "$out" > "$out/log.txt"
for f in people.tsv organisations.tsv agents.tsv; do
  if ! cmp -s "$out/$f" "$root/data/actors/kb/$f"; then
    echo "actor KB: regenerated $f differs from data/actors/kb/$f:"
    diff "$out/$f" "$root/data/actors/kb/$f" | head -20
    exit 1
  fi
done
echo "actor KB: regenerated people.tsv, organisations.tsv and agents.tsv match the committed tables"
tail -3 "$out/log.txt"

#!/usr/bin/env bash
# Quick start, command 2: install, build, and run the whole test suite.
# Tests that need the shared corpora read PARLEY_SHARED (default ../shared) and skip without it.
# The store's PostgreSQL cases run against a private server started below.
# scripts/test.sh debug runs the same suite under AddressSanitizer + UndefinedBehaviorSanitizer
# (gcc); scripts/test.sh sanitize (what CI runs) the same with clang, plus a libFuzzer run of
# each fuzz target, all from one instrumented build.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
if [ -z "${PARLEY_SHARED:-}" ] && [ -d ../shared ]; then export PARLEY_SHARED="$(cd ../shared && pwd)"; fi
bash scripts/build.sh "$preset"
# The store tests run against SQLite and a real PostgreSQL 15 server, started here in a temporary
# directory (scripts/start-postgres.sh) and stopped on exit. PARLEY_TEST_POSTGRES set by the
# caller is used as it is; PARLEY_NO_POSTGRES=1 skips the PostgreSQL cases.
if [ -z "${PARLEY_TEST_POSTGRES:-}" ] && [ -z "${PARLEY_NO_POSTGRES:-}" ]; then
  eval "$(bash scripts/start-postgres.sh)"
  trap 'bash scripts/stop-postgres.sh "$PARLEY_PG_DIR"' EXIT
fi
exclude=()
# Left out under the sanitizers (debug; sanitize, CI's): four LongSentences tests whose point is
# the time to code 8,000-80,000-word sentences, a timing that under ASan measures ASan, not
# Parley (148 s summed; LongSentences' two tests of structure do run), and
# ActorKnowledgeBase.RegeneratesFromShared, a Python generator compared with the tables: no C++,
# and the release suite has run it.
timing='RunOnSentenceOf8kWordsCodesInSeconds|SingleSentenceOf80kWords|FuzzerHangsCodeInSeconds'
timing+='|ManyQuotesInOneSentence'
case "$preset" in
  debug | sanitize)
    exclude=(-E "^(LongSentences\.($timing)|ActorKnowledgeBase\.RegeneratesFromShared)\$")
    ;;
esac
ctest --preset "$preset" --output-on-failure -j2 "${exclude[@]}"

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
# Under the sanitizers (debug; sanitize, CI's): LongSentences.* time the analysis of
# 8,000-80,000-word sentences, so they measure ASan, not Parley (3 of the debug suite's 18
# minutes of summed test time); ActorKnowledgeBase.* runs a Python generator and compares
# tables, no C++ at all, so the release suite has already run it.
case "$preset" in
  debug | sanitize) exclude=(-E '^(LongSentences|ActorKnowledgeBase)\.') ;;
esac
ctest --preset "$preset" --output-on-failure -j2 "${exclude[@]}"

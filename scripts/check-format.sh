#!/usr/bin/env bash
# Checks that the C++ sources follow .clang-format (100 columns, Google style): prints each
# violation and exits 1 when any file would change. Rewrites nothing; to fix a file, run
# `clang-format -i FILE`. scripts/check-format.sh [FILE...] checks only the files given.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v clang-format > /dev/null; then
  echo "check-format: clang-format is not installed (scripts/install-deps.sh installs it)" >&2
  exit 1
fi
if [ $# -gt 0 ]; then
  files=("$@")
else
  # Tracked files when in a git checkout (skips build trees), else every source under the dirs.
  dirs=(src tools tests bench fuzz python)
  existing=()
  for d in "${dirs[@]}"; do [ -d "$d" ] && existing+=("$d"); done
  if git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
    mapfile -t files < <(git ls-files -- "${existing[@]}" | grep -E '\.(cpp|hpp|cc|h)$' || true)
  else
    mapfile -t files < <(find "${existing[@]}" -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.cc' -o -name '*.h' \) | sort)
  fi
fi
if [ ${#files[@]} -eq 0 ]; then
  echo "check-format: no C++ files to check" >&2
  exit 1
fi
bad=()
for f in "${files[@]}"; do
  clang-format --dry-run -Werror "$f" > /dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  for f in "${bad[@]}"; do clang-format --dry-run "$f" 2>&1 | grep -E '^[^ ].*: (warning|error):' | head -3 || true; done
  echo "check-format: ${#bad[@]} of ${#files[@]} files are not formatted (clang-format -i FILE fixes one)"
  exit 1
fi
echo "check-format: ${#files[@]} files formatted"

#!/usr/bin/env bash
# Makes `python3 -c "import parley"` use the build tree, like an editable install: a one-line
# parley-build.pth in the user site-packages of the interpreter the module was built for (for
# Python 3.11 that is ~/.local/lib/python3.11/site-packages, read by every 3.11 interpreter of
# the user, Debian's and pyenv's alike), naming build/<preset>/python. Rebuilds show up at once;
# `scripts/link-python.sh --remove` takes it away. For a system-wide copy use `cmake --install`.
#   scripts/link-python.sh [--remove] [PRESET]
set -euo pipefail
cd "$(dirname "$0")/.."
remove=0
[ "${1:-}" = "--remove" ] && { remove=1; shift; }
preset="${1:-release}"
pkg="$(pwd)/build/$preset/python"
py="$(sed -n 's/^Python_EXECUTABLE:[A-Z]*=//p' "build/$preset/CMakeCache.txt" 2>/dev/null || true)"
if [ -z "$py" ] || [ ! -e "$pkg/parley/__init__.py" ]; then
  echo "link-python: skipped: the Python module was not built (needs pybind11-dev, python3-dev)"
  exit 0
fi
site="$("$py" -m site --user-site)"
if [ "$remove" = 1 ]; then
  rm -f "$site/parley-build.pth"
  echo "link-python: removed $site/parley-build.pth"
  exit 0
fi
mkdir -p "$site"
echo "$pkg" > "$site/parley-build.pth"
echo "link-python: $site/parley-build.pth -> $pkg (python3 -c 'import parley' now finds the build tree)"
want="$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
if have="$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" && [ "$have" != "$want" ]; then
  echo "link-python: note: python3 on PATH is $have; the module is built for $py ($want)"
fi

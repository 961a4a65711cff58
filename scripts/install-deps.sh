#!/usr/bin/env bash
# Installs the Debian 12 packages Parley builds with. Idempotent: installs only what is missing.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git
  libfmt-dev libcli11-dev libsimdjson-dev libgumbo-dev libutf8proc-dev zlib1g-dev
  libgtest-dev libgmock-dev libbenchmark-dev ccache clang-format
  libsqlite3-dev libpq-dev postgresql nlohmann-json3-dev
  libcpp-httplib-dev chromium nodejs
  clang libclang-rt-dev llvm
  pybind11-dev python3-dev python3-pytest python3-pandas python3-dask python3-distributed
)
# clang builds CI's sanitizer suite and the libFuzzer targets (the sanitize preset); its
# sanitizer and libFuzzer run-times are libclang-rt-dev (only recommended by clang, so named
# here), and llvm gives llvm-symbolizer, which turns ASan's and UBSan's addresses into lines.
# npm comes with NodeSource's nodejs; Debian's nodejs needs its own npm package.
command -v npm > /dev/null 2>&1 || packages+=(npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

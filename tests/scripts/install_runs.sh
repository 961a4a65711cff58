#!/usr/bin/env bash
# `cmake --install` into a fresh prefix gives a `parley` that codes an article from another
# working directory with no PARLEY_* variable set (models and data from <prefix>/share/parley),
# and headers plus libparley.a that build the README's example on their own.
#   install_runs.sh BUILD_DIR SOURCE_DIR CXX [FLAGS] (FLAGS: the sanitizers of a sanitized build)
set -euo pipefail
build="$1" src="$2" cxx="${3:-c++}" flags="${4:-}"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
unset PARLEY_MODELS PARLEY_DATA PARLEY_HOME
cmake --install "$build" --prefix "$prefix/p" > "$prefix/install.log"
p="$prefix/p"
for f in bin/parley lib/libparley.a include/parley/parley.hpp include/parley/doc/document.hpp \
         share/parley/models/parser.bin share/parley/data/actors/kb/people.tsv \
         share/parley/data/events/verbs/core.tsv share/parley/data/cameo/cameo.tsv; do
  [ -e "$p/$f" ] || { echo "install: $f missing"; exit 1; }
done
if [ -e "$p/lib/libparley_train_eval.a" ]; then
  echo "install: the train/eval library is not part of the runtime"; exit 1
fi

cd /tmp
"$p/bin/parley" resources > "$prefix/resources.txt"
if ! grep -q "^models  $p/share/parley/models  (install prefix)" "$prefix/resources.txt" ||
   ! grep -q "^data    $p/share/parley/data  (install prefix)" "$prefix/resources.txt"; then
  echo "install: resources not found in the prefix:"; cat "$prefix/resources.txt"; exit 1
fi
"$p/bin/parley" code "$src/samples/cairo-talks.txt" > "$prefix/coded.jsonl"
for want in '"source_code":"USAGOV"' '"target_code":"PSEREB"' '"pattern":"events/'; do
  grep -q "$want" "$prefix/coded.jsonl" || { echo "install: no $want in the coded output"; exit 1; }
done
if grep -q "\"pattern\":\"/" "$prefix/coded.jsonl"; then
  echo "install: a pattern names an absolute path"; exit 1
fi

# The README's example, against the installed headers and library only.
sed -n '/^```cpp$/,/^```$/p' "$src/README.md" | sed '1d;$d' > "$prefix/example.cpp"
grep -q "parley::Analyzer" "$prefix/example.cpp" || { echo "install: no README example"; exit 1; }
# shellcheck disable=SC2086 # FLAGS is a list of options
"$cxx" -std=c++20 -O1 $flags -I"$p/include" "$prefix/example.cpp" -o "$prefix/example" \
  "$p/lib/libparley.a" -lfmt -lsimdjson -lgumbo -lutf8proc -lz -pthread
PARLEY_HOME="$p/share/parley" "$prefix/example" "$src/samples/cairo-talks.txt" \
  > "$prefix/example.out"
grep -q "USAGOV" "$prefix/example.out" || { echo "install: the example printed no USAGOV:"; \
  head -20 "$prefix/example.out"; exit 1; }
echo "install: parley code and the README example run from $p"

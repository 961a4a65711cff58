// Where Parley's models and data are: found once, at the edge (the CLI's main, the Analyzer
// of parley.hpp, a server's startup), then passed into the library as plain paths. This is the
// one place that reads environment variables for paths.
#pragma once

#include <string>
#include <string_view>

namespace parley {

struct ResourcePaths {
  std::string models;  // directory of segmenter.bin, tagger.bin, parser.bin, ner.bin...
  std::string data;    // directory of actors/, events/, cameo/, ...
  // Where each came from, for error messages: "--models", "PARLEY_MODELS", "PARLEY_HOME",
  // "install prefix" or "build tree" (and likewise for data).
  std::string models_from, data_from;
};

// Each directory, independently, from the first of:
//   1. the explicit value (a --models/--data flag, AnalyzerOptions), when not empty;
//   2. $PARLEY_MODELS / $PARLEY_DATA (kept for compatibility);
//   3. $PARLEY_HOME/models, $PARLEY_HOME/data;
//   4. the install prefix: <dir of the executable>/../share/parley/{models,data}, when present
//      (found through /proc/self/exe, so an installed tree works from any working directory);
//   5. the source tree's models/ and data/, compiled in (for running from the build tree).
ResourcePaths resolve_resources(std::string_view models_flag = {}, std::string_view data_flag = {});

// resolve_resources().models / .data: shorthands for tools, tests and benchmarks.
std::string default_model_dir();
std::string default_data_dir();

}  // namespace parley

// Options shared by every command that reads articles, and the loop that runs them through a
// pipeline while reporting skipped input on stderr.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "parley/ingest/ingest.hpp"
#include "parley/parley.hpp"
#include "parley/pipeline/pipeline.hpp"
#include "parley/pipeline/standard.hpp"

namespace parley::cli {

struct InputArgs {
  std::vector<std::string> paths;
  std::string format = "auto";
  IngestOptions ingest;
  int threads = 1;
  size_t batch_articles = 256;  // articles coded in parallel before any reaches the sink
  bool progress = false, no_progress = false;
  bool profile = false;  // --profile: each stage's time on stderr after the run
  // What the analysis reads: directories ("" = resolve_resources()) and extra dictionaries.
  std::string models, data;
  std::vector<std::string> lexicons, petrarch_verbs, discards, actor_dicts;
};

// The inputs, their metadata, threads, progress and --models.
void add_input_options(CLI::App* cmd, InputArgs& args);
// The options that change an analysis up to `last`: --data and --dict from Stage::Actors on,
// --lexicon, --petrarch-verbs and --discards from Stage::Events on.
void add_analysis_options(CLI::App* cmd, InputArgs& args, Stage last);
// The one builder of every analysing command (tokenize, parse, actors, code, positions,
// diverge): the same options give the same analysis, whichever command shows it.
Analyzer open_analyzer(const InputArgs& args, Stage last);

// Reads the inputs, runs the pipeline and calls `sink` per article in input order. Skipped
// input is reported on stderr and makes the exit status 2.
PipelineStats run_inputs(const InputArgs& args, const Pipeline& pipeline,
                         const std::function<void(Article&)>& sink);

// Prints what the readers of user dictionaries skipped or repaired: a count per file and the
// first few lines, on stderr.
void print_load_warnings(const std::vector<LoadWarnings>& warnings);

}  // namespace parley::cli

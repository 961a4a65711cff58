// The standard analysis chains, wired once for every shell (CLI, server, Python): segment ->
// tag -> parse -> actors -> events -> quotes, claims, positions and divergences. Most callers
// want parley::Analyzer (parley/parley.hpp), which builds its chain here.
#pragma once

#include <string>
#include <vector>

#include "parley/pipeline/pipeline.hpp"
#include "parley/pipeline/stage.hpp"
#include "parley/resources.hpp"

namespace parley {

struct StandardOptions {
  // Resolved directories (resolve_resources()): the library reads no environment for them.
  // The models are needed from Stage::Segment on, the data from Stage::Actors on.
  std::string model_dir;
  std::string data_dir;
  std::vector<std::string>
      lexicons;  // extra event lexicon files (Parley format), overriding built-ins
  std::vector<std::string>
      petrarch_verbs;                    // PETRARCH/TABARI verb dictionaries, overriding built-ins
  std::vector<std::string> discards;     // PETRARCH/TABARI discard lists
  std::vector<std::string> actor_dicts;  // PETRARCH/TABARI actor and agent dictionaries
  // When set, one entry per user file whose reader found problems (shells print them).
  std::vector<LoadWarnings>* warnings = nullptr;
};

// Every component up to and including `last`. Throws std::invalid_argument when a directory
// the chain needs is not given.
Pipeline standard_pipeline(Stage last, const StandardOptions& options);
// The same with the given directories and no extra dictionaries.
Pipeline standard_pipeline(Stage last, const ResourcePaths& resources);

}  // namespace parley

// The standard analysis chains, wired once for every shell (CLI, server, Python): segment ->
// tag -> parse -> actors -> events -> quotes, claims, positions and divergences.
#pragma once

#include <string>
#include <vector>

#include "parley/pipeline/pipeline.hpp"

namespace parley {

enum class Stage { Segment, Parse, Actors, Events, Attribution };

// What the reader of one user file (dictionary, verb list, discard list) skipped or repaired.
struct LoadWarnings {
  std::string path;
  size_t count = 0;                   // problems in all
  std::vector<std::string> examples;  // "file:line: message", the first few
};

struct StandardOptions {
  std::string model_dir;  // "" = the bundled models
  std::string data_dir;   // "" = the bundled data
  std::vector<std::string> lexicons;  // extra event lexicon files (Parley format), overriding built-ins
  std::vector<std::string> petrarch_verbs;  // PETRARCH/TABARI verb dictionaries, overriding built-ins
  std::vector<std::string> discards;        // PETRARCH/TABARI discard lists
  std::vector<std::string> actor_dicts;     // PETRARCH/TABARI actor and agent dictionaries
  // When set, one entry per user file whose reader found problems (shells print them).
  std::vector<LoadWarnings>* warnings = nullptr;
};

// Every component up to and including `last`.
Pipeline standard_pipeline(Stage last, const StandardOptions& options = {});

}  // namespace parley

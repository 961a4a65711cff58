// The standard analysis chains, wired once for every shell (CLI, server, Python): segment ->
// tag -> parse -> actors -> events -> quotes, claims, positions and divergences.
#pragma once

#include <string>

#include "parley/pipeline/pipeline.hpp"

namespace parley {

enum class Stage { Segment, Parse, Actors, Events, Attribution };

struct StandardOptions {
  std::string model_dir;  // "" = the bundled models
  std::string data_dir;   // "" = the bundled data
  std::vector<std::string> lexicons;  // extra event lexicon files (Parley format), overriding built-ins
  std::vector<std::string> petrarch_verbs;  // PETRARCH/TABARI verb dictionaries, overriding built-ins
  std::vector<std::string> discards;        // PETRARCH/TABARI discard lists
  std::vector<std::string> actor_dicts;     // PETRARCH/TABARI actor and agent dictionaries
};

// Every component up to and including `last`.
Pipeline standard_pipeline(Stage last, const StandardOptions& options = {});

}  // namespace parley

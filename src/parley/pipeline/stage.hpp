// How far an analysis goes: each stage needs the ones before it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace parley {

// Segment: sentences and tokens. Parse: tags, lemmas, dependencies. Actors: the actor registry.
// Events: coded events (the event coder may add actors the text implies but does not name).
// Attribution: quotes, claims, positions and divergences.
enum class Stage { Segment, Parse, Actors, Events, Attribution };

// What the reader of one user file (dictionary, verb list, discard list) skipped or repaired.
struct LoadWarnings {
  std::string path;
  size_t count = 0;                   // problems in all
  std::vector<std::string> examples;  // "file:line: message", the first few
};

}  // namespace parley

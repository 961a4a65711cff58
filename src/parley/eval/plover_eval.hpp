// Agreement with the PLOVER gold standard records (PLOVER_GSR_CAMEO.txt, CC BY-SA 4.0, read
// from ../shared at run time): news sentences from the CAMEO manual, each with one PLOVER event
// type and its source and target actors. Parley codes each record's text as one article with
// its own dictionaries; its CAMEO codes become PLOVER types through data/cameo/plover.tsv (the
// mapping the PLOVER export uses).
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "parley/eval/metrics.hpp"
#include "parley/extract/ontology.hpp"
#include "parley/pipeline/pipeline.hpp"

namespace parley::eval {

struct PloverActor {
  std::string text, code, sector;
};

struct PloverRecord {
  std::string id, date, text, markup;
  std::string event;  // as the file writes it (2016 names: DEMAND, DISAPPROVE, FIGHT...)
  std::string type;   // the current PLOVER name (REQUEST, ACCUSE, ASSAULT...)
  std::vector<PloverActor> sources, targets;
};

struct PloverRecords {
  std::vector<PloverRecord> records;  // news sentences to score
  std::vector<std::string> excluded;  // "ID: why" for records left out (the DOCUMENT record)
  std::vector<std::string> notes;     // oddities read past: "ID: target is a string"
  size_t total = 0;                   // records in the file
  size_t trailing_commas = 0;         // removed before parsing (the file is strict JSON today)
};

// The current PLOVER type for a 2016 name: DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE ->
// ACCUSE, FIGHT -> ASSAULT (the PLOVER manual's CAMEO table); current names are kept.
std::string current_plover_type(std::string_view name);

// Reads the JSON array. Throws std::runtime_error naming the file when it is not a JSON array of
// objects; trailing commas before ']' or '}' are tolerated (and counted).
PloverRecords read_plover_records(const std::string& path);

struct PloverCounts {
  size_t records = 0, with_event = 0, right_type = 0, right_actors = 0;
};

struct PloverScores {
  PloverCounts total;
  std::map<std::string, PloverCounts> by_type;    // gold (current) type -> counts
  std::map<std::string, size_t> predicted_types;  // types Parley coded where the gold differs
  std::map<std::string, size_t> failures;         // category -> records
  static double pct(size_t x, size_t n) { return eval::pct(x, n); }
};

// `chain` takes raw text to events. An event counts when it is not negated and its CAMEO code
// has a PLOVER type (every root but 01). Source (target) is right when the first three letters
// of Parley's code are the code of one of the gold sources (targets), or when the gold lists
// none. With `errors`, prints up to `max_errors` misses with the record's markup.
PloverScores evaluate_plover(const std::vector<PloverRecord>& records, const Pipeline& chain,
                             const extract::Ontology& ontology, std::ostream* errors,
                             size_t max_errors);

}  // namespace parley::eval

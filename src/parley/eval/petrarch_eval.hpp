// Agreement with PETRARCH's validation suite: sentences with expected (source, target, code)
// codings over fictional actors defined in the suite's own dictionaries. Parley parses each
// sentence with its own models, finds actors through the suite's actor/agent dictionaries and
// codes events with the suite's verb dictionary converted to Parley patterns.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "parley/pipeline/pipeline.hpp"

namespace parley::eval {

struct PetrarchCoding {
  std::string source, target, code;
  friend bool operator<(const PetrarchCoding& a, const PetrarchCoding& b) {
    return std::tie(a.source, a.target, a.code) < std::tie(b.source, b.target, b.code);
  }
  friend bool operator==(const PetrarchCoding&, const PetrarchCoding&) = default;
};

struct PetrarchRecord {
  std::string id, category, date, text;
  std::vector<PetrarchCoding> expected;
  bool noevents = false, error = false;
  uint64_t line = 0;
};

// Reads the XML records; throws std::runtime_error naming the file and line on a record that
// cannot be read (no <Text>, unterminated element).
std::vector<PetrarchRecord> read_petrarch_records(const std::string& path);

struct PetrarchScores {
  size_t records = 0, skipped_error_records = 0;
  size_t event_records = 0, event_records_exact = 0;  // records expecting events; all codings equal
  size_t noevent_records = 0, noevent_records_right = 0;
  size_t expected = 0, predicted = 0;
  size_t triple_hits = 0, code_hits = 0, dyad_hits = 0, root_hits = 0;
  std::map<std::string, std::pair<size_t, size_t>> by_root;  // root -> (expected, exact hits)
  std::map<std::string, size_t> failures;                    // category -> count
  double agreement() const {  // records coded exactly as expected, over all scored records
    size_t n = event_records + noevent_records;
    return n ? 100.0 * (event_records_exact + noevent_records_right) / n : 0;
  }
};

// `chain` takes raw text to events. With `errors`, prints up to `max_errors` failures.
PetrarchScores evaluate_petrarch(const std::vector<PetrarchRecord>& records, const Pipeline& chain,
                                 std::ostream* errors, size_t max_errors);

}  // namespace parley::eval

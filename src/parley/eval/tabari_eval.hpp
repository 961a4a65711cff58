// Agreement with TABARI's validation suite (Validate.text, GPL-3.0 data read from ../shared at
// run time): records of fictional news over actors defined in the suite's dictionaries, each
// followed by a comment listing what TABARI must code. Parley parses each record's text with its
// own models, finds actors through the project's actor/agent dictionaries and codes events with
// the project's verb dictionary converted to Parley patterns.
//
// Record format (TABARI manual 10.1): a "YYMMDD  ID" line, the text, then a /* ... */ comment
// (the record ends at a blank line). Fields in the comment: { SRC / TGT / CODE } an expected
// event; {---} no event; {###} a discard code was found; {+++} a complex code or complexity
// limit; { OPTION: ... } an .options command to apply from here on; -{ ... stops checking: the
// fields after it are not compared, nor are events beyond those listed before it. The special
// codes are checked first. Validation stops at the first record without fields (FINAL-01).
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "parley/eval/metrics.hpp"
#include "parley/pipeline/pipeline.hpp"

namespace parley::eval {

struct TabariTriple {
  std::string source, target, code;
  friend bool operator<(const TabariTriple& a, const TabariTriple& b) {
    return std::tie(a.source, a.target, a.code) < std::tie(b.source, b.target, b.code);
  }
  friend bool operator==(const TabariTriple&, const TabariTriple&) = default;
};

struct TabariRecord {
  enum class Kind { Events, NoEvents, Discard, Complex, Option, Unchecked };
  Kind kind = Kind::Unchecked;
  std::string date, id, text;          // date as written: YYMMDD (or YYYYMMDD)
  std::vector<TabariTriple> expected;  // the checked triples
  bool open = false;                   // a -{ field: events beyond `expected` are not checked
  std::vector<std::string> options;    // OPTION commands, in order ("SET: TIME SHIFT = FALSE")
  // .options settings changed by earlier option records and not restored when this record
  // comes ("DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER"): Parley applies none. A
  // setting is restored by its default value, or by OFF/FALSE when it has no known default;
  // OUTPUT: commands are left out (they change the output format, not the coding).
  std::vector<std::string> options_in_force;
  uint64_t line = 0;
};

struct TabariSuite {
  std::vector<TabariRecord> records;  // up to the end marker
  std::string end_id;                 // the record without fields that ends validation
  size_t records_after_end = 0;       // debugging records TABARI never reaches
};

// Reads a validation file. `defaults` are the .options file's settings (read_tabari_options):
// an option record that sets one of them back ends its "in force" period. Throws
// std::runtime_error when the file cannot be opened or holds no record.
TabariSuite read_tabari_validation(const std::string& path,
                                   const std::map<std::string, std::string>& defaults = {});

// The dictionaries a .project file names, as paths resolved beside it ("" when not named).
struct TabariProject {
  std::string actors, verbs, options, agents, text;
};
TabariProject read_tabari_project(const std::string& path);

// The settings of an .options file (COMPLEX:, SET:, OUTPUT:... lines), keyed as option records
// are ("SET: MINIMUM WORDS" -> "8"), with TABARI's documented defaults for CODE BY, MINIMUM
// WORDS and COMMA when the file leaves them out. `path` may be "".
std::map<std::string, std::string> read_tabari_options(const std::string& path);

// An option command's key and value: "SET: TIME SHIFT = FALSE" -> ("SET: TIME SHIFT", "FALSE"),
// "DEFAULT: OFF" -> ("DEFAULT", "OFF"), "SET: CODE BY SENTENCE" -> ("SET: CODE", "BY SENTENCE").
std::pair<std::string, std::string> tabari_option(const std::string& command);

struct TabariScores {
  size_t records = 0, option_records = 0, unchecked_records = 0;
  size_t event_records = 0, event_records_exact = 0;      // all triples, no extra (unless -{)
  size_t noevent_records = 0, noevent_records_right = 0;  // {---}
  size_t discard_records = 0, discard_records_right = 0;  // {###}: right when nothing is coded
  size_t complex_records = 0, complex_records_coded = 0;  // {+++}: not scored (see the CLI)
  size_t scored_under_options = 0, right_under_options = 0;
  size_t expected = 0, predicted = 0;
  size_t triple_hits = 0, code_hits = 0, dyad_hits = 0;
  std::map<std::string, size_t> failures;  // category -> records
  size_t scored() const { return event_records + noevent_records + discard_records; }
  size_t right() const {
    return event_records_exact + noevent_records_right + discard_records_right;
  }
  static double pct(size_t x, size_t n) { return eval::pct(x, n); }
};

// `chain` takes raw text to events. Parley's triples are its events that are not negated and
// have a source code (target "---" when none); codes are compared exactly as written. With
// `errors`, prints up to `max_errors` failures.
TabariScores evaluate_tabari(const TabariSuite& suite, const Pipeline& chain, std::ostream* errors,
                             size_t max_errors);

}  // namespace parley::eval

// Output of coded articles (`parley code`): Parley's JSON record per article, and the formats
// analysts load — a flat event CSV, GDELT 2.0 event rows, PLOVER/POLECAT JSON events and a
// readable terminal table. Goldstein scores, quad classes and PLOVER fields come from the
// ontology at export time, so one coding serves every format.
#pragma once

#include <memory>
#include <string>

#include "parley/doc/document.hpp"
#include "parley/extract/ontology.hpp"

namespace parley::exporter {

enum class Format { Jsonl, Csv, Gdelt, Plover, Table };
Format parse_format(const std::string& name);  // throws std::invalid_argument

// One JSON object (no trailing newline): doc_id, title, date, source, url, actors, events,
// quotes, claims, positions, divergences.
std::string coded_json(const Article& article, const extract::Ontology& ontology);
// Header line of the CSV format (with newline).
std::string csv_header();
// Rows (each ending in a newline) of one article in a row-per-event format.
std::string csv_rows(const Article& article, const extract::Ontology& ontology);
std::string gdelt_rows(const Article& article, const extract::Ontology& ontology);
std::string plover_rows(const Article& article, const extract::Ontology& ontology);
std::string table(const Article& article, const extract::Ontology& ontology);

// Every output format behind one interface: `parley code --format`, Analyzer::format and the
// server write through it.
class Exporter {
 public:
  virtual ~Exporter() = default;
  // What comes before the first article: the CSV's column names; "" for the other formats.
  virtual std::string header() const { return {}; }
  // One article: its JSON line, its rows or its table, every line ending in a newline.
  virtual std::string article(const Article& article) const = 0;
};
// The exporter of a format; it keeps a reference to `ontology`, which must outlive it.
std::unique_ptr<Exporter> make_exporter(Format format, const extract::Ontology& ontology);

// A stable event id: the article id and the event's position ("6b82...-e3").
std::string event_id(const Article& article, size_t event);

}  // namespace parley::exporter

#include <vector>

#include "parley/extract/attribution.hpp"

namespace parley::exporter {

// Reads the output of `parley code` (JSON lines) back into corpus records, so positions and
// divergences can be computed without re-analysing. Returns false with `error` naming the line
// on malformed input; records read before the error are kept.
bool read_coded_jsonl(const std::string& path, std::vector<extract::PositionRecord>& positions,
                      std::vector<extract::ClaimRecord>& claims, std::string* error);
// True when the file's first non-empty line looks like a `parley code` record.
bool is_coded_jsonl(const std::string& path);

}  // namespace parley::exporter

// Parley's public face: open an Analyzer once (it loads the models and data), then analyze
// articles, from as many threads as you like, and write them out as `parley code` does.
//
//   parley::Analyzer analyzer;  // models and data found by resolve_resources()
//   parley::Article doc = analyzer.analyze(text, {.date = "2024-05-02"});
//   for (const parley::Event& e : doc.events) ...;
//   std::cout << analyzer.to_json(doc) << '\n';
//
// The document is parley::Article (parley/doc/document.hpp): its text, sentences and words,
// and the coded layers: actors and their mentions, events, quotes, claims, positions and
// divergences, all pointing back at the text by byte offsets.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parley/doc/document.hpp"
#include "parley/pipeline/stage.hpp"
#include "parley/resources.hpp"

namespace parley {

class Pipeline;

struct AnalyzerOptions {
  std::string models;                       // model directory; "" = resolve_resources()
  std::string data;                         // data directory; "" = resolve_resources()
  std::vector<std::string> lexicons;        // extra event patterns (Parley lexicon format)
  std::vector<std::string> petrarch_verbs;  // PETRARCH/TABARI verb dictionaries
  std::vector<std::string> discards;        // PETRARCH/TABARI discard lists
  std::vector<std::string> actor_dicts;     // PETRARCH/TABARI actor and agent dictionaries
  Stage last = Stage::Attribution;          // stop earlier for tokens, parses or actors only
};

// What the text alone does not say. Empty fields keep what the text gives (see analyze()).
struct ArticleMeta {
  std::string title;
  std::string date;  // YYYY-MM-DD, or a common written form ("May 2, 2024"); dates events
  std::string source;
  std::string url;
};

class Analyzer {
 public:
  // Loads every component up to options.last. Throws std::runtime_error naming the directory
  // and where it came from when the models or data are not found, or when a file is bad.
  explicit Analyzer(const AnalyzerOptions& options = {});
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // Analyzes plain text the way `parley code file.txt` reads a file (a short first line is
  // the title, a date at the top the date); `meta` fields that are set override those. Throws
  // std::invalid_argument on invalid UTF-8.
  Article analyze(std::string text, ArticleMeta meta = {}) const;
  // Analyzes an article built by the caller (or read by ArticleReader); its id is set from the
  // text when empty. Any layers it already has are recomputed.
  Article analyze(Article article) const;

  // Both are safe to call concurrently on one Analyzer: the components are immutable once
  // loaded and each call works on its own Article.

  // Output as `parley code` writes it. to_json: the JSON record (one line, no newline).
  // format: "jsonl", "csv", "gdelt", "plover" or "table", each line ending in a newline
  // (csv_header() heads the CSV); throws std::invalid_argument on another name.
  std::string to_json(const Article& article) const;
  std::string format(const Article& article, std::string_view format) const;
  static std::string csv_header();

  const ResourcePaths& resources() const;
  // The loaded chain, for batch runs over an ArticleReader (Pipeline::run), as the CLI does.
  const Pipeline& pipeline() const;
  // Lines the readers of the user's dictionaries, verb lists and discard lists skipped or
  // repaired (one entry per file with problems), for the caller to show.
  const std::vector<LoadWarnings>& load_warnings() const;

 private:
  struct Impl;
  std::unique_ptr<const Impl> impl_;
};

}  // namespace parley

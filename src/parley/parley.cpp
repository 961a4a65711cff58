#include "parley/parley.hpp"

#include <filesystem>
#include <stdexcept>

#include "parley/export/coded.hpp"
#include "parley/extract/ontology.hpp"
#include "parley/ingest/ingest.hpp"
#include "parley/pipeline/standard.hpp"
#include "parley/text/utf8.hpp"

namespace parley {

struct Analyzer::Impl {
  ResourcePaths resources;
  Pipeline pipeline;
  extract::Ontology ontology;          // empty before Stage::Events: there are no events to score
  std::vector<LoadWarnings> warnings;  // what the readers of the user's files skipped
};

namespace {

// A missing directory is the commonest set-up error: say which one and who chose it, before a
// loader reports some file inside it.
void require_dir(const std::string& dir, const std::string& from, const char* what) {
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return;
  throw std::runtime_error(std::string(what) + " directory '" + dir + "' (from " + from +
                           ") not found: pass the directory, or set PARLEY_HOME");
}

}  // namespace

Analyzer::Analyzer(const AnalyzerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->resources = resolve_resources(options.models, options.data);
  const ResourcePaths& r = impl->resources;
  require_dir(r.models, r.models_from, "models");
  if (options.last >= Stage::Actors) require_dir(r.data, r.data_from, "data");
  StandardOptions standard;
  standard.model_dir = r.models;
  standard.data_dir = r.data;
  standard.lexicons = options.lexicons;
  standard.petrarch_verbs = options.petrarch_verbs;
  standard.discards = options.discards;
  standard.actor_dicts = options.actor_dicts;
  standard.warnings = &impl->warnings;
  impl->pipeline = standard_pipeline(options.last, standard);
  if (options.last >= Stage::Events) impl->ontology = extract::Ontology::load(r.data);
  impl_ = std::move(impl);
}

const std::vector<LoadWarnings>& Analyzer::load_warnings() const {
  return impl_->warnings;
}

Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

Article Analyzer::analyze(std::string text, ArticleMeta meta) const {
  if (auto bad = utf8::find_invalid(text))
    throw std::invalid_argument("invalid UTF-8 at byte " + std::to_string(*bad));
  Article a = text_article(std::move(text));
  // As the CLI's --title/--date/--source/--url: what the caller says wins over the text.
  if (!meta.title.empty()) a.title = std::move(meta.title);
  if (!meta.date.empty()) {
    // Dates are normalised as JSON lines input's are; one that is not a date stays as given.
    std::string d = normalize_date(meta.date);
    a.date = d.empty() ? std::move(meta.date) : std::move(d);
  }
  if (!meta.source.empty()) a.source = std::move(meta.source);
  if (!meta.url.empty()) a.url = std::move(meta.url);
  a.id = content_id(a.text);
  impl_->pipeline.process(a);
  return a;
}

Article Analyzer::analyze(Article article) const {
  if (auto bad = utf8::find_invalid(article.text))
    throw std::invalid_argument("invalid UTF-8 at byte " + std::to_string(*bad));
  if (article.id.empty()) article.id = content_id(article.text);
  // The components append to their layers: start from the text alone.
  article.sentences.clear();
  article.tokens.clear();
  article.words.clear();
  article.analysis.clear();
  article.actors.clear();
  article.mentions.clear();
  article.events.clear();
  article.quotes.clear();
  article.claims.clear();
  article.positions.clear();
  article.divergences.clear();
  impl_->pipeline.process(article);
  return article;
}

std::string Analyzer::to_json(const Article& article) const {
  return exporter::coded_json(article, impl_->ontology);
}

std::string Analyzer::format(const Article& article, std::string_view format) const {
  return exporter::make_exporter(exporter::parse_format(std::string(format)), impl_->ontology)
      ->article(article);
}

std::string Analyzer::csv_header() {
  static const extract::Ontology kNone;  // the header names columns; it reads no code
  return exporter::make_exporter(exporter::Format::Csv, kNone)->header();
}

const ResourcePaths& Analyzer::resources() const {
  return impl_->resources;
}

const Pipeline& Analyzer::pipeline() const {
  return impl_->pipeline;
}

}  // namespace parley

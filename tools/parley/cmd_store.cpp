// `parley ingest` and `parley query`: code articles into a store (SQLite file or PostgreSQL) and
// ask questions of it. Ingest commits one transaction per batch and skips articles already
// stored (same content hash) before coding them, so a re-run after a crash only codes what is
// missing.
#include <fmt/core.h>

#include <chrono>
#include <future>
#include <iostream>
#include <mutex>
#include <set>

#include "commands.hpp"
#include "input_options.hpp"
#include "parley/store/formats.hpp"
#include "parley/store/store.hpp"

namespace parley::cli {

namespace {

// Runs the analysis only on articles the store does not hold yet; the others pass through
// uncoded and are counted as duplicates by the sink.
class CodeUnlessStored : public Component {
 public:
  CodeUnlessStored(const Pipeline& inner, store::Store& lookup) : inner_(inner), lookup_(lookup) {}
  std::string_view name() const override { return "code-unless-stored"; }
  void process(Article& a) const override {
    if (a.id.empty()) a.id = content_id(a.text);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (lookup_.has_article(a.id)) {
        known_.insert(a.id);
        return;
      }
    }
    inner_.process(a);
  }
  bool take_known(const std::string& id) const {
    std::lock_guard<std::mutex> lock(mu_);
    return known_.erase(id) > 0;
  }

 private:
  const Pipeline& inner_;
  store::Store& lookup_;
  mutable std::mutex mu_;
  mutable std::multiset<std::string> known_;
};

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

}  // namespace

void add_ingest_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "ingest",
      "Code articles and store them (SQLite file or PostgreSQL); re-ingesting is a no-op. With "
      "no input: create or upgrade the store and fold SQLite's WAL into the .db (one file)");
  auto args = std::make_shared<InputArgs>();
  auto db = std::make_shared<std::string>();
  auto batch = std::make_shared<size_t>(32);
  auto near = std::make_shared<double>(0.8);
  add_input_options(cmd, *args);
  cmd->get_option("inputs")->required(false);
  add_analysis_options(cmd, *args, Stage::Attribution);
  cmd->add_option("--db", *db, "Store: path.db, sqlite:path or postgresql://user@host/db")
      ->required();
  cmd->add_option("--batch", *batch, "Articles per transaction (and per parallel batch)")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{100000}));
  cmd->add_option("--near-duplicate", *near,
                  "Estimated Jaccard similarity (word 5-shingles) above which an article joins "
                  "another's story")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->callback([args, db, batch, near] {
    store::Store st = store::Store::open(*db, store::Mode::ReadWrite);
    st.set_near_duplicate_threshold(*near);
    if (args->paths.empty()) {
      // No input: create or upgrade the store, fold SQLite's WAL into the database file (one
      // file to copy), and say what it holds.
      st.checkpoint();
      std::cerr << "parley: store " << *db << " ready: " << st.stats().dump() << '\n';
      return;
    }
    const Analyzer analyzer = open_analyzer(*args, Stage::Attribution);
    st.set_data_dir(analyzer.resources().data);
    std::string options;
    for (const auto& [flag, list] :
         {std::pair<const char*, const std::vector<std::string>*>{"--lexicon", &args->lexicons},
          {"--petrarch-verbs", &args->petrarch_verbs},
          {"--discards", &args->discards},
          {"--dict", &args->actor_dicts}})
      if (!list->empty())
        options += std::string(options.empty() ? "" : " ") + flag + " " + join(*list);
    int64_t run = st.begin_run(
        store::describe_run(analyzer.resources().models, analyzer.resources().data, options));
    store::Store lookup = store::Store::open(*db, store::Mode::ReadOnly);
    auto gate = std::make_shared<CodeUnlessStored>(analyzer.pipeline(), lookup);
    Pipeline pipeline;
    pipeline.add(gate);
    args->batch_articles = *batch;

    store::IngestStats total;
    std::vector<Article> pending;
    // One batch is stored on a thread of its own while the next is coded: on PostgreSQL most of
    // storing is the server's work (full-text indexing, index upkeep), which then runs beside
    // the coding. Batches are still stored one at a time, in order, one transaction each, and
    // at most one waits in memory. What coding waits for is counted as storing time.
    std::vector<Article> storing;
    std::future<store::IngestStats> stored;
    double store_seconds = 0;
    auto wait_store = [&] {
      if (!stored.valid()) return;
      auto t0 = std::chrono::steady_clock::now();
      store::IngestStats s = stored.get();  // rethrows what the batch threw
      store_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      total.stored += s.stored;
      total.duplicates += s.duplicates;
      total.near_duplicates += s.near_duplicates;
      total.events += s.events;
      total.merged += s.merged;
      storing.clear();
    };
    auto flush = [&] {
      if (pending.empty()) return;
      wait_store();
      storing = std::move(pending);
      pending.clear();
      stored = std::async(std::launch::async, [&st, &storing, run] {
        std::vector<const Article*> ptrs;
        for (const Article& a : storing) ptrs.push_back(&a);
        return st.store_batch(ptrs, run);
      });
    };
    auto t0 = std::chrono::steady_clock::now();
    uint64_t known = 0;
    run_inputs(*args, pipeline, [&](Article& a) {
      if (gate->take_known(a.id)) {
        ++known;
        return;
      }
      pending.push_back(std::move(a));
      if (pending.size() >= *batch) flush();
    });
    flush();
    wait_store();
    // Closing is part of what storing costs the user (SQLite's close used to checkpoint the WAL
    // into the database file and sync both), so it is timed and counted with the waits.
    auto t_close = std::chrono::steady_clock::now();
    { store::Store closing_lookup = std::move(lookup); }
    { store::Store closing = std::move(st); }
    const double close_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t_close).count();
    store_seconds += close_seconds;
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cerr << fmt::format(
        "parley: ingest run {}: {} article(s) stored, {} already stored, {} near-duplicate(s) "
        "linked to a story, {} event mention(s) ({} merged into events already stored); {:.2f} s: "
        "{:.3f} s coding, {:.3f} s waiting for the store, closing it included ({:.3f} s; {:.1f}% "
        "of coding)\n",
        run, total.stored, total.duplicates + known, total.near_duplicates, total.events,
        total.merged, seconds, seconds - store_seconds, store_seconds, close_seconds,
        seconds > store_seconds ? 100 * store_seconds / (seconds - store_seconds) : 0.0);
  });
}

void add_query_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "query", "Ask a store: events, actors, quotes, ..., timelines and networks");
  struct Args {
    std::string db, what = "events", format = "table", count_by, by, article;
    store::Filter f;
    std::vector<std::string> actors;
    bool negated = false, asserted = false, modal = false, factual = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("what", a->what,
                  "events, mentions, actors, quotes, claims, positions, divergences, articles, "
                  "article (with --article), network, timeline, runs or stats")
      ->capture_default_str()
      ->check(CLI::IsMember({"events", "mentions", "actors", "quotes", "claims", "positions",
                             "divergences", "articles", "article", "network", "timeline", "runs",
                             "stats"}));
  cmd->add_option("--db", a->db, "Store: path.db, sqlite:path or postgresql://user@host/db")
      ->required();
  cmd->add_option("-f,--format", a->format,
                  "table, jsonl, csv, gdelt (events), gdelt-mentions, plover, geojson (events with "
                  "coordinates) or gexf (actor network)")
      ->capture_default_str()
      ->check(CLI::IsMember({"table", "jsonl", "json", "csv", "gdelt", "gdelt-mentions", "plover",
                             "geojson", "gexf"}));
  cmd->add_option("--actor", a->actors, "Actor code; CODE* for a prefix (either side; repeatable)");
  cmd->add_option("--actor-prefix", a->f.actor_prefixes, "Actor code prefix (repeatable)");
  cmd->add_option("--actor-name", a->f.actor_name, "Substring of the actor's name");
  cmd->add_option("--country", a->f.countries, "ISO 3166 alpha-3 country of either actor");
  cmd->add_option("--cameo", a->f.cameo_codes, "CAMEO code (repeatable)");
  cmd->add_option("--root", a->f.cameo_roots, "CAMEO root, two digits (repeatable)");
  cmd->add_option("--quad", a->f.quad_classes, "Quad class 1-4 (repeatable)")
      ->check(CLI::Range(1, 4));
  cmd->add_option("--plover", a->f.plover_types, "PLOVER event type (repeatable)");
  cmd->add_option("--from", a->f.date_from, "First date, YYYY-MM-DD");
  cmd->add_option("--to", a->f.date_to, "Last date, YYYY-MM-DD");
  cmd->add_option("--place", a->f.place, "Place name or country code of the event");
  cmd->add_option("--outlet", a->f.outlets, "Article source (repeatable)");
  cmd->add_option("--text", a->f.text, "Full-text search: articles (quotes: the quote's words)");
  cmd->add_flag("--negated", a->negated, "Only negated events");
  cmd->add_flag("--asserted", a->asserted, "Only events that are not negated");
  cmd->add_flag("--modal", a->modal, "Only modal events (could, would, planned...)");
  cmd->add_flag("--factual", a->factual, "Only events with no modality");
  cmd->add_option("--article", a->f.article_id, "One article (its id)");
  cmd->add_option("--story", a->f.story_id, "One story (near-duplicate cluster)");
  cmd->add_option("--limit", a->f.limit, "Rows at most (0: all)")->capture_default_str();
  cmd->add_option("--offset", a->f.offset, "Rows to skip")->capture_default_str();
  cmd->add_option("--count-by", a->count_by, "Timeline: day, week or month")
      ->check(CLI::IsMember({"day", "week", "month"}));
  cmd->add_option("--by", a->by, "Timeline groups: quad, root, dyad or none")
      ->check(CLI::IsMember({"none", "quad", "root", "dyad"}));
  cmd->callback([a] {
    store::Filter f = a->f;
    for (const std::string& x : a->actors) {
      if (!x.empty() && x.back() == '*')
        f.actor_prefixes.push_back(x.substr(0, x.size() - 1));
      else
        f.actor_codes.push_back(x);
    }
    if (a->negated && a->asserted)
      throw CLI::ValidationError("--negated and --asserted exclude each other");
    if (a->modal && a->factual)
      throw CLI::ValidationError("--modal and --factual exclude each other");
    if (a->negated || a->asserted) f.negated = a->negated;
    if (a->modal || a->factual) f.modal = a->modal;
    std::string what = a->what;
    if (!a->count_by.empty()) what = "timeline";
    store::Store st = store::Store::open(a->db, store::Mode::ReadOnly);
    const std::string& fmt = a->format;
    nlohmann::json rows;
    std::vector<std::string> columns;
    if (what == "timeline") {
      rows = st.timeline(f, store::parse_bucket(a->count_by.empty() ? "week" : a->count_by),
                         store::parse_group(a->by));
      columns = {"bucket", "group", "count", "goldstein", "mentions"};
    } else if (what == "events") {
      rows = st.events(f);
      columns = {"date",      "source_code",  "target_code", "cameo",        "cameo_name",
                 "goldstein", "num_mentions", "num_sources", "num_articles", "place_name"};
    } else if (what == "mentions") {
      rows = st.mentions(f);
      columns = {"event_id", "article_id", "outlet", "confidence", "trigger_text", "evidence_text"};
    } else if (what == "actors") {
      rows = st.actors(f);
    } else if (what == "quotes") {
      rows = st.quotes(f);
      columns = {"article_id", "speaker_code", "speaker_name", "kind", "text"};
    } else if (what == "claims") {
      rows = st.claims(f);
      columns = {"article_id", "source_code", "topic", "affirmed", "certainty", "evidence_text"};
    } else if (what == "positions") {
      rows = st.positions(f);
      columns = {"article_id", "actor_code", "stance", "issue", "evidence_text"};
    } else if (what == "divergences") {
      rows = st.divergences(f);
    } else if (what == "articles") {
      rows = st.articles(f);
      columns = {"id", "date", "source", "title", "story_id"};
    } else if (what == "article") {
      if (f.article_id.empty()) throw CLI::ValidationError("query article needs --article ID");
      auto one = st.article(f.article_id);
      if (!one) throw std::runtime_error("no article " + f.article_id + " in " + a->db);
      rows = nlohmann::json::array({*one});
      columns = {"id", "date", "source", "title", "story_id", "bytes"};
    } else if (what == "network") {
      rows = st.network(f);
    } else if (what == "runs") {
      rows = st.runs();
    } else {
      rows = nlohmann::json::array({st.stats()});
    }
    std::string out;
    if (fmt == "jsonl" || fmt == "json")
      out = store::to_jsonl(rows);
    else if (fmt == "csv")
      out = store::to_csv(rows);
    else if (fmt == "table")
      out = store::to_table(rows, columns);
    else if (fmt == "gexf")
      out = store::to_gexf(what == "network" ? rows : st.network(f));
    else if (what != "events")
      throw CLI::ValidationError("-f " + fmt + " writes events: use `parley query events`");
    else if (fmt == "gdelt")
      out = store::to_gdelt_events(rows);
    else if (fmt == "gdelt-mentions")
      out = store::to_gdelt_mentions(st.mentions(f));
    else if (fmt == "plover")
      out = store::to_plover(rows);
    else if (fmt == "geojson")
      out = store::to_geojson(rows);
    std::cout << out;
  });
}

}  // namespace parley::cli

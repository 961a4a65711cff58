// The store: a corpus of coded news kept in SQLite (one file, the default) or PostgreSQL (for
// teams), with one schema and one set of queries for both. Articles are identified by their
// content hash, so re-ingesting is a no-op; events reported by many articles are merged into one
// event record with its mentions (GDELT's Events + Mentions); near-duplicate articles are linked
// to one story. Everything stored keeps its byte offsets into the article text.
//
//   auto store = parley::store::Store::open("parley.db", parley::store::Mode::ReadWrite);
//   parley::store::Filter f;
//   f.actor_codes = {"ISR"};
//   f.date_from = "2024-05-01";
//   nlohmann::json weeks = store.timeline(f, Bucket::Week, GroupBy::QuadClass);
//
// URLs: "path.db" or "sqlite:path" (SQLite), "postgresql://..." or "postgres://..." (libpq
// connection URI). A Store holds one connection and is not thread-safe: open one per thread
// (SQLite in WAL mode and PostgreSQL both serve many readers beside one writer).
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "parley/doc/document.hpp"

namespace parley::store {

// Any failure of the store: a bad URL, a database that is not Parley's or is of a newer schema,
// a lock held too long, a full disk. what() says which, in words an analyst can act on.
struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class Mode { ReadOnly, ReadWrite };

// Every filter of `parley query`. Empty fields do not filter; lists match any of their values.
// Actor and country filters match either side of an event (source or target).
struct Filter {
  std::vector<std::string> actor_codes;     // exact codes: "ISRMIL"
  std::vector<std::string> actor_prefixes;  // code prefixes: "ISR" matches ISRGOV, ISRMIL
  std::string actor_name;                   // case-insensitive substring of the actor's name
  std::vector<std::string> countries;       // ISO 3166 alpha-3 of either actor
  std::vector<std::string> cameo_codes;     // exact CAMEO codes: "0256"
  std::vector<std::string> cameo_roots;     // two-digit roots: "19"
  std::vector<int> quad_classes;            // 1..4
  std::vector<std::string> plover_types;    // "ASSAULT"
  std::string date_from, date_to;           // inclusive, YYYY-MM-DD
  std::string place;                        // place name (case-insensitive) or country code
  std::vector<std::string> outlets;         // article source ("Reuters")
  std::string text;                         // full-text search over article text (and quotes)
  std::optional<bool> negated;              // only negated / only asserted events
  std::optional<bool> modal;                // only modal / only non-modal events
  std::string article_id;                   // one article (its content hash)
  std::string story_id;                     // one story (near-duplicate cluster)
  int64_t limit = 100;                      // <= 0: no limit
  int64_t offset = 0;
};

enum class Bucket { Day, Week, Month };  // weeks start on Monday
enum class GroupBy { None, QuadClass, Root, Dyad };
Bucket parse_bucket(const std::string& name);  // "day", "week", "month"; throws StoreError
GroupBy parse_group(const std::string& name);  // "", "none", "quad", "root", "dyad"

// What produced the stored records: recorded once per ingest run.
struct RunInfo {
  std::string parley_version;
  std::string models;   // model directory and a hash of its model files
  std::string lexicon;  // data directory and a hash of the event lexicon and CAMEO tables
  std::string options;  // the ingest's options that change coding (extra lexicons, dicts)
};

// The run description of an Analyzer's resources: Parley's version, and a hash of the model
// files and of the event lexicon and CAMEO tables, so two stores tell whether their records
// came from the same coder. `options` lists what else changes coding (extra lexicons, dicts).
RunInfo describe_run(const std::string& models_dir, const std::string& data_dir,
                     const std::string& options);

struct IngestStats {
  uint64_t stored = 0;           // new articles written
  uint64_t duplicates = 0;       // already in the store (same content hash): nothing written
  uint64_t near_duplicates = 0;  // new articles linked to an existing story
  uint64_t events = 0;           // event mentions written
  uint64_t merged = 0;           // of which merged into an event already stored
};

class Backend;  // the connection behind a Store (store/backend.hpp)

class Store {
 public:
  // Opens (and, read-write, creates or migrates) the store at `url`. Throws StoreError.
  static Store open(const std::string& url, Mode mode = Mode::ReadOnly);
  // Opens migrated only up to schema `version` (tests of migrations); read-write.
  static Store open_at_version(const std::string& url, int version);
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;

  static int schema_version();       // the version this Parley writes
  int version() const;               // the version of the opened database
  std::string backend_name() const;  // "sqlite" or "postgresql"

  // ---- Ingest. Articles must have been analysed (parley::Analyzer or its pipeline).
  // Starts a run (recorded in `runs`); returns its id.
  int64_t begin_run(const RunInfo& info);
  // True when an article with this content hash is stored.
  bool has_article(const std::string& id) const;
  // Stores a batch in one transaction: all of it or (on any error) none of it. Articles
  // already stored are skipped; events merge with stored ones (same date ±1 day, source,
  // target, CAMEO code, place, negation and modality). `ontology_data` is the data directory
  // whose cameo/ tables give Goldstein scores, quad classes and PLOVER fields.
  IngestStats store_batch(const std::vector<const Article*>& articles, int64_t run_id);
  void set_data_dir(const std::string& data_dir);  // default: default_data_dir()
  // Near-duplicate threshold (estimated Jaccard of word 5-shingles); default 0.8.
  void set_near_duplicate_threshold(double threshold);

  // ---- Rows. Each returns a JSON array of objects; offsets are byte offsets into the text of
  // the article they name.
  nlohmann::json events(const Filter& f) const;    // merged events, each with its "mentions"
  nlohmann::json mentions(const Filter& f) const;  // GDELT-style mention rows
  nlohmann::json actors(const Filter& f) const;    // per actor code: name, country, mentions
  nlohmann::json quotes(const Filter& f) const;
  nlohmann::json claims(const Filter& f) const;
  nlohmann::json positions(const Filter& f) const;
  nlohmann::json divergences(const Filter& f) const;  // per article divergences, with sides
  nlohmann::json articles(const Filter& f) const;     // metadata (no text)
  // One article: metadata, text, and every actor mention, event, quote, claim and position
  // span. nullopt when no article has that id.
  std::optional<nlohmann::json> article(const std::string& id) const;
  nlohmann::json runs() const;
  nlohmann::json stats() const;  // counts per table, schema version, back end

  // ---- Aggregates over the filtered events.
  // [{"bucket":"2024-05-06","group":"1","count":12,"goldstein":3.4}, ...] ordered by bucket.
  // group: the quad class, the CAMEO root, "SRC>TGT" for a dyad, "" for none.
  nlohmann::json timeline(const Filter& f, Bucket bucket, GroupBy group) const;
  // Directed dyads: [{"source":"ISR","target":"PSE","count":n,"goldstein":mean}], most first.
  nlohmann::json network(const Filter& f) const;
  // Party x issue: [{"issue_key","issue","parties":[{"actor_code","stance","count",
  // "evidence":[{"article_id","start","end","text"}]}]}], issues with most records first.
  nlohmann::json positions_matrix(const Filter& f) const;
  // Topics on which different actor codes hold opposite polarities or incompatible stances
  // across the stored corpus: [{"topic","kind","sides":[{"actor_code","value","evidence"}]}].
  nlohmann::json corpus_divergences(const Filter& f) const;

  // SQLite: folds the write-ahead log into the database file and empties it, so the store is
  // one file (a copy of the .db alone is then complete). An ingest leaves its last batches in
  // the WAL (store.db-wal), which every reader reads as part of the store. No-op on PostgreSQL.
  void checkpoint();

  Backend& backend() const;  // for tests and benchmarks

  struct Impl;  // opaque (store_impl.hpp)

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace parley::store

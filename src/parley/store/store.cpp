// Opening a store (creating, migrating, refusing what is not ours) and ingesting coded
// articles: one transaction per batch, near-duplicates linked to a story, events merged across
// articles into GDELT-style event records with mentions.
#include "parley/store/store.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <type_traits>

#include "parley/export/coded.hpp"
#include "parley/extract/ontology.hpp"
#include "parley/resources.hpp"
#include "parley/store/backend.hpp"
#include "parley/store/schema.hpp"
#include "parley/store/store_impl.hpp"
#include "parley/store/words.hpp"

namespace parley::store {

Bucket parse_bucket(const std::string& name) {
  if (name == "day") return Bucket::Day;
  if (name == "week") return Bucket::Week;
  if (name == "month") return Bucket::Month;
  throw StoreError("unknown time bucket '" + name + "' (day, week or month)");
}

GroupBy parse_group(const std::string& name) {
  if (name.empty() || name == "none") return GroupBy::None;
  if (name == "quad" || name == "quad_class" || name == "quadclass") return GroupBy::QuadClass;
  if (name == "root") return GroupBy::Root;
  if (name == "dyad") return GroupBy::Dyad;
  throw StoreError("unknown grouping '" + name + "' (none, quad, root or dyad)");
}

namespace {

// A hash of the regular files under `dir` whose names end in one of `exts` (sorted by path, so
// the same files give the same hash anywhere).
std::string hash_files(const std::string& dir, const std::vector<std::string>& exts) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return "missing";
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string name = it->path().filename().string();
    for (const std::string& e : exts)
      if (name.size() >= e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) {
        files.push_back(it->path());
        break;
      }
  }
  std::sort(files.begin(), files.end());
  std::string all;
  std::string bytes;
  for (const fs::path& f : files) {
    // Read whole, at once: through istreambuf_iterator (a byte at a time) reading the 25 MB
    // of models took most of the ~80 ms this added to every ingest's start.
    std::ifstream in(f, std::ios::binary | std::ios::ate);
    const std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : 0;
    bytes.resize(static_cast<size_t>(size > 0 ? size : 0));
    in.seekg(0);
    if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) bytes.clear();
    all += fs::relative(f, dir, ec).string() + '\0' + content_id(bytes) + '\n';
  }
  return content_id(all);
}

}  // namespace

RunInfo describe_run(const std::string& models_dir, const std::string& data_dir,
                     const std::string& options) {
  RunInfo r;
  r.parley_version = PARLEY_VERSION;
  r.models = models_dir + " #" + hash_files(models_dir, {".bin"});
  r.lexicon = data_dir + " #" + hash_files(data_dir + "/events", {".tsv"}) + "+" +
              hash_files(data_dir + "/cameo", {".tsv"});
  r.options = options;
  return r;
}

namespace {

std::string meta_value(Backend& b, const std::string& key) {
  Statement& st = b.query("SELECT value FROM parley_meta WHERE key = ?");
  st.bind_all(key);
  std::string v = st.step() ? st.get_text(0) : "";
  st.reset();
  return v;
}

void set_meta(Backend& b, const std::string& key, const std::string& value) {
  Statement& del = b.query("DELETE FROM parley_meta WHERE key = ?");
  del.bind_all(key);
  del.step();
  Statement& ins = b.query("INSERT INTO parley_meta (key, value) VALUES (?, ?)");
  ins.bind_all(key, value);
  ins.step();
}

}  // namespace

namespace {

// The values of one row, in column order.
template <class T>
requires std::is_integral_v<T>
void push_value(std::vector<Value>& out, T v) {
  out.push_back(Value::of(static_cast<int64_t>(v)));
}
void push_value(std::vector<Value>& out, double v) {
  out.push_back(Value::of(v));
}
void push_value(std::vector<Value>& out, std::string_view v) {
  out.push_back(Value::of(std::string(v)));
}
void push_value(std::vector<Value>& out, const std::string& v) {
  out.push_back(Value::of(v));
}
void push_value(std::vector<Value>& out, const char* v) {
  out.push_back(Value::of(std::string(v)));
}
void push_value(std::vector<Value>& out, Value v) {
  out.push_back(std::move(v));
}
template <class T>
void push_value(std::vector<Value>& out, const std::optional<T>& v) {
  if (v)
    push_value(out, *v);
  else
    out.push_back(Value::null());
}
template <class... A>
void push_values(std::vector<Value>& out, const A&... a) {
  (push_value(out, a), ...);
}

// Rows for one table, kept until flush() (or until there are many) and written by the back
// end's bulk insert: a few statements per table and batch instead of one per row, which is most
// of the cost of storing on PostgreSQL.
class RowBuffer {
 public:
  RowBuffer(Backend& b, std::string table, std::string columns)
      : b_(b),
        table_(std::move(table)),
        columns_(std::move(columns)),
        ncols_(1 + static_cast<int>(std::count(columns_.begin(), columns_.end(), ','))) {}
  template <class... A>
  void add(const A&... a) {
    static_assert(sizeof...(A) > 0);
    push_values(values_, a...);
    if (++rows_ >= kMaxRows) flush();
  }
  void add_row(std::vector<Value> row) {
    for (Value& v : row) values_.push_back(std::move(v));
    if (++rows_ >= kMaxRows) flush();
  }
  void flush() {
    if (rows_ == 0) return;
    if (values_.size() != static_cast<size_t>(rows_) * static_cast<size_t>(ncols_))
      throw StoreError("internal error: row of the wrong width for " + table_);
    b_.insert_rows(table_, columns_, ncols_, values_);
    values_.clear();
    rows_ = 0;
  }

 private:
  static constexpr int kMaxRows = 4096;  // bounds memory when one article has very many rows

  Backend& b_;
  std::string table_, columns_;
  int ncols_;
  int rows_ = 0;
  std::vector<Value> values_;
};

}  // namespace

// Computes signatures and stories for the articles a version-1 store holds.
void backfill_minhash(Store::Impl& s) {
  Backend& b = *s.db;
  std::vector<std::pair<std::string, std::string>> rows;
  {
    auto st = b.prepare("SELECT id, text FROM articles ORDER BY run_id, id");
    while (st->step()) rows.emplace_back(st->get_text(0), st->get_text(1));
  }
  for (const auto& [id, text] : rows) {
    std::string story = s.link_story(id, MinHash::of(text));
    Statement& up = b.query("UPDATE articles SET story_id = ? WHERE id = ?");
    up.bind_all(story, id);
    up.step();
  }
}

std::string pack_mentions(const std::vector<Mention>& mentions) {
  std::string out = "[";
  for (size_t i = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    if (i) out += ',';
    out += '[' + std::to_string(m.actor) + ',' + std::to_string(m.sentence) + ',';
    // Kinds are a few plain words; anything else is escaped as JSON.
    bool plain = std::all_of(m.kind.begin(), m.kind.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
    });
    out += plain ? '"' + m.kind + '"'
                 : nlohmann::json(m.kind).dump(-1, ' ', false,
                                               nlohmann::json::error_handler_t::replace);
    out += ',' + std::to_string(m.span.start) + ',' + std::to_string(m.span.end) + ']';
  }
  return out + ']';
}

nlohmann::json unpack_mentions(const std::string& packed) {
  if (packed.empty()) return nlohmann::json::array();
  nlohmann::json v = nlohmann::json::parse(packed, nullptr, false);
  auto bad = [] {
    return StoreError("an article's actor mentions are damaged (not the JSON the store writes)");
  };
  if (!v.is_array()) throw bad();
  for (const nlohmann::json& m : v)
    if (!m.is_array() || m.size() != 5 || !m[0].is_number_integer() || !m[1].is_number_integer() ||
        !m[2].is_string() || !m[3].is_number_integer() || !m[4].is_number_integer())
      throw bad();
  return v;
}

// Version 5: the actor mentions of each stored article packed on its row (pack_mentions), then
// the table dropped. PostgreSQL builds the same JSON arrays itself in one statement (two round
// trips an article would take minutes on a large store; to_json quotes a kind as JSON, so any
// kind reads back as it was); SQLite, with no round trips, packs one article at a time here, so
// a large store is not held in memory.
static void pack_stored_mentions(Backend& b) {
  if (b.name() == "postgresql") {
    b.exec(
        "UPDATE articles SET mention_count = g.n, mentions = g.packed FROM (SELECT article_id, "
        "count(*) AS n, '[' || string_agg('[' || actor_idx || ',' || sentence || ',' || "
        "to_json(kind)::text || ',' || start_byte || ',' || end_byte || ']', ',' ORDER BY idx) "
        "|| ']' AS packed FROM actor_mentions GROUP BY article_id) AS g WHERE articles.id = "
        "g.article_id");
    b.exec("DROP TABLE actor_mentions");
    return;
  }
  std::vector<std::string> ids;
  {
    auto st = b.prepare("SELECT DISTINCT article_id FROM actor_mentions ORDER BY article_id");
    while (st->step()) ids.push_back(st->get_text(0));
  }
  for (const std::string& id : ids) {
    std::vector<Mention> ms;
    Statement& st = b.query(
        "SELECT actor_idx, sentence, kind, start_byte, end_byte FROM actor_mentions WHERE "
        "article_id = ? ORDER BY idx");
    st.bind_all(id);
    while (st.step()) {
      Mention m;
      m.actor = static_cast<uint32_t>(st.get_int(0));
      m.sentence = static_cast<uint32_t>(st.get_int(1));
      m.kind = st.get_text(2);
      m.span = {static_cast<uint32_t>(st.get_int(3)), static_cast<uint32_t>(st.get_int(4))};
      ms.push_back(std::move(m));
    }
    st.reset();
    Statement& up = b.query("UPDATE articles SET mention_count = ?, mentions = ? WHERE id = ?");
    up.bind_all(ms.size(), pack_mentions(ms), id);
    up.step();
    up.reset();
  }
  b.exec("DROP TABLE actor_mentions");
}

// Version 4 on PostgreSQL: the full-text rows of the version-3 table (renamed fts_v3) again,
// with the search words the store computes; read through a cursor, so a large store is not
// held in memory. The index is built once the rows are in.
static void fill_fts_words(Backend& b) {
  b.exec("DECLARE fts_v3_rows NO SCROLL CURSOR FOR SELECT kind, ref, body FROM fts_v3");
  RowBuffer rows(b, "fts", "kind, ref, tsv");
  for (;;) {
    auto st = b.prepare("FETCH 500 FROM fts_v3_rows");
    int n = 0;
    while (st->step()) {
      rows.add(st->get_text(0), st->get_text(1), tsvector_literal(st->get_text(2)));
      ++n;
    }
    if (n == 0) break;
  }
  rows.flush();
  b.exec("CLOSE fts_v3_rows");
  b.exec("DROP TABLE fts_v3");
  b.exec("CREATE INDEX fts_tsv ON fts USING gin (tsv)");
}

void Store::Impl::migrate(int target) {
  Backend& b = *db;
  bool fresh = !b.table_exists("parley_meta");
  if (fresh && b.table_count() > 0)
    throw StoreError(
        "this database is not a Parley store (it has tables but no parley_meta); "
        "refusing to write into it");
  int have = fresh ? 0 : std::atoi(meta_value(b, "schema_version").c_str());
  if (!fresh && meta_value(b, "application") != "parley")
    throw StoreError("this database is not a Parley store (parley_meta names another application)");
  if (have > kSchemaVersion)
    throw StoreError("this store has schema version " + std::to_string(have) +
                     ", written by a newer Parley; this one reads up to version " +
                     std::to_string(kSchemaVersion) +
                     ". Upgrade Parley; the store was not touched");
  if (!b.read_only()) b.prepare_for_writing();
  if (have >= target) {
    version = have;
    b.set_schema_version(version);
    if (!b.read_only()) b.durable_commits();
    return;
  }
  if (b.read_only())
    throw StoreError("this store has schema version " + std::to_string(have) +
                     " and needs an upgrade to " + std::to_string(target) +
                     "; open it read-write once (e.g. parley ingest with no input)");
  for (int v = have + 1; v <= target; ++v) {
    WriteTransaction tx(b);
    // Another process may have migrated while we waited for the lock.
    if (v > 1 && std::atoi(meta_value(b, "schema_version").c_str()) >= v) {
      tx.commit();
      continue;
    }
    if (v == 1 && b.table_exists("parley_meta")) {
      tx.commit();
      continue;
    }
    for (const std::string& sql : migration_sql(v, b)) b.exec(sql);
    version = v;
    if (v == 1) set_meta(b, "application", "parley");
    if (v == 2) backfill_minhash(*this);
    if (v == 4 && b.name() == "postgresql") fill_fts_words(b);
    if (v == 5) pack_stored_mentions(b);
    set_meta(b, "schema_version", std::to_string(v));
    tx.commit();
  }
  version = std::atoi(meta_value(b, "schema_version").c_str());
  b.set_schema_version(version);
  b.durable_commits();
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

Store Store::open(const std::string& url, Mode mode) {
  auto impl = std::make_unique<Impl>();
  impl->db = open_backend(url, mode == Mode::ReadOnly);
  impl->migrate(kSchemaVersion);
  return Store(std::move(impl));
}

Store Store::open_at_version(const std::string& url, int version) {
  auto impl = std::make_unique<Impl>();
  impl->db = open_backend(url, false);
  impl->migrate(version);
  return Store(std::move(impl));
}

int Store::schema_version() {
  return kSchemaVersion;
}
int Store::version() const {
  return impl_->version;
}
std::string Store::backend_name() const {
  return impl_->db->name();
}
void Store::checkpoint() {
  impl_->db->checkpoint();
}

Backend& Store::backend() const {
  return *impl_->db;
}
void Store::set_data_dir(const std::string& dir) {
  impl_->data_dir = dir;
  impl_->ontology = std::make_unique<extract::Ontology>(extract::Ontology::load(dir));
}
void Store::set_near_duplicate_threshold(double t) {
  impl_->threshold = t;
}

int64_t Store::begin_run(const RunInfo& info) {
  Backend& b = *impl_->db;
  WriteTransaction tx(b);
  Statement& mx = b.query("SELECT max(id) FROM runs");
  int64_t id = mx.step() && !mx.is_null(0) ? mx.get_int(0) + 1 : 1;
  mx.reset();
  std::time_t now = std::time(nullptr);
  char when[32];
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  Statement& ins = b.query(
      "INSERT INTO runs (id, started, parley_version, models, lexicon, options) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  ins.bind_all(id, std::string(when), info.parley_version, info.models, info.lexicon, info.options);
  ins.step();
  tx.commit();
  return id;
}

bool Store::has_article(const std::string& id) const {
  Statement& st = impl_->db->query("SELECT 1 FROM articles WHERE id = ?");
  st.bind_all(id);
  bool found = st.step();
  st.reset();
  return found;
}

std::string Store::Impl::link_story(const std::string& id, const MinHash& sig) {
  Backend& b = *db;
  // Candidates share at least one whole band; the most similar one above the threshold gives
  // the story (ties: the smallest id, so the result does not depend on hash order). Their
  // signatures and stories come in the same query: one round trip per article.
  std::map<std::string, std::pair<std::string, std::string>> candidates;  // signature, story
  {
    std::string sql =
        "SELECT b.article_id, m.signature, a.story_id FROM article_bands b JOIN article_minhash "
        "m ON m.article_id = b.article_id JOIN articles a ON a.id = b.article_id WHERE ";
    std::vector<Value> args;
    for (int band = 0; band < MinHash::kBands; ++band) {
      sql += band ? " OR (b.band = ? AND b.hash = ?)" : "(b.band = ? AND b.hash = ?)";
      args.push_back(Value::of(static_cast<int64_t>(band)));
      args.push_back(Value::of(sig.band_hash(band)));
    }
    Statement& st = b.query(sql);
    bind_values(st, args);
    while (st.step()) candidates.emplace(st.get_text(0), std::pair(st.get_text(1), st.get_text(2)));
    st.reset();
  }
  candidates.erase(id);
  std::string story = id;
  double best_sim = -1;
  for (const auto& [c, sig_story] : candidates) {
    MinHash other;
    if (!MinHash::from_hex(sig_story.first, other)) continue;
    double sim = sig.similarity(other);
    if (sim >= threshold && sim > best_sim) story = sig_story.second, best_sim = sim;
  }
  Statement& ins = b.query("INSERT INTO article_minhash (article_id, signature) VALUES (?, ?)");
  ins.bind_all(id, sig.to_hex());
  ins.step();
  // A prepared statement of 16 rows (the next article's candidates must see these).
  std::string sql = "INSERT INTO article_bands (band, hash, article_id) VALUES ";
  std::vector<Value> args;
  for (int band = 0; band < MinHash::kBands; ++band) {
    sql += band ? ", (?, ?, ?)" : "(?, ?, ?)";
    args.push_back(Value::of(static_cast<int64_t>(band)));
    args.push_back(Value::of(sig.band_hash(band)));
    args.push_back(Value::of(id));
  }
  Statement& bands = b.query(sql);
  bind_values(bands, args);
  bands.step();
  bands.reset();
  return story;
}

namespace {

int confidence(const Event& e) {
  // GDELT's Confidence (10..100) says how sure the coder is of one mention. Parley lowers it
  // for what it had to guess: an actor it could not resolve, a modal or reported act.
  int c = 100;
  if (e.unresolved_source || e.source_code.empty()) c -= 20;
  if (e.unresolved_target || e.target_code.empty()) c -= 20;
  if (e.target_inferred) c -= 10;  // from the article's context, not the sentence
  if (!e.modality.empty()) c -= 20;
  if (e.reported_by >= 0) c -= 10;
  return std::max(c, 10);
}

std::string actor_field(const Article& a, int32_t idx, std::string Actor::*field) {
  return idx >= 0 && static_cast<size_t>(idx) < a.actors.size() ? a.actors[idx].*field : "";
}

}  // namespace

namespace {

// What decides whether two events are one act (besides a day at most one apart).
struct MergeKey {
  std::string cameo, source, target, place, place_country, modality;
  bool negated = false;
  auto tie() const {
    return std::tie(cameo, source, target, place, place_country, modality, negated);
  }
  bool operator<(const MergeKey& o) const { return tie() < o.tie(); }
};

MergeKey merge_key(const Event& e) {
  return {e.cameo,    e.source_code, e.target_code, e.location.name, e.location.country,
          e.modality, e.negated};
}

// The events an article may merge with: those of earlier batches that agree with one of this
// batch's events (one query for the batch instead of one per event), then the events this
// batch creates as it goes.
class MergeCandidates {
 public:
  // Queues the lookups of the stored events that `wanted` may merge with (one query per 16
  // events); their rows land in this object when the queries run.
  void queue(std::vector<QueuedQuery>& out,
             const std::vector<std::pair<MergeKey, int64_t>>& wanted) {
    // Always kChunk conditions (the last chunk repeats its last one), so the statement is
    // prepared and planned once per connection, not once per batch.
    constexpr size_t kChunk = 16;
    std::string sql =
        "SELECT id, day, cameo, source_code, target_code, place_name, place_country, "
        "modality, negated FROM events WHERE ";
    for (size_t i = 0; i < kChunk; ++i)
      sql += std::string(i ? " OR " : "") +
             "(cameo = ? AND source_code = ? AND target_code = ? AND day >= ? AND day <= ?)";
    for (size_t first = 0; first < wanted.size(); first += kChunk) {
      QueuedQuery q{sql, {}, [this](Statement& st) {
                      MergeKey k{st.get_text(2), st.get_text(3), st.get_text(4),    st.get_text(5),
                                 st.get_text(6), st.get_text(7), st.get_int(8) != 0};
                      add(k, st.get_int(1), st.get_text(0));
                    }};
      for (size_t i = first; i < first + kChunk; ++i) {
        const auto& [k, day] = wanted[std::min(i, wanted.size() - 1)];
        q.args.push_back(Value::of(k.cameo));
        q.args.push_back(Value::of(k.source));
        q.args.push_back(Value::of(k.target));
        q.args.push_back(Value::of(day - 1));
        q.args.push_back(Value::of(day + 1));
      }
      out.push_back(std::move(q));
    }
  }
  void add(const MergeKey& k, int64_t day, const std::string& id) {
    auto& v = by_key_[k];
    for (const auto& [d, i] : v)
      if (d == day && i == id) return;  // met twice by load()
    v.emplace_back(day, id);
  }
  // As the SQL it replaces: a day at most one apart, the nearest day first, then the smallest id.
  std::string find(const MergeKey& k, int64_t day) const {
    auto it = by_key_.find(k);
    if (it == by_key_.end()) return {};
    const std::string* best = nullptr;
    int64_t best_gap = 2;
    for (const auto& [d, id] : it->second) {
      const int64_t gap = d > day ? d - day : day - d;
      if (gap > 1) continue;
      if (gap < best_gap || (gap == best_gap && id < *best)) best = &id, best_gap = gap;
    }
    return best ? *best : std::string();
  }

 private:
  std::map<MergeKey, std::vector<std::pair<int64_t, std::string>>> by_key_;
};

}  // namespace

namespace {

// The stories of a batch's new articles (in batch order): the most similar near-duplicate
// among the stored articles and the batch's earlier ones. The stored candidates of the whole
// batch come from one query per 4 articles (they share at least one whole band with one of
// them), so linking costs no round trip per article; the rules are link_story()'s.
std::vector<std::string> link_batch_stories(Backend& b, double threshold,
                                            const std::vector<std::string>& ids,
                                            const std::vector<MinHash>& sigs,
                                            const std::function<void()>& meanwhile) {
  using BandKey = std::pair<int64_t, int64_t>;  // band, hash
  constexpr size_t kPairs = 4 * MinHash::kBands;
  std::vector<BandKey> wanted;
  for (const MinHash& sig : sigs)
    for (int band = 0; band < MinHash::kBands; ++band)
      wanted.emplace_back(band, sig.band_hash(band));
  std::map<BandKey, std::vector<std::string>> stored_by_band;
  std::map<std::string, std::pair<MinHash, std::string>> stored;  // id -> signature, story
  if (!wanted.empty()) {
    // Always kPairs rows (the last repeats), so the statement is planned once per connection.
    std::string sql =
        "SELECT w.column1, w.column2, b.article_id, m.signature, a.story_id FROM (VALUES ";
    for (size_t i = 0; i < kPairs; ++i)
      sql += i ? ", (CAST(? AS INTEGER), CAST(? AS BIGINT))"
               : "(CAST(? AS INTEGER), CAST(? AS BIGINT))";
    sql +=
        ") AS w JOIN article_bands b ON b.band = w.column1 AND b.hash = w.column2 JOIN "
        "article_minhash m ON m.article_id = b.article_id JOIN articles a ON a.id = b.article_id";
    std::vector<QueuedQuery> queries;
    for (size_t first = 0; first < wanted.size(); first += kPairs) {
      QueuedQuery q{sql, {}, [&](Statement& st) {
                      std::string id = st.get_text(2);
                      auto& v = stored_by_band[{st.get_int(0), st.get_int(1)}];
                      if (std::find(v.begin(), v.end(), id) == v.end()) v.push_back(id);
                      if (!stored.count(id)) {
                        MinHash sig;
                        if (MinHash::from_hex(st.get_text(3), sig))
                          stored.emplace(id, std::pair(sig, st.get_text(4)));
                      }
                    }};
      for (size_t i = first; i < first + kPairs; ++i) {
        const BandKey& k = wanted[std::min(i, wanted.size() - 1)];
        q.args.push_back(Value::of(k.first));
        q.args.push_back(Value::of(k.second));
      }
      queries.push_back(std::move(q));
    }
    b.run_queries(queries, meanwhile);
  } else if (meanwhile) {
    meanwhile();
  }
  std::vector<std::string> stories;
  std::map<BandKey, std::vector<size_t>> batch_by_band;  // the batch's earlier articles
  for (size_t i = 0; i < ids.size(); ++i) {
    // Candidates by id, so that ties go to the smallest id as in link_story().
    std::map<std::string, std::pair<const MinHash*, const std::string*>> candidates;
    for (int band = 0; band < MinHash::kBands; ++band) {
      const BandKey k{band, sigs[i].band_hash(band)};
      if (auto it = stored_by_band.find(k); it != stored_by_band.end())
        for (const std::string& c : it->second)
          if (auto s = stored.find(c); s != stored.end())
            candidates.emplace(c, std::pair(&s->second.first, &s->second.second));
      if (auto it = batch_by_band.find(k); it != batch_by_band.end())
        for (size_t j : it->second) candidates.emplace(ids[j], std::pair(&sigs[j], &stories[j]));
    }
    candidates.erase(ids[i]);
    std::string story = ids[i];
    double best_sim = -1;
    for (const auto& [c, sig_story] : candidates) {
      double sim = sigs[i].similarity(*sig_story.first);
      if (sim >= threshold && sim > best_sim) story = *sig_story.second, best_sim = sim;
    }
    stories.push_back(std::move(story));
    for (int band = 0; band < MinHash::kBands; ++band)
      batch_by_band[{band, sigs[i].band_hash(band)}].push_back(i);
  }
  return stories;
}

// An event this batch creates: its row, written once its GDELT counts are known (all of its
// mentions are in this batch).
struct NewEvent {
  std::vector<Value> row;
  int64_t mentions = 0;
  std::set<std::string> outlets, articles;
};

}  // namespace

// The order of the work is chosen for PostgreSQL, where the server's inserting is most of the
// cost: lookups go in pipelines (one round trip each) while the client computes what does not
// need their answers, and each table's rows are sent as soon as they are built, so the server
// writes one table while the client builds the next (insert_rows does not wait for a COPY).
IngestStats Store::store_batch(const std::vector<const Article*>& articles, int64_t run_id) {
  Impl& s = *impl_;
  Backend& b = *s.db;
  if (!s.ontology) {
    std::string dir = s.data_dir.empty() ? default_data_dir() : s.data_dir;
    s.ontology = std::make_unique<extract::Ontology>(extract::Ontology::load(dir));
  }
  const extract::Ontology& onto = *s.ontology;
  IngestStats stats;
  WriteTransaction tx(b);

  // The batch's articles (an article twice in a batch is stored once).
  std::vector<std::string> ids;
  for (const Article* ap : articles) ids.push_back(ap->id.empty() ? content_id(ap->text) : ap->id);
  std::vector<size_t> unique;
  {
    std::set<std::string> seen;
    for (size_t ai = 0; ai < articles.size(); ++ai)
      if (seen.insert(ids[ai]).second) unique.push_back(ai);
  }
  // First lookups, in one round trip: which of them are stored (32 ids a query, always 32
  // parameters, so the statement is planned once per connection), and the stored events their
  // events may merge with (16 events a query). Meanwhile, their MinHash signatures.
  std::set<std::string> stored;
  MergeCandidates merge;
  const bool dedup = s.version >= 2;  // a version-1 store has no dedup tables yet
  // Version 5: actor mentions packed on the article rows.
  const bool packed_mentions = s.version >= 5;
  std::vector<MinHash> sigs(articles.size());
  {
    std::vector<QueuedQuery> lookups;
    constexpr size_t kIds = 32;
    std::string sql = "SELECT id FROM articles WHERE id IN (";
    for (size_t k = 0; k < kIds; ++k) sql += k ? ", ?" : "?";
    sql += ")";
    for (size_t first = 0; first < unique.size(); first += kIds) {
      QueuedQuery q{sql, {}, [&stored](Statement& st) { stored.insert(st.get_text(0)); }};
      for (size_t k = first; k < first + kIds; ++k)
        q.args.push_back(Value::of(ids[unique[std::min(k, unique.size() - 1)]]));
      lookups.push_back(std::move(q));
    }
    std::vector<std::pair<MergeKey, int64_t>> wanted;
    for (size_t ai : unique) {
      for (const Event& e : articles[ai]->events) {
        int64_t eday = 0;
        if ((!e.source_code.empty() || !e.target_code.empty()) &&
            day_number(e.date.empty() ? articles[ai]->date : e.date, eday))
          wanted.emplace_back(merge_key(e), eday);
      }
    }
    merge.queue(lookups, wanted);
    b.run_queries(lookups, [&] {
      if (dedup)
        for (size_t ai : unique) sigs[ai] = MinHash::of(articles[ai]->text);
    });
  }
  // The articles to store, in order.
  std::vector<size_t> todo;
  for (size_t ai : unique)
    if (!stored.count(ids[ai])) todo.push_back(ai);
  stats.duplicates = articles.size() - todo.size();

  // Near-duplicate stories (a version-1 store is linked by the migration to version 2).
  std::vector<std::string> stories;
  std::vector<std::string> todo_ids;
  for (size_t ai : todo) todo_ids.push_back(ids[ai]);
  if (dedup) {
    std::vector<MinHash> todo_sigs;
    for (size_t ai : todo) todo_sigs.push_back(sigs[ai]);
    stories = link_batch_stories(b, s.threshold, todo_ids, todo_sigs, {});
  } else {
    stories = todo_ids;
  }

  {
    RowBuffer rows(b, "articles",
                   packed_mentions ? "id, run_id, title, date, day, source, url, path, text, "
                                     "bytes, story_id, mention_count, mentions"
                                   : "id, run_id, title, date, day, source, url, path, text, "
                                     "bytes, story_id");
    for (size_t k = 0; k < todo.size(); ++k) {
      const Article& a = *articles[todo[k]];
      int64_t day = 0;
      bool dated = day_number(a.date, day);
      if (packed_mentions)
        rows.add(todo_ids[k], run_id, a.title, a.date,
                 dated ? std::optional<int64_t>(day) : std::nullopt, a.source, a.url, a.origin.path,
                 a.text, a.text.size(), stories[k], a.mentions.size(), pack_mentions(a.mentions));
      else
        rows.add(todo_ids[k], run_id, a.title, a.date,
                 dated ? std::optional<int64_t>(day) : std::nullopt, a.source, a.url, a.origin.path,
                 a.text, a.text.size(), stories[k]);
      ++stats.stored;
      if (stories[k] != todo_ids[k]) ++stats.near_duplicates;
    }
    rows.flush();
  }
  // Full-text rows, the article (title and text) and each quote, built while the server writes
  // the articles. PostgreSQL gets the search words as a binary tsvector (words.hpp); SQLite's
  // FTS5 splits the text itself.
  const bool fts_words = b.fts_words();
  RowBuffer fts(b, "fts", fts_words ? "kind, ref, tsv" : "kind, ref, body");
  for (size_t ai : todo) {
    const Article& a = *articles[ai];
    const std::string& id = ids[ai];
    std::string body = a.title + "\n" + a.text;
    if (fts_words)
      fts.add("article", id, Value::words(tsvector_binary(body)));
    else
      fts.add("article", id, body);
    for (size_t i = 0; i < a.quotes.size(); ++i) {
      std::string_view q = a.view(a.quotes[i].span);
      std::string ref = id + ":" + std::to_string(i);
      if (fts_words)
        fts.add("quote", ref, Value::words(tsvector_binary(q)));
      else
        fts.add("quote", ref, q);
    }
  }
  if (dedup) {
    RowBuffer minhash(b, "article_minhash", "article_id, signature");
    for (size_t k = 0; k < todo.size(); ++k) minhash.add(todo_ids[k], sigs[todo[k]].to_hex());
    minhash.flush();
    RowBuffer bands(b, "article_bands", "band, hash, article_id");
    for (size_t k = 0; k < todo.size(); ++k)
      for (int band = 0; band < MinHash::kBands; ++band)
        bands.add(static_cast<int64_t>(band), sigs[todo[k]].band_hash(band), todo_ids[k]);
    bands.flush();
  }
  fts.flush();
  {
    RowBuffer rows(b, "actors", "article_id, idx, name, code, country, sector, type, presumed");
    for (size_t k = 0; k < todo.size(); ++k) {
      const Article& a = *articles[todo[k]];
      for (size_t i = 0; i < a.actors.size(); ++i) {
        const Actor& x = a.actors[i];
        rows.add(todo_ids[k], i, x.name, x.code, x.country, x.sector, x.type, x.presumed);
      }
    }
    rows.flush();
  }
  if (!packed_mentions) {
    RowBuffer rows(b, "actor_mentions",
                   "article_id, idx, actor_idx, sentence, kind, start_byte, end_byte");
    for (size_t k = 0; k < todo.size(); ++k) {
      const Article& a = *articles[todo[k]];
      for (size_t i = 0; i < a.mentions.size(); ++i) {
        const Mention& m = a.mentions[i];
        rows.add(todo_ids[k], i, m.actor, m.sentence, m.kind, m.span.start, m.span.end);
      }
    }
    rows.flush();
  }

  std::map<std::string, NewEvent> new_events;
  std::vector<std::string> new_event_order;
  std::set<std::string> touched;  // stored events whose counts change
  {
    RowBuffer mentions(b, "event_mentions",
                       "article_id, idx, mention, event_id, sentence, source_actor, "
                       "target_actor, trigger_start, trigger_end, evidence_start, "
                       "evidence_end, trigger_text, evidence_text, outlet, date, "
                       "confidence, reported_by, pattern");
    for (size_t k = 0; k < todo.size(); ++k) {
      const Article& a = *articles[todo[k]];
      const std::string& id = todo_ids[k];
      for (size_t i = 0; i < a.events.size(); ++i) {
        const Event& e = a.events[i];
        const extract::CameoCode* c = onto.find(e.cameo);
        const std::string& src = e.source_code;
        const std::string& tgt = e.target_code;
        int64_t eday = 0;
        bool edated = day_number(e.date.empty() ? a.date : e.date, eday);
        std::string edate = edated ? day_string(eday) : "";
        // Merge with an event that agrees on everything but the day (±1): the same act
        // reported by another article (of an earlier batch or this one). Events with no actor
        // code at all, or no date, stay alone: nothing says two of them are the same act.
        const bool mergeable = edated && (!src.empty() || !tgt.empty());
        std::string event_id = mergeable ? merge.find(merge_key(e), eday) : "";
        if (!event_id.empty()) {
          ++stats.merged;
        } else {
          event_id = exporter::event_id(a, i);
          if (mergeable) merge.add(merge_key(e), eday, event_id);
          std::optional<double> lat, lon;
          if (e.location.has_coordinates) lat = e.location.lat, lon = e.location.lon;
          NewEvent& ne = new_events[event_id];
          new_event_order.push_back(event_id);
          push_values(ne.row, event_id, edate, edated ? std::optional<int64_t>(eday) : std::nullopt,
                      src, actor_field(a, e.source_actor, &Actor::name),
                      actor_field(a, e.source_actor, &Actor::country), tgt,
                      actor_field(a, e.target_actor, &Actor::name),
                      actor_field(a, e.target_actor, &Actor::country), e.cameo,
                      extract::Ontology::root(e.cameo), c ? c->name : std::string(),
                      c ? c->quad_class : 0, c ? c->goldstein : 0.0,
                      c ? c->plover_type : std::string(), c ? c->plover_mode : std::string(),
                      c ? c->plover_context : std::string(), e.negated, e.modality, e.location.name,
                      e.location.country, lat, lon, 0, 0, 0, id);
        }
        auto fresh = new_events.find(event_id);
        if (fresh == new_events.end()) touched.insert(event_id);
        std::vector<std::pair<Span, Span>> spans{{e.trigger, e.evidence}};
        for (const Span& m : e.other_mentions) spans.push_back({m, m});
        for (size_t n = 0; n < spans.size(); ++n) {
          mentions.add(id, i, n, event_id, e.sentence, e.source_actor, e.target_actor,
                       spans[n].first.start, spans[n].first.end, spans[n].second.start,
                       spans[n].second.end, a.view(spans[n].first), a.view(spans[n].second),
                       a.source, edate, confidence(e), e.reported_by, e.pattern);
          ++stats.events;
          if (fresh != new_events.end()) {
            ++fresh->second.mentions;
            fresh->second.outlets.insert(a.source);
            fresh->second.articles.insert(id);
          }
        }
      }
    }
    mentions.flush();
  }
  {
    // GDELT's counts of the events this batch creates: NumMentions every mention, NumSources
    // distinct outlets, NumArticles distinct documents (the last four columns of the row are
    // the three counts and first_article).
    RowBuffer rows(b, "events",
                   "id, date, day, source_code, source_name, source_country, target_code, "
                   "target_name, target_country, cameo, root, cameo_name, quad_class, "
                   "goldstein, plover_type, plover_mode, plover_context, negated, modality, "
                   "place_name, place_country, lat, lon, num_mentions, num_sources, "
                   "num_articles, first_article");
    for (const std::string& event_id : new_event_order) {
      NewEvent& ne = new_events[event_id];
      const size_t n = ne.row.size();
      ne.row[n - 4] = Value::of(ne.mentions);
      ne.row[n - 3] = Value::of(static_cast<int64_t>(ne.outlets.size()));
      ne.row[n - 2] = Value::of(static_cast<int64_t>(ne.articles.size()));
      rows.add_row(std::move(ne.row));
    }
    rows.flush();
  }
  {
    RowBuffer rows(b, "quotes",
                   "article_id, idx, sentence, start_byte, end_byte, speaker_actor, "
                   "speaker_code, speaker_name, speaker_start, speaker_end, cue_start, "
                   "cue_end, cue_lemma, kind, text");
    for (size_t k = 0; k < todo.size(); ++k) {
      const Article& a = *articles[todo[k]];
      for (size_t i = 0; i < a.quotes.size(); ++i) {
        const Quote& q = a.quotes[i];
        rows.add(todo_ids[k], i, q.sentence, q.span.start, q.span.end, q.speaker_actor,
                 actor_field(a, q.speaker_actor, &Actor::code),
                 q.speaker_actor >= 0 ? actor_field(a, q.speaker_actor, &Actor::name)
                                      : std::string(a.view(q.speaker)),
                 q.speaker.start, q.speaker.end, q.cue.start, q.cue.end, q.cue_lemma, q.kind,
                 a.view(q.span));
      }
    }
    rows.flush();
  }
  {
    RowBuffer rows(b, "claims",
                   "article_id, idx, sentence, source_actor, source_code, source_name, topic, "
                   "topic_key, affirmed, certainty, evidence_start, evidence_end, "
                   "evidence_text, quote");
    for (size_t k = 0; k < todo.size(); ++k) {
      const Article& a = *articles[todo[k]];
      for (size_t i = 0; i < a.claims.size(); ++i) {
        const Claim& c = a.claims[i];
        rows.add(todo_ids[k], i, c.sentence, c.source_actor,
                 actor_field(a, c.source_actor, &Actor::code),
                 actor_field(a, c.source_actor, &Actor::name), c.topic, c.topic_key, c.affirmed,
                 c.certainty, c.evidence.start, c.evidence.end, a.view(c.evidence), c.quote);
      }
    }
    rows.flush();
  }
  {
    RowBuffer rows(b, "positions",
                   "article_id, idx, sentence, actor, actor_code, actor_name, issue, "
                   "issue_key, stance, evidence_start, evidence_end, evidence_text");
    for (size_t k = 0; k < todo.size(); ++k) {
      const Article& a = *articles[todo[k]];
      for (size_t i = 0; i < a.positions.size(); ++i) {
        const Position& p = a.positions[i];
        rows.add(todo_ids[k], i, p.sentence, p.actor, actor_field(a, p.actor, &Actor::code),
                 actor_field(a, p.actor, &Actor::name), p.issue, p.issue_key, p.stance,
                 p.evidence.start, p.evidence.end, a.view(p.evidence));
      }
    }
    rows.flush();
  }
  {
    RowBuffer rows(b, "divergences", "article_id, idx, topic, kind");
    RowBuffer sides(b, "divergence_sides",
                    "article_id, divergence, idx, actor, actor_code, value, "
                    "evidence_start, evidence_end, evidence_text");
    for (size_t k = 0; k < todo.size(); ++k) {
      const Article& a = *articles[todo[k]];
      for (size_t i = 0; i < a.divergences.size(); ++i) {
        const Divergence& d = a.divergences[i];
        rows.add(todo_ids[k], i, d.topic, d.kind);
        for (size_t n = 0; n < d.sides.size(); ++n) {
          const DivergenceSide& side = d.sides[n];
          sides.add(todo_ids[k], i, n, side.actor, actor_field(a, side.actor, &Actor::code),
                    side.value, side.evidence.start, side.evidence.end, a.view(side.evidence));
        }
      }
    }
    rows.flush();
    sides.flush();
  }
  // Stored events that gained mentions are counted again over all of theirs.
  std::vector<std::string> event_ids(touched.begin(), touched.end());
  for (size_t start = 0; start < event_ids.size(); start += 200) {
    size_t n = std::min<size_t>(200, event_ids.size() - start);
    std::string in = "(";
    std::vector<Value> args;
    for (size_t k = 0; k < n; ++k) {
      in += k ? ", ?" : "?";
      args.push_back(Value::of(event_ids[start + k]));
    }
    // One pass over the mentions of these events, not three correlated subqueries per event.
    auto st = b.prepare(
        "UPDATE events SET num_mentions = c.n, num_sources = c.sources, num_articles = "
        "c.articles FROM (SELECT event_id, count(*) AS n, count(DISTINCT outlet) AS sources, "
        "count(DISTINCT article_id) AS articles FROM event_mentions WHERE event_id IN " +
        in + ") GROUP BY event_id) AS c WHERE events.id = c.event_id");
    bind_values(*st, args);
    st->step();
  }
  tx.commit();
  return stats;
}

}  // namespace parley::store

// Opening a store (creating, migrating, refusing what is not ours) and ingesting coded
// articles: one transaction per batch, near-duplicates linked to a story, events merged across
// articles into GDELT-style event records with mentions.
#include "parley/store/store.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "parley/export/coded.hpp"
#include "parley/extract/ontology.hpp"
#include "parley/resources.hpp"
#include "parley/store/backend.hpp"
#include "parley/store/schema.hpp"
#include "parley/store/store_impl.hpp"

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
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
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

// Rows for one table, written as one multi-row INSERT: a round trip per table and article
// instead of one per row, which is most of the cost of storing on PostgreSQL.
class RowBuffer {
 public:
  RowBuffer(Backend& b, std::string head, int columns)
      : b_(b), head_(std::move(head)), columns_(columns) {}
  template <class... A>
  void add(const A&... a) {
    static_assert(sizeof...(A) > 0);
    (push(a), ...);
    if (++rows_ >= kMaxRows) flush();
  }
  void flush() {
    if (rows_ == 0) return;
    std::string row = "(";
    for (int c = 0; c < columns_; ++c) row += c ? ", ?" : "?";
    row += ")";
    std::string sql = head_ + " VALUES ";
    for (int r = 0; r < rows_; ++r) sql += (r ? ", " : "") + row;
    Statement& st = b_.query(sql);
    bind_values(st, values_);
    st.step();
    st.reset();
    values_.clear();
    rows_ = 0;
  }

 private:
  static constexpr int kMaxRows = 64;
  void push(int64_t v) { values_.push_back(Value::of(v)); }
  void push(int v) { push(static_cast<int64_t>(v)); }
  void push(unsigned v) { push(static_cast<int64_t>(v)); }
  void push(long long v) { push(static_cast<int64_t>(v)); }
  void push(unsigned long v) { push(static_cast<int64_t>(v)); }
  void push(unsigned long long v) { push(static_cast<int64_t>(v)); }
  void push(bool v) { push(static_cast<int64_t>(v)); }
  void push(double v) { values_.push_back(Value::of(v)); }
  void push(std::string_view v) { values_.push_back(Value::of(std::string(v))); }
  void push(const std::string& v) { values_.push_back(Value::of(v)); }
  void push(const char* v) { values_.push_back(Value::of(std::string(v))); }

  Backend& b_;
  std::string head_;
  int columns_;
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
    set_meta(b, "schema_version", std::to_string(v));
    tx.commit();
  }
  version = std::atoi(meta_value(b, "schema_version").c_str());
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
  // the story (ties: the smallest id, so the result does not depend on hash order).
  std::set<std::string> candidates;
  {
    std::string sql = "SELECT article_id FROM article_bands WHERE ";
    std::vector<Value> args;
    for (int band = 0; band < MinHash::kBands; ++band) {
      sql += band ? " OR (band = ? AND hash = ?)" : "(band = ? AND hash = ?)";
      args.push_back(Value::of(static_cast<int64_t>(band)));
      args.push_back(Value::of(sig.band_hash(band)));
    }
    Statement& st = b.query(sql);
    bind_values(st, args);
    while (st.step()) candidates.insert(st.get_text(0));
    st.reset();
  }
  candidates.erase(id);
  std::string best;
  double best_sim = -1;
  for (const std::string& c : candidates) {
    Statement& st = b.query("SELECT signature FROM article_minhash WHERE article_id = ?");
    st.bind_all(c);
    MinHash other;
    bool ok = st.step() && MinHash::from_hex(st.get_text(0), other);
    st.reset();
    if (!ok) continue;
    double sim = sig.similarity(other);
    if (sim >= threshold && sim > best_sim) best = c, best_sim = sim;
  }
  std::string story = id;
  if (!best.empty()) {
    Statement& st = b.query("SELECT story_id FROM articles WHERE id = ?");
    st.bind_all(best);
    if (st.step()) story = st.get_text(0);
    st.reset();
  }
  Statement& ins = b.query("INSERT INTO article_minhash (article_id, signature) VALUES (?, ?)");
  ins.bind_all(id, sig.to_hex());
  ins.step();
  RowBuffer bands(b, "INSERT INTO article_bands (band, hash, article_id)", 3);
  for (int band = 0; band < MinHash::kBands; ++band) bands.add(band, sig.band_hash(band), id);
  bands.flush();
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
  RowBuffer buf_actor_mentions(b,
                               "INSERT INTO actor_mentions (article_id, idx, actor_idx, sentence, "
                               "kind, start_byte, end_byte)",
                               7);
  RowBuffer buf_actors(
      b, "INSERT INTO actors (article_id, idx, name, code, country, sector, type, presumed)", 8);
  RowBuffer buf_claims(
      b,
      "INSERT INTO claims (article_id, idx, sentence, source_actor, source_code, source_name, "
      "topic, topic_key, affirmed, certainty, evidence_start, evidence_end, evidence_text, quote)",
      14);
  RowBuffer buf_divergence_sides(
      b,
      "INSERT INTO divergence_sides (article_id, divergence, idx, actor, actor_code, value, "
      "evidence_start, evidence_end, evidence_text)",
      9);
  RowBuffer buf_event_mentions(
      b,
      "INSERT INTO event_mentions (article_id, idx, mention, event_id, sentence, source_actor, "
      "target_actor, trigger_start, trigger_end, evidence_start, evidence_end, trigger_text, "
      "evidence_text, outlet, date, confidence, reported_by, pattern)",
      18);
  RowBuffer buf_fts(b, "INSERT INTO fts (kind, ref, body)", 3);
  RowBuffer buf_positions(
      b,
      "INSERT INTO positions (article_id, idx, sentence, actor, actor_code, actor_name, issue, "
      "issue_key, stance, evidence_start, evidence_end, evidence_text)",
      12);
  RowBuffer buf_quotes(b,
                       "INSERT INTO quotes (article_id, idx, sentence, start_byte, end_byte, "
                       "speaker_actor, speaker_code, speaker_name, speaker_start, speaker_end, "
                       "cue_start, cue_end, cue_lemma, kind, text)",
                       15);
  std::set<std::string> touched;  // events whose counts change
  std::set<std::string> seen;     // ids in this batch (one article twice in a batch)
  for (const Article* ap : articles) {
    const Article& a = *ap;
    const std::string id = a.id.empty() ? content_id(a.text) : a.id;
    if (!seen.insert(id).second || has_article(id)) {
      ++stats.duplicates;
      continue;
    }
    ++stats.stored;
    // A version-1 store (kept at that version by open_at_version) has no dedup tables yet; the
    // migration to version 2 links its articles afterwards.
    std::string story = s.version >= 2 ? s.link_story(id, MinHash::of(a.text)) : id;
    if (story != id) ++stats.near_duplicates;
    int64_t day = 0;
    bool dated = day_number(a.date, day);
    {
      Statement& st = b.query(
          "INSERT INTO articles (id, run_id, title, date, day, source, url, path, text, bytes, "
          "story_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      st.bind_all(id, run_id, a.title, a.date, dated ? std::optional<int64_t>(day) : std::nullopt,
                  a.source, a.url, a.origin.path, a.text, a.text.size(), story);
      st.step();
      buf_fts.add("article", id, a.title + "\n" + a.text);
    }
    for (size_t i = 0; i < a.actors.size(); ++i) {
      const Actor& x = a.actors[i];
      buf_actors.add(id, i, x.name, x.code, x.country, x.sector, x.type, x.presumed);
    }
    for (size_t i = 0; i < a.mentions.size(); ++i) {
      const Mention& m = a.mentions[i];
      buf_actor_mentions.add(id, i, m.actor, m.sentence, m.kind, m.span.start, m.span.end);
    }
    for (size_t i = 0; i < a.events.size(); ++i) {
      const Event& e = a.events[i];
      const extract::CameoCode* c = onto.find(e.cameo);
      std::string src = e.source_code, tgt = e.target_code;
      std::string place = e.location.name, place_country = e.location.country;
      int64_t eday = 0;
      bool edated = day_number(e.date.empty() ? a.date : e.date, eday);
      std::string edate = edated ? day_string(eday) : "";
      // Merge with a stored event that agrees on everything but the day (±1): the same act
      // reported by another article. Events with no actor code at all, or no date, stay alone:
      // nothing says two of them are the same act.
      std::string event_id;
      if (edated && (!src.empty() || !tgt.empty())) {
        Statement& st = b.query(
            "SELECT id FROM events WHERE cameo = ? AND source_code = ? AND target_code = ? "
            "AND day >= ? AND day <= ? AND place_name = ? AND place_country = ? AND negated = ? "
            "AND modality = ? ORDER BY abs(day - ?), id LIMIT 1");
        st.bind_all(e.cameo, src, tgt, eday - 1, eday + 1, place, place_country, e.negated,
                    e.modality, eday);
        if (st.step()) event_id = st.get_text(0);
        st.reset();
      }
      if (!event_id.empty()) {
        ++stats.merged;
      } else {
        event_id = exporter::event_id(a, i);
        Statement& st = b.query(
            "INSERT INTO events (id, date, day, source_code, source_name, source_country, "
            "target_code, target_name, target_country, cameo, root, cameo_name, quad_class, "
            "goldstein, plover_type, plover_mode, plover_context, negated, modality, place_name, "
            "place_country, lat, lon, num_mentions, num_sources, num_articles, first_article) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, "
            "?)");
        std::optional<double> lat, lon;
        if (e.location.has_coordinates) lat = e.location.lat, lon = e.location.lon;
        st.bind_all(event_id, edate, edated ? std::optional<int64_t>(eday) : std::nullopt, src,
                    actor_field(a, e.source_actor, &Actor::name),
                    actor_field(a, e.source_actor, &Actor::country), tgt,
                    actor_field(a, e.target_actor, &Actor::name),
                    actor_field(a, e.target_actor, &Actor::country), e.cameo,
                    extract::Ontology::root(e.cameo), c ? c->name : std::string(),
                    c ? c->quad_class : 0, c ? c->goldstein : 0.0,
                    c ? c->plover_type : std::string(), c ? c->plover_mode : std::string(),
                    c ? c->plover_context : std::string(), e.negated, e.modality, place,
                    place_country, lat, lon, id);
        st.step();
      }
      touched.insert(event_id);
      std::vector<std::pair<Span, Span>> spans{{e.trigger, e.evidence}};
      for (const Span& m : e.other_mentions) spans.push_back({m, m});
      for (size_t k = 0; k < spans.size(); ++k) {
        buf_event_mentions.add(id, i, k, event_id, e.sentence, e.source_actor, e.target_actor,
                               spans[k].first.start, spans[k].first.end, spans[k].second.start,
                               spans[k].second.end, a.view(spans[k].first), a.view(spans[k].second),
                               a.source, edate, confidence(e), e.reported_by, e.pattern);
        ++stats.events;
      }
    }
    for (size_t i = 0; i < a.quotes.size(); ++i) {
      const Quote& q = a.quotes[i];
      buf_quotes.add(id, i, q.sentence, q.span.start, q.span.end, q.speaker_actor,
                     actor_field(a, q.speaker_actor, &Actor::code),
                     q.speaker_actor >= 0 ? actor_field(a, q.speaker_actor, &Actor::name)
                                          : std::string(a.view(q.speaker)),
                     q.speaker.start, q.speaker.end, q.cue.start, q.cue.end, q.cue_lemma, q.kind,
                     a.view(q.span));
      buf_fts.add("quote", id + ":" + std::to_string(i), a.view(q.span));
    }
    for (size_t i = 0; i < a.claims.size(); ++i) {
      const Claim& c = a.claims[i];
      buf_claims.add(id, i, c.sentence, c.source_actor,
                     actor_field(a, c.source_actor, &Actor::code),
                     actor_field(a, c.source_actor, &Actor::name), c.topic, c.topic_key, c.affirmed,
                     c.certainty, c.evidence.start, c.evidence.end, a.view(c.evidence), c.quote);
    }
    for (size_t i = 0; i < a.positions.size(); ++i) {
      const Position& p = a.positions[i];
      buf_positions.add(id, i, p.sentence, p.actor, actor_field(a, p.actor, &Actor::code),
                        actor_field(a, p.actor, &Actor::name), p.issue, p.issue_key, p.stance,
                        p.evidence.start, p.evidence.end, a.view(p.evidence));
    }
    for (size_t i = 0; i < a.divergences.size(); ++i) {
      const Divergence& d = a.divergences[i];
      Statement& st =
          b.query("INSERT INTO divergences (article_id, idx, topic, kind) VALUES (?, ?, ?, ?)");
      st.bind_all(id, i, d.topic, d.kind);
      st.step();
      for (size_t k = 0; k < d.sides.size(); ++k) {
        const DivergenceSide& side = d.sides[k];
        buf_divergence_sides.add(id, i, k, side.actor, actor_field(a, side.actor, &Actor::code),
                                 side.value, side.evidence.start, side.evidence.end,
                                 a.view(side.evidence));
      }
    }
  }
  buf_actor_mentions.flush();
  buf_actors.flush();
  buf_claims.flush();
  buf_divergence_sides.flush();
  buf_event_mentions.flush();
  buf_fts.flush();
  buf_positions.flush();
  buf_quotes.flush();
  // GDELT's counts: NumMentions every mention, NumSources distinct outlets, NumArticles
  // distinct documents.
  std::vector<std::string> ids(touched.begin(), touched.end());
  for (size_t start = 0; start < ids.size(); start += 200) {
    size_t n = std::min<size_t>(200, ids.size() - start);
    std::string in = "(";
    std::vector<Value> args;
    for (size_t k = 0; k < n; ++k) {
      in += k ? ", ?" : "?";
      args.push_back(Value::of(ids[start + k]));
    }
    auto st = b.prepare(
        "UPDATE events SET num_mentions = (SELECT count(*) FROM event_mentions m WHERE "
        "m.event_id = events.id), num_sources = (SELECT count(DISTINCT m.outlet) FROM "
        "event_mentions m WHERE m.event_id = events.id), num_articles = (SELECT count(DISTINCT "
        "m.article_id) FROM event_mentions m WHERE m.event_id = events.id) WHERE id IN " +
        in + ")");
    bind_values(*st, args);
    st->step();
  }
  tx.commit();
  return stats;
}

}  // namespace parley::store

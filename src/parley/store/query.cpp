// Queries over a store: filtered rows and the aggregates analysts ask for, one SQL text for
// both back ends. Filters become a WHERE clause with `?` parameters; nothing a user types is
// ever spliced into SQL.
#include <algorithm>
#include <map>
#include <set>

#include "parley/extract/attribution.hpp"
#include "parley/store/store_impl.hpp"

namespace parley::store {

namespace {

using nlohmann::json;

struct Where {
  std::vector<std::string> conds;
  std::vector<Value> args;
  std::string sql(const char* word = " WHERE ") const {
    if (conds.empty()) return "";
    std::string out = word;
    for (size_t i = 0; i < conds.size(); ++i) out += (i ? " AND " : "") + conds[i];
    return out;
  }
};

std::string placeholders(size_t n) {
  std::string out = "(";
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out + ")";
}

void add_in(Where& w, const std::vector<std::string>& cols,
            const std::vector<std::string>& values) {
  if (values.empty()) return;
  std::string cond = "(";
  for (size_t c = 0; c < cols.size(); ++c) {
    cond += (c ? " OR " : "") + cols[c] + " IN " + placeholders(values.size());
    for (const std::string& v : values) w.args.push_back(Value::of(v));
  }
  w.conds.push_back(cond + ")");
}

std::string like_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

void add_prefix(Where& w, const std::vector<std::string>& cols,
                const std::vector<std::string>& prefixes) {
  if (prefixes.empty()) return;
  std::string cond = "(";
  bool first = true;
  for (const std::string& col : cols)
    for (const std::string& p : prefixes) {
      cond += std::string(first ? "" : " OR ") + "lower(" + col + ") LIKE ? ESCAPE '\\'";
      w.args.push_back(Value::of(like_escape(p) + "%"));
      first = false;
    }
  w.conds.push_back(cond + ")");
}

void add_substring(Where& w, const std::vector<std::string>& cols, const std::string& needle) {
  if (needle.empty()) return;
  std::string cond = "(";
  for (size_t c = 0; c < cols.size(); ++c) {
    cond += std::string(c ? " OR " : "") + "lower(" + cols[c] + ") LIKE ? ESCAPE '\\'";
    w.args.push_back(Value::of("%" + like_escape(needle) + "%"));
  }
  w.conds.push_back(cond + ")");
}

int64_t parse_day(const std::string& date, const char* what) {
  int64_t d = 0;
  if (!day_number(date, d))
    throw StoreError(std::string("bad ") + what + " date '" + date + "' (want YYYY-MM-DD)");
  return d;
}

// Conditions on articles (alias a): outlet, text, article id, story; and the date when asked.
Where article_where(const Filter& f, const Backend& b, bool with_date) {
  Where w;
  add_in(w, {"a.source"}, f.outlets);
  if (!f.text.empty()) {
    w.conds.push_back("a.id IN (SELECT fts.ref FROM fts WHERE fts.kind = 'article' AND " +
                      b.fts_match() + ")");
    w.args.push_back(Value::of(b.fts_param(f.text)));
  }
  if (!f.article_id.empty()) {
    w.conds.push_back("a.id = ?");
    w.args.push_back(Value::of(f.article_id));
  }
  if (!f.story_id.empty()) {
    w.conds.push_back("a.story_id = ?");
    w.args.push_back(Value::of(f.story_id));
  }
  if (with_date && !f.date_from.empty()) {
    w.conds.push_back("a.day >= ?");
    w.args.push_back(Value::of(parse_day(f.date_from, "--from")));
  }
  if (with_date && !f.date_to.empty()) {
    w.conds.push_back("a.day <= ?");
    w.args.push_back(Value::of(parse_day(f.date_to, "--to")));
  }
  return w;
}

Where event_where(const Filter& f, const Backend& b) {
  Where w;
  add_in(w, {"e.source_code", "e.target_code"}, f.actor_codes);
  add_prefix(w, {"e.source_code", "e.target_code"}, f.actor_prefixes);
  add_substring(w, {"e.source_name", "e.target_name"}, f.actor_name);
  add_in(w, {"e.source_country", "e.target_country"}, f.countries);
  add_in(w, {"e.cameo"}, f.cameo_codes);
  add_in(w, {"e.root"}, f.cameo_roots);
  if (!f.quad_classes.empty()) {
    w.conds.push_back("e.quad_class IN " + placeholders(f.quad_classes.size()));
    for (int q : f.quad_classes) w.args.push_back(Value::of(static_cast<int64_t>(q)));
  }
  add_in(w, {"e.plover_type"}, f.plover_types);
  if (!f.date_from.empty()) {
    w.conds.push_back("e.day >= ?");
    w.args.push_back(Value::of(parse_day(f.date_from, "--from")));
  }
  if (!f.date_to.empty()) {
    w.conds.push_back("e.day <= ?");
    w.args.push_back(Value::of(parse_day(f.date_to, "--to")));
  }
  if (!f.place.empty()) {
    w.conds.push_back("(lower(e.place_name) = ? OR e.place_country = ?)");
    std::string lower = f.place;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    w.args.push_back(Value::of(lower));
    w.args.push_back(Value::of(f.place));
  }
  if (f.negated) w.conds.push_back(*f.negated ? "e.negated = 1" : "e.negated = 0");
  if (f.modal) w.conds.push_back(*f.modal ? "e.modality <> ''" : "e.modality = ''");
  Where aw = article_where(f, b, false);
  if (!aw.conds.empty()) {
    w.conds.push_back(
        "EXISTS (SELECT 1 FROM event_mentions m JOIN articles a ON a.id = m.article_id WHERE "
        "m.event_id = e.id AND " +
        aw.sql("") + ")");
    w.args.insert(w.args.end(), aw.args.begin(), aw.args.end());
  }
  return w;
}

// Records of one article (alias t): the actor filters on their own code and name columns, the
// rest through their article.
Where record_where(const Filter& f, const Backend& b, const std::vector<std::string>& code_cols,
                   const std::vector<std::string>& name_cols, bool text_on_article = true) {
  Where w;
  add_in(w, code_cols, f.actor_codes);
  add_prefix(w, code_cols, f.actor_prefixes);
  if (!name_cols.empty()) add_substring(w, name_cols, f.actor_name);
  if (!f.countries.empty()) {
    // A country matches codes that start with it (CAMEO codes lead with the ISO3 country).
    add_prefix(w, code_cols, f.countries);
  }
  Filter af = f;
  if (!text_on_article) af.text.clear();
  Where aw = article_where(af, b, true);
  if (!aw.conds.empty()) {
    w.conds.push_back("t.article_id IN (SELECT a.id FROM articles a" + aw.sql() + ")");
    w.args.insert(w.args.end(), aw.args.begin(), aw.args.end());
  }
  return w;
}

std::string limit_sql(const Filter& f, Where& w) {
  w.args.push_back(Value::of(f.limit > 0 ? f.limit : INT64_MAX));
  w.args.push_back(Value::of(std::max<int64_t>(f.offset, 0)));
  return " LIMIT ? OFFSET ?";
}

// Rows as JSON objects named by their columns; `types` has one letter per column: s text,
// i integer, d double, b boolean.
json rows(Backend& b, const std::string& sql, const std::vector<Value>& args,
          std::string_view types) {
  auto st = b.prepare(sql);
  bind_values(*st, args);
  json out = json::array();
  while (st->step()) {
    // One type letter per column: a query and its letters must be changed together.
    if (static_cast<int>(types.size()) != st->columns())
      throw StoreError("internal error: " + std::to_string(st->columns()) + " columns but " +
                       std::to_string(types.size()) + " types in: " + sql);
    json row = json::object();
    for (int c = 0; c < st->columns(); ++c) {
      char t = c < static_cast<int>(types.size()) ? types[c] : 's';
      std::string name = st->column_name(c);
      if (st->is_null(c))
        row[name] = nullptr;
      else if (t == 'i')
        row[name] = st->get_int(c);
      else if (t == 'd')
        row[name] = st->get_double(c);
      else if (t == 'b')
        row[name] = st->get_int(c) != 0;
      else
        row[name] = st->get_text(c);
    }
    out.push_back(std::move(row));
  }
  return out;
}

const char* kEventCols =
    "e.id, e.date, e.source_code, e.source_name, e.source_country, e.target_code, e.target_name, "
    "e.target_country, e.cameo, e.root, e.cameo_name, e.quad_class, e.goldstein, e.plover_type, "
    "e.plover_mode, e.plover_context, e.negated, e.modality, e.place_name, e.place_country, "
    "e.lat, e.lon, e.num_mentions, e.num_sources, e.num_articles, e.first_article";
const char* kEventTypes = "sssssssssssidsssbsssddiiis";

const char* kMentionCols =
    "m.event_id, m.article_id, m.idx AS event_index, m.mention, m.sentence, m.outlet, m.date, "
    "m.confidence, m.trigger_start, m.trigger_end, m.trigger_text, m.evidence_start, "
    "m.evidence_end, m.evidence_text, m.reported_by, m.pattern, a.url, a.title, a.date AS "
    "article_date";
const char* kMentionTypes = "ssiiissiiisiisissss";

// The events of a filter as disjoint parts whose rows add up to its answer. Actor codes on
// either side are one OR over two columns, which neither back end answers from one index:
// SQLite looks up every matching row in the table, PostgreSQL ORs two bitmaps and reads the
// heap. As two disjoint parts (the codes as source; as target but not as source), each is a
// range of one covering index (schema version 3). Without actor codes, one part.
std::vector<Where> either_side_parts(const Filter& f, const Backend& b,
                                     const std::vector<std::string>& extra) {
  Filter rest = f;
  rest.actor_codes.clear();
  Where common = event_where(rest, b);
  common.conds.insert(common.conds.end(), extra.begin(), extra.end());
  std::vector<Where> parts;
  auto with = [&](std::vector<std::string> conds) {
    Where w;
    for (std::string& c : conds) {
      w.conds.push_back(std::move(c));
      for (const std::string& code : f.actor_codes) w.args.push_back(Value::of(code));
    }
    w.conds.insert(w.conds.end(), common.conds.begin(), common.conds.end());
    w.args.insert(w.args.end(), common.args.begin(), common.args.end());
    parts.push_back(std::move(w));
  };
  const std::string codes = placeholders(f.actor_codes.size());
  if (f.actor_codes.empty()) {
    with({});
  } else {
    with({"e.source_code IN " + codes});
    with({"e.target_code IN " + codes, "e.source_code NOT IN " + codes});
  }
  return parts;
}

}  // namespace

json Store::events(const Filter& f) const {
  Backend& b = *impl_->db;
  Where w = event_where(f, b);
  std::string sql =
      std::string("SELECT ") + kEventCols + " FROM events e" + w.sql() + " ORDER BY e.date, e.id";
  sql += limit_sql(f, w);
  json out = rows(b, sql, w.args, kEventTypes);
  // Their mentions, a chunk of events at a time.
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < out.size(); ++i) {
    index[out[i]["id"].get<std::string>()] = i;
    out[i]["mentions"] = json::array();
  }
  std::vector<std::string> ids;
  for (const auto& [id, i] : index) ids.push_back(id);
  for (size_t start = 0; start < ids.size(); start += 500) {
    size_t n = std::min<size_t>(500, ids.size() - start);
    std::vector<Value> args;
    for (size_t k = 0; k < n; ++k) args.push_back(Value::of(ids[start + k]));
    json ms = rows(b,
                   std::string("SELECT ") + kMentionCols +
                       " FROM event_mentions m JOIN articles a ON a.id = m.article_id WHERE "
                       "m.event_id IN " +
                       placeholders(n) + " ORDER BY m.event_id, m.article_id, m.idx, m.mention",
                   args, kMentionTypes);
    for (json& m : ms) {
      size_t i = index[m["event_id"].get<std::string>()];
      m.erase("event_id");
      out[i]["mentions"].push_back(std::move(m));
    }
  }
  return out;
}

json Store::mentions(const Filter& f) const {
  Backend& b = *impl_->db;
  Where w = event_where(f, b);
  std::string sql = std::string("SELECT ") + kMentionCols +
                    " FROM events e JOIN event_mentions m ON m.event_id = e.id JOIN articles a "
                    "ON a.id = m.article_id" +
                    w.sql() + " ORDER BY e.date, e.id, m.article_id, m.idx, m.mention";
  sql += limit_sql(f, w);
  return rows(b, sql, w.args, kMentionTypes);
}

json Store::actors(const Filter& f) const {
  Backend& b = *impl_->db;
  Where w = record_where(f, b, {"t.code"}, {"t.name"});
  std::string sql =
      "SELECT t.code, t.name, t.country, t.sector, t.type, count(*) AS articles FROM actors t" +
      w.sql() +
      " GROUP BY t.code, t.name, t.country, t.sector, t.type ORDER BY count(*) DESC, t.code, "
      "t.name";
  sql += limit_sql(f, w);
  return rows(b, sql, w.args, "sssssi");
}

json Store::quotes(const Filter& f) const {
  Backend& b = *impl_->db;
  Where w = record_where(f, b, {"t.speaker_code"}, {"t.speaker_name"}, false);
  if (!f.text.empty()) {
    // Text search on quotes means the quote's own words.
    w.conds.push_back(
        "t.article_id || ':' || t.idx IN (SELECT fts.ref FROM fts WHERE fts.kind = "
        "'quote' AND " +
        b.fts_match() + ")");
    w.args.push_back(Value::of(b.fts_param(f.text)));
  }
  std::string sql =
      "SELECT t.article_id, t.idx, t.sentence, t.start_byte, t.end_byte, t.speaker_code, "
      "t.speaker_name, t.speaker_start, t.speaker_end, t.cue_start, t.cue_end, t.cue_lemma, "
      "t.kind, t.text FROM quotes t" +
      w.sql() + " ORDER BY t.article_id, t.idx";
  sql += limit_sql(f, w);
  return rows(b, sql, w.args, "siiiissiiiisss");
}

json Store::claims(const Filter& f) const {
  Backend& b = *impl_->db;
  Where w = record_where(f, b, {"t.source_code"}, {"t.source_name"});
  std::string sql =
      "SELECT t.article_id, t.idx, t.sentence, t.source_code, t.source_name, t.topic, "
      "t.topic_key, t.affirmed, t.certainty, t.evidence_start, t.evidence_end, t.evidence_text, "
      "t.quote FROM claims t" +
      w.sql() + " ORDER BY t.article_id, t.idx";
  sql += limit_sql(f, w);
  return rows(b, sql, w.args, "siissssbsiisi");
}

json Store::positions(const Filter& f) const {
  Backend& b = *impl_->db;
  Where w = record_where(f, b, {"t.actor_code"}, {"t.actor_name"});
  std::string sql =
      "SELECT t.article_id, t.idx, t.sentence, t.actor_code, t.actor_name, t.issue, "
      "t.issue_key, t.stance, t.evidence_start, t.evidence_end, t.evidence_text FROM positions "
      "t" +
      w.sql() + " ORDER BY t.article_id, t.idx";
  sql += limit_sql(f, w);
  return rows(b, sql, w.args, "siisssssiis");
}

json Store::divergences(const Filter& f) const {
  Backend& b = *impl_->db;
  Where w = record_where(f, b, {}, {});
  std::string sql = "SELECT t.article_id, t.idx, t.topic, t.kind FROM divergences t" + w.sql() +
                    " ORDER BY t.article_id, t.idx";
  sql += limit_sql(f, w);
  json out = rows(b, sql, w.args, "siss");
  for (json& d : out) {
    d["sides"] =
        rows(b,
             "SELECT actor_code, value, evidence_start, evidence_end, evidence_text FROM "
             "divergence_sides WHERE article_id = ? AND divergence = ? ORDER BY idx",
             {Value::of(d["article_id"].get<std::string>()), Value::of(d["idx"].get<int64_t>())},
             "ssiis");
  }
  return out;
}

json Store::articles(const Filter& f) const {
  Backend& b = *impl_->db;
  Where w = article_where(f, b, true);
  if (!f.actor_codes.empty() || !f.actor_prefixes.empty() || !f.actor_name.empty()) {
    Filter af;
    af.actor_codes = f.actor_codes;
    af.actor_prefixes = f.actor_prefixes;
    af.actor_name = f.actor_name;
    Where aw = record_where(af, b, {"t.code"}, {"t.name"});
    w.conds.push_back("a.id IN (SELECT t.article_id FROM actors t" + aw.sql() + ")");
    w.args.insert(w.args.end(), aw.args.begin(), aw.args.end());
  }
  std::string sql =
      "SELECT a.id, a.title, a.date, a.source, a.url, a.path, a.bytes, a.story_id, a.run_id FROM "
      "articles a" +
      w.sql() + " ORDER BY a.date, a.id";
  sql += limit_sql(f, w);
  return rows(b, sql, w.args, "ssssssisi");
}

std::optional<json> Store::article(const std::string& id) const {
  Backend& b = *impl_->db;
  std::vector<Value> arg{Value::of(id)};
  json a = rows(b,
                "SELECT id, title, date, source, url, path, bytes, story_id, run_id, text FROM "
                "articles WHERE id = ?",
                arg, "ssssssisis");
  if (a.empty()) return std::nullopt;
  json out = a[0];
  out["actors"] = rows(b,
                       "SELECT idx, name, code, country, sector, type, presumed FROM actors WHERE "
                       "article_id = ? ORDER BY idx",
                       arg, "isssssb");
  json ms;
  if (impl_->version >= 5) {
    // Packed on the article's row in mention order (schema version 5): the same objects the
    // version-4 table gave.
    ms = json::array();
    std::string packed;
    auto st = b.prepare("SELECT mentions FROM articles WHERE id = ?");
    bind_values(*st, arg);
    if (st->step()) packed = st->get_text(0);
    for (const json& m : unpack_mentions(packed))
      ms.push_back({{"actor_idx", m[0].get<int64_t>()},
                    {"sentence", m[1].get<int64_t>()},
                    {"kind", m[2].get<std::string>()},
                    {"start_byte", m[3].get<int64_t>()},
                    {"end_byte", m[4].get<int64_t>()}});
  } else {
    ms = rows(b,
              "SELECT actor_idx, sentence, kind, start_byte, end_byte FROM actor_mentions "
              "WHERE article_id = ? ORDER BY idx",
              arg, "iisii");
  }
  for (json& x : out["actors"]) x["mentions"] = json::array();
  for (json& m : ms) {
    auto k = m["actor_idx"].get<size_t>();
    if (k < out["actors"].size()) out["actors"][k]["mentions"].push_back(m);
  }
  out["events"] = rows(b,
                       "SELECT m.idx AS event_index, m.mention, m.event_id, m.sentence, "
                       "m.source_actor, m.target_actor, m.trigger_start, m.trigger_end, "
                       "m.evidence_start, m.evidence_end, m.confidence, m.pattern, e.cameo, "
                       "e.cameo_name, e.source_code, e.target_code, e.quad_class, e.goldstein, "
                       "e.negated, e.modality, e.num_articles FROM event_mentions m JOIN events e "
                       "ON e.id = m.event_id WHERE m.article_id = ? ORDER BY m.idx, m.mention",
                       arg, "iisiiiiiiiisssssidbsi");
  out["quotes"] = rows(b,
                       "SELECT idx, sentence, start_byte, end_byte, speaker_actor, speaker_code, "
                       "speaker_name, speaker_start, speaker_end, cue_start, cue_end, kind FROM "
                       "quotes WHERE article_id = ? ORDER BY idx",
                       arg, "iiiiissiiiis");
  out["claims"] = rows(b,
                       "SELECT idx, source_actor, source_code, topic, topic_key, affirmed, "
                       "certainty, evidence_start, evidence_end FROM claims WHERE article_id = ? "
                       "ORDER BY idx",
                       arg, "iisssbsii");
  out["positions"] = rows(b,
                          "SELECT idx, actor, actor_code, issue, issue_key, stance, "
                          "evidence_start, evidence_end FROM positions WHERE article_id = ? "
                          "ORDER BY idx",
                          arg, "iissssii");
  Filter df;
  df.article_id = id;
  df.limit = 0;
  out["divergences"] = divergences(df);
  return out;
}

json Store::runs() const {
  return rows(*impl_->db,
              "SELECT id, started, parley_version, models, lexicon, options FROM runs ORDER BY id",
              {}, "isssss");
}

json Store::stats() const {
  Backend& b = *impl_->db;
  json out = json::object();
  out["backend"] = b.name();
  out["schema_version"] = impl_->version;
  for (const char* t : {"articles", "actors", "actor_mentions", "events", "event_mentions",
                        "quotes", "claims", "positions", "divergences", "runs"}) {
    // Version 5 keeps the actor mentions' count on the article rows.
    const bool packed = impl_->version >= 5 && std::string_view(t) == "actor_mentions";
    auto st = b.prepare(packed ? std::string("SELECT coalesce(sum(mention_count), 0) FROM articles")
                               : std::string("SELECT count(*) FROM ") + t);
    st->step();
    out[t] = st->get_int(0);
  }
  auto st = b.prepare("SELECT count(DISTINCT story_id) FROM articles");
  st->step();
  out["stories"] = st->get_int(0);
  return out;
}

json Store::timeline(const Filter& f, Bucket bucket, GroupBy group) const {
  Backend& b = *impl_->db;
  // Weeks start on Monday: day 0 (1970-01-01) was a Thursday, so (day + 3) % 7 is the number
  // of days since the last Monday. Integer arithmetic reads the same on both back ends. Months
  // are summed here from days, so the query reads only columns the event indexes carry (schema
  // version 3) and never the table.
  std::string bexpr = bucket == Bucket::Week ? "e.day - ((e.day + 3) % 7)" : "e.day";
  std::string gexpr = group == GroupBy::QuadClass ? "e.quad_class"
                      : group == GroupBy::Root    ? "e.root"
                      : group == GroupBy::Dyad    ? "e.source_code || '>' || e.target_code"
                                                  : "''";
  std::vector<Where> parts = either_side_parts(f, b, {"e.day IS NOT NULL"});
  // SQLite groups by sorting every row in a temporary B-tree (about 1 us a row, four times the
  // cost of reading it from the index), so there the rows are summed here; PostgreSQL hashes
  // them on the server, cheaper than sending them.
  const bool sum_here = b.name() == "sqlite";
  std::string sql;
  std::vector<Value> args;
  for (const Where& w : parts) {
    sql += (sql.empty() ? "SELECT " : " UNION ALL SELECT ") + bexpr + ", " + gexpr +
           (sum_here ? ", 1, e.goldstein, e.num_mentions FROM events e" + w.sql()
                     : ", count(*), sum(e.goldstein), sum(e.num_mentions) FROM events e" + w.sql() +
                           " GROUP BY 1, 2");
    args.insert(args.end(), w.args.begin(), w.args.end());
  }
  auto st = b.prepare(sql);
  bind_values(*st, args);
  struct Sum {
    int64_t count = 0, mentions = 0;
    double goldstein = 0;
  };
  std::map<std::pair<int64_t, std::string>, Sum> sums;  // (first day of the bucket, group)
  while (st->step()) {
    int64_t day = st->get_int(0);
    if (bucket == Bucket::Month) day_number(day_string(day).substr(0, 8) + "01", day);
    Sum& s = sums[{day, st->get_text(1)}];
    s.count += st->get_int(2);
    s.goldstein += st->get_double(3);
    s.mentions += st->get_int(4);
  }
  json out = json::array();
  for (const auto& [key, s] : sums) {
    json row;
    row["bucket"] = day_string(key.first);
    row["group"] = key.second;
    row["count"] = s.count;
    row["goldstein"] = s.count ? s.goldstein / static_cast<double>(s.count) : 0.0;
    row["mentions"] = s.mentions;
    out.push_back(std::move(row));
  }
  return out;
}

json Store::network(const Filter& f) const {
  Backend& b = *impl_->db;
  // A dyad's events all fall in one part (its source code decides which), so the parts' groups
  // are disjoint and one ORDER BY over their union ranks them.
  std::string sql;
  Where all;
  for (const Where& w : either_side_parts(f, b, {"e.source_code <> ''", "e.target_code <> ''"})) {
    sql += std::string(sql.empty() ? "" : " UNION ALL ") +
           "SELECT e.source_code AS source, e.target_code AS target, count(*) AS count, "
           "avg(e.goldstein) AS goldstein, sum(e.num_mentions) AS mentions FROM events e" +
           w.sql() + " GROUP BY e.source_code, e.target_code";
    all.args.insert(all.args.end(), w.args.begin(), w.args.end());
  }
  sql += " ORDER BY 3 DESC, 1, 2" + limit_sql(f, all);
  return rows(b, sql, all.args, "ssidi");
}

json Store::positions_matrix(const Filter& f) const {
  Filter all = f;
  all.limit = 0;
  all.offset = 0;
  json recs = positions(all);
  struct Cell {
    int64_t count = 0;
    json evidence = json::array();
  };
  std::map<std::string, std::map<std::pair<std::string, std::string>, Cell>> matrix;
  std::map<std::string, std::map<std::string, int>> wording;
  std::map<std::string, int64_t> total;
  for (const json& r : recs) {
    std::string key = r["issue_key"];
    Cell& c = matrix[key][{r["actor_code"].get<std::string>(), r["stance"].get<std::string>()}];
    if (++c.count <= 3)
      c.evidence.push_back({{"article_id", r["article_id"]},
                            {"start", r["evidence_start"]},
                            {"end", r["evidence_end"]},
                            {"text", r["evidence_text"]}});
    wording[key][r["issue"].get<std::string>()]++;
    total[key]++;
  }
  std::vector<std::string> keys;
  for (const auto& [k, n] : total) keys.push_back(k);
  std::stable_sort(keys.begin(), keys.end(),
                   [&](const auto& a, const auto& b2) { return total[a] > total[b2]; });
  json out = json::array();
  size_t first = static_cast<size_t>(std::max<int64_t>(f.offset, 0));
  for (size_t i = first;
       i < keys.size() && (f.limit <= 0 || out.size() < static_cast<size_t>(f.limit)); ++i) {
    const std::string& k = keys[i];
    std::string label;
    int best = -1;
    for (const auto& [wd, n] : wording[k])
      if (n > best) label = wd, best = n;
    json parties = json::array();
    for (auto& [who, cell] : matrix[k])
      parties.push_back({{"actor_code", who.first},
                         {"stance", who.second},
                         {"count", cell.count},
                         {"evidence", cell.evidence}});
    out.push_back(
        {{"issue_key", k}, {"issue", label}, {"records", total[k]}, {"parties", parties}});
  }
  return out;
}

json Store::corpus_divergences(const Filter& f) const {
  Filter all = f;
  all.limit = 0;
  all.offset = 0;
  std::vector<extract::PositionRecord> ps;
  std::vector<extract::ClaimRecord> cs;
  for (const json& r : positions(all))
    ps.push_back({r["article_id"], r["actor_code"], r["actor_name"], r["issue"], r["issue_key"],
                  r["stance"], r["evidence_text"]});
  for (const json& r : claims(all))
    cs.push_back({r["article_id"], r["source_code"], r["source_name"], r["topic"], r["topic_key"],
                  r["affirmed"].get<bool>() ? "affirmed" : "negated", r["certainty"],
                  r["evidence_text"]});
  json out = json::array();
  for (const auto& d : extract::corpus_divergences(ps, cs)) {
    json sides = json::array();
    for (size_t i = 0; i < d.sides.size(); ++i)
      sides.push_back({{"actor_code", d.sides[i].first},
                       {"value", d.sides[i].second},
                       {"evidence", i < d.evidence.size() ? d.evidence[i] : ""}});
    out.push_back({{"topic", d.topic}, {"kind", d.kind}, {"sides", sides}});
  }
  return out;
}

}  // namespace parley::store

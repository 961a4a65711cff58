#include "parley/export/coded.hpp"

#include <fmt/core.h>

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace parley::exporter {

namespace {

std::string actor_name(const Article& a, int32_t actor) {
  return actor >= 0 && static_cast<size_t>(actor) < a.actors.size() ? a.actors[actor].name
                                                                    : std::string();
}
std::string actor_code(const Article& a, int32_t actor) {
  return actor >= 0 && static_cast<size_t>(actor) < a.actors.size() ? a.actors[actor].code
                                                                    : std::string();
}

std::string one_line(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  return out;
}

std::string fmt_score(double x) {
  return fmt::format("{:.1f}", x);
}

std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

// CSV field quoting per RFC 4180.
std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

}  // namespace

Format parse_format(const std::string& name) {
  if (name == "jsonl" || name == "json") return Format::Jsonl;
  if (name == "csv") return Format::Csv;
  if (name == "gdelt") return Format::Gdelt;
  if (name == "plover") return Format::Plover;
  if (name == "table") return Format::Table;
  throw std::invalid_argument("unknown format '" + name + "' (jsonl, csv, gdelt, plover, table)");
}

std::string event_id(const Article& article, size_t event) {
  return fmt::format("{}-e{}", article.id, event + 1);
}

namespace {

using Json = nlohmann::ordered_json;  // keys in the documented order

// JSON null for "none" (-1), the index otherwise.
Json index_or_null(int32_t i) {
  return i >= 0 ? Json(i) : Json(nullptr);
}

// Coordinates to four decimals (about 10 m), as the CSV and GDELT rows give them.
double coordinate(double x) {
  return std::round(x * 1e4) / 1e4;
}

// Goldstein scores have one decimal in the codebook; keep exactly that.
double score(double x) {
  return std::round(x * 10) / 10;
}

Json span_json(const Article& a, Span s, bool with_text = true) {
  Json j = {{"start", s.start}, {"end", s.end}};
  if (with_text) j["text"] = a.view(s);
  return j;
}

Json place_json(const Place& p, bool null_coordinates) {
  if (p.name.empty()) return nullptr;
  Json j = {{"name", p.name}, {"country", p.country}};
  if (p.has_coordinates) {
    j["lat"] = coordinate(p.lat);
    j["lon"] = coordinate(p.lon);
  } else if (null_coordinates) {
    j["lat"] = nullptr;
    j["lon"] = nullptr;
  }
  return j;
}

// Article text is valid UTF-8 after ingest; should a byte slip through, it becomes U+FFFD
// rather than an exception halfway through a record.
std::string dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json actors_json(const Article& a) {
  Json out = Json::array();
  for (size_t i = 0; i < a.actors.size(); ++i) {
    const Actor& x = a.actors[i];
    Json actor = {{"id", i},
                  {"name", x.name},
                  {"code", x.code},
                  {"country", x.country},
                  {"sector", x.sector},
                  {"type", x.type}};
    if (x.presumed) actor["presumed"] = true;
    Json mentions = Json::array();
    for (uint32_t m : x.mentions) {
      const Mention& mention = a.mentions[m];
      mentions.push_back({{"start", mention.span.start},
                          {"end", mention.span.end},
                          {"sentence", mention.sentence},
                          {"kind", mention.kind},
                          {"text", a.view(mention.span)}});
    }
    actor["mentions"] = std::move(mentions);
    out.push_back(std::move(actor));
  }
  return out;
}

Json events_json(const Article& a, const extract::Ontology& ontology) {
  Json out = Json::array();
  for (size_t i = 0; i < a.events.size(); ++i) {
    const Event& e = a.events[i];
    const extract::CameoCode* c = ontology.find(e.cameo);
    Json ev = {{"id", event_id(a, i)},
               {"sentence", e.sentence},
               {"source_actor", index_or_null(e.source_actor)},
               {"target_actor", index_or_null(e.target_actor)},
               {"source_code", e.source_code},
               {"target_code", e.target_code},
               {"source_name", actor_name(a, e.source_actor)},
               {"target_name", actor_name(a, e.target_actor)}};
    if (e.unresolved_source || e.unresolved_target) {
      Json unresolved = Json::array();
      if (e.unresolved_source) unresolved.push_back("source");
      if (e.unresolved_target) unresolved.push_back("target");
      ev["unresolved"] = std::move(unresolved);
    }
    if (e.target_inferred) ev["target_inferred"] = true;
    ev["cameo"] = e.cameo;
    ev["root"] = extract::Ontology::root(e.cameo);
    ev["cameo_name"] = c ? c->name : std::string();
    ev["goldstein"] = c ? Json(score(c->goldstein)) : Json(nullptr);
    ev["quad_class"] = c ? Json(c->quad_class) : Json(nullptr);
    ev["plover"] = {{"type", c ? c->plover_type : std::string()},
                    {"mode", c ? c->plover_mode : std::string()},
                    {"context", c ? c->plover_context : std::string()}};
    ev["negated"] = e.negated;
    ev["modality"] = e.modality;
    ev["reported_by"] = index_or_null(e.reported_by);
    ev["location"] = place_json(e.location, true);
    ev["date"] = e.date;
    ev["trigger"] = span_json(a, e.trigger);
    ev["evidence"] = span_json(a, e.evidence);
    Json mentions = Json::array({span_json(a, e.trigger, false)});
    for (const Span& s : e.other_mentions) mentions.push_back(span_json(a, s, false));
    ev["mentions"] = std::move(mentions);
    ev["pattern"] = e.pattern;
    out.push_back(std::move(ev));
  }
  return out;
}

Json quotes_json(const Article& a) {
  Json out = Json::array();
  for (const Quote& q : a.quotes)
    out.push_back({{"sentence", q.sentence},
                   {"start", q.span.start},
                   {"end", q.span.end},
                   {"text", a.view(q.span)},
                   {"speaker_actor", index_or_null(q.speaker_actor)},
                   // An unresolved speaker is named as the text names it (as the store does).
                   {"speaker_name", q.speaker_actor >= 0 ? actor_name(a, q.speaker_actor)
                                                         : std::string(a.view(q.speaker))},
                   {"speaker_code", actor_code(a, q.speaker_actor)},
                   {"speaker_mention", q.speaker.size() ? span_json(a, q.speaker) : Json(nullptr)},
                   {"cue", q.cue_lemma},
                   {"cue_span", q.cue.size() ? span_json(a, q.cue, false) : Json(nullptr)},
                   {"kind", q.kind}});
  return out;
}

Json claims_json(const Article& a) {
  Json out = Json::array();
  for (const Claim& c : a.claims)
    out.push_back({{"sentence", c.sentence},
                   {"source_actor", index_or_null(c.source_actor)},
                   {"source_name", actor_name(a, c.source_actor)},
                   {"source_code", actor_code(a, c.source_actor)},
                   {"topic", c.topic},
                   {"topic_key", c.topic_key},
                   {"polarity", c.affirmed ? "affirmed" : "negated"},
                   {"certainty", c.certainty},
                   {"quote", index_or_null(c.quote)},
                   {"evidence", span_json(a, c.evidence)}});
  return out;
}

Json positions_json(const Article& a) {
  Json out = Json::array();
  for (const Position& p : a.positions)
    out.push_back({{"sentence", p.sentence},
                   {"actor", index_or_null(p.actor)},
                   {"actor_name", actor_name(a, p.actor)},
                   {"actor_code", actor_code(a, p.actor)},
                   {"issue", p.issue},
                   {"issue_key", p.issue_key},
                   {"stance", p.stance},
                   {"evidence", span_json(a, p.evidence)}});
  return out;
}

Json divergences_json(const Article& a) {
  Json out = Json::array();
  for (const Divergence& d : a.divergences) {
    Json sides = Json::array();
    for (const DivergenceSide& s : d.sides)
      sides.push_back({{"actor", index_or_null(s.actor)},
                       {"actor_name", actor_name(a, s.actor)},
                       {"actor_code", actor_code(a, s.actor)},
                       {"value", s.value},
                       {"evidence", span_json(a, s.evidence)}});
    out.push_back({{"topic", d.topic}, {"kind", d.kind}, {"sides", std::move(sides)}});
  }
  return out;
}

}  // namespace

std::string coded_json(const Article& a, const extract::Ontology& ontology) {
  Json record = {{"doc_id", a.id},     {"title", a.title}, {"date", a.date},
                 {"source", a.source}, {"url", a.url},     {"path", a.origin.path}};
  record["actors"] = actors_json(a);
  record["events"] = events_json(a, ontology);
  record["quotes"] = quotes_json(a);
  record["claims"] = claims_json(a);
  record["positions"] = positions_json(a);
  record["divergences"] = divergences_json(a);
  return dump(record);
}

std::string csv_header() {
  return "event_id,doc_id,date,source_code,source_name,target_code,target_name,cameo,root,"
         "goldstein,quad_class,"
         "plover_type,plover_mode,negated,modality,reported_by,location,country,lat,lon,trigger,"
         "trigger_start,"
         "trigger_end,evidence_start,evidence_end,source,url\n";
}

std::string csv_rows(const Article& a, const extract::Ontology& ontology) {
  std::string out;
  for (size_t i = 0; i < a.events.size(); ++i) {
    const Event& e = a.events[i];
    const extract::CameoCode* c = ontology.find(e.cameo);
    std::vector<std::string> f = {
        event_id(a, i),
        a.id,
        e.date,
        e.source_code,
        actor_name(a, e.source_actor),
        e.target_code,
        actor_name(a, e.target_actor),
        e.cameo,
        extract::Ontology::root(e.cameo),
        c ? fmt_score(c->goldstein) : "",
        c ? std::to_string(c->quad_class) : "",
        c ? c->plover_type : "",
        c ? c->plover_mode : "",
        e.negated ? "true" : "false",
        e.modality,
        actor_code(a, e.reported_by),
        e.location.name,
        e.location.country,
        e.location.has_coordinates ? fmt::format("{:.4f}", e.location.lat) : "",
        e.location.has_coordinates ? fmt::format("{:.4f}", e.location.lon) : "",
        one_line(a.view(e.trigger)),
        std::to_string(e.trigger.start),
        std::to_string(e.trigger.end),
        std::to_string(e.evidence.start),
        std::to_string(e.evidence.end),
        a.source,
        a.url.empty() ? a.origin.path : a.url,
    };
    for (size_t k = 0; k < f.size(); ++k) {
      if (k) out += ',';
      out += csv_field(f[k]);
    }
    out += '\n';
  }
  return out;
}

std::string gdelt_rows(const Article& a, const extract::Ontology& ontology) {
  // GDELT 2.0 event export: 61 tab-separated columns. Parley fills ids, dates, actors, the
  // event codes and scores, mention counts and the action location; tone, religion/ethnic
  // codes and FIPS geo codes stay empty (Parley's countries are ISO 3166 alpha-3).
  std::string out;
  uint64_t base = std::stoull(a.id.substr(0, 10), nullptr, 16) % 1000000000ULL;
  for (size_t i = 0; i < a.events.size(); ++i) {
    const Event& e = a.events[i];
    if (e.negated || !e.modality.empty()) continue;  // GDELT rows are events that happened
    const extract::CameoCode* c = ontology.find(e.cameo);
    std::string day, month, year, fraction;
    if (e.date.size() >= 10) {
      day = e.date.substr(0, 4) + e.date.substr(5, 2) + e.date.substr(8, 2);
      month = day.substr(0, 6);
      year = day.substr(0, 4);
      int m = std::stoi(e.date.substr(5, 2)), d = std::stoi(e.date.substr(8, 2));
      fraction = fmt::format("{:.4f}", std::stoi(year) + ((m - 1) * 30 + d) / 365.0);
    }
    std::vector<std::string> f;
    f.push_back(std::to_string(base * 1000 + i + 1));
    f.push_back(day);
    f.push_back(month);
    f.push_back(year);
    f.push_back(fraction);
    for (int32_t actor : {e.source_actor, e.target_actor}) {
      const Actor* x = actor >= 0 ? &a.actors[actor] : nullptr;
      f.push_back(x ? x->code : "");
      f.push_back(x ? upper(x->name) : "");
      f.push_back(x ? x->country : "");
      f.push_back(x && (x->type == "IGO" || x->type == "NGO" || x->type == "GRP") &&
                          x->country.empty()
                      ? x->code
                      : "");
      f.push_back("");  // ethnic
      f.push_back("");  // religion 1
      f.push_back("");  // religion 2
      f.push_back(x ? x->sector : "");
      f.push_back("");
      f.push_back("");
    }
    f.push_back(
        "1");  // IsRootEvent: every event Parley codes comes from a main clause or its frame
    f.push_back(e.cameo);
    f.push_back(e.cameo.substr(0, 3));
    f.push_back(extract::Ontology::root(e.cameo));
    f.push_back(c ? std::to_string(c->quad_class) : "");
    f.push_back(c ? fmt_score(c->goldstein) : "");
    f.push_back(std::to_string(1 + e.other_mentions.size()));  // NumMentions
    f.push_back("1");                                          // NumSources
    f.push_back("1");                                          // NumArticles
    f.push_back("");                                           // AvgTone
    for (int geo = 0; geo < 3; ++geo) {
      bool action = geo == 2 && !e.location.name.empty();
      const Place& p = e.location;
      f.push_back(action ? (p.has_coordinates && p.name != p.country ? "4" : "1") : "");
      f.push_back(action ? p.name : "");
      f.push_back("");  // FIPS country code
      f.push_back("");
      f.push_back("");
      f.push_back(action && p.has_coordinates ? fmt::format("{:.4f}", p.lat) : "");
      f.push_back(action && p.has_coordinates ? fmt::format("{:.4f}", p.lon) : "");
      f.push_back("");
    }
    f.push_back(day.empty() ? "" : day + "000000");
    f.push_back(a.url.empty() ? a.origin.path : a.url);
    for (size_t k = 0; k < f.size(); ++k) {
      if (k) out += '\t';
      out += one_line(f[k]);
    }
    out += '\n';
  }
  return out;
}

std::string plover_rows(const Article& a, const extract::Ontology& ontology) {
  std::string out;
  auto actor = [&](int32_t index) -> Json {
    if (index < 0) return nullptr;
    const Actor& x = a.actors[index];
    return {{"code", x.country}, {"sector", x.sector}, {"actor_code", x.code}, {"name", x.name}};
  };
  for (size_t i = 0; i < a.events.size(); ++i) {
    const Event& e = a.events[i];
    const extract::CameoCode* c = ontology.find(e.cameo);
    if (!c || c->plover_type.empty()) continue;
    Json row = {{"id", event_id(a, i)},
                {"date", e.date},
                {"source", actor(e.source_actor)},
                {"recipient", actor(e.target_actor)},
                {"event", c->plover_type},
                {"mode", c->plover_mode},
                {"context", c->plover_context},
                {"quad_code", c->quad_class},
                {"event_loc", place_json(e.location, false)},
                {"negated", e.negated},
                {"modality", e.modality},
                {"cameo", e.cameo},
                {"event_text", a.view(e.evidence)},
                {"citation",
                 {{"doc_id", a.id},
                  {"title", a.title},
                  {"source", a.source},
                  {"url", a.url.empty() ? a.origin.path : a.url},
                  {"start", e.evidence.start},
                  {"end", e.evidence.end}}},
                {"coder", "parley"}};
    out += dump(row);
    out += '\n';
  }
  return out;
}

std::string table(const Article& a, const extract::Ontology& ontology) {
  std::string out = fmt::format("# {}  {}\n", a.id, a.title.empty() ? a.origin.path : a.title);
  out += fmt::format("{:<5} {:<9} {:<9} {:<5} {:<44} {:<14} {:<10} {}\n", "event", "source",
                     "target", "cameo", "what", "flags", "where", "trigger");
  for (size_t i = 0; i < a.events.size(); ++i) {
    const Event& e = a.events[i];
    const extract::CameoCode* c = ontology.find(e.cameo);
    std::string flags;
    if (e.negated) flags += "negated ";
    if (!e.modality.empty()) flags += e.modality + " ";
    if (e.reported_by >= 0) flags += "said:" + actor_code(a, e.reported_by);
    std::string what = c ? fmt::format("{} ({:+.1f})", c->name, c->goldstein) : "";
    if (what.size() > 44) what = what.substr(0, 41) + "...";
    out += fmt::format("{:<5} {:<9} {:<9} {:<5} {:<44} {:<14} {:<10} \"{}\" {}-{}\n", i + 1,
                       e.source_code.empty() ? "-" : e.source_code,
                       e.target_code.empty() ? "-" : e.target_code, e.cameo, what,
                       flags.empty() ? "-" : flags, e.location.name.empty() ? "-" : e.location.name,
                       one_line(a.view(e.trigger)), e.trigger.start, e.trigger.end);
  }
  if (!a.quotes.empty()) out += "quotes\n";
  for (const Quote& q : a.quotes) {
    std::string text = one_line(a.view(q.span));
    if (text.size() > 90) text = text.substr(0, 87) + "...";
    out +=
        fmt::format("  {:<8} {:<9} {:<22} {} \"{}\"\n", q.kind,
                    actor_code(a, q.speaker_actor).empty() ? "?" : actor_code(a, q.speaker_actor),
                    actor_name(a, q.speaker_actor).substr(0, 22), q.cue_lemma, text);
  }
  if (!a.positions.empty()) out += "positions\n";
  for (const Position& p : a.positions)
    out += fmt::format("  {:<9} {:<8} {}\n", actor_code(a, p.actor), p.stance, p.issue);
  if (!a.divergences.empty()) out += "divergences\n";
  for (const Divergence& d : a.divergences) {
    out += fmt::format("  {} ({}):", d.topic, d.kind);
    for (const DivergenceSide& s : d.sides)
      out += fmt::format(" {}={}", actor_code(a, s.actor), s.value);
    out += '\n';
  }
  return out + '\n';
}

namespace {

// The five formats behind one interface: the CLI, the Analyzer and the server pick one by name.
class JsonlExporter : public Exporter {
 public:
  explicit JsonlExporter(const extract::Ontology& o) : ontology_(o) {}
  std::string article(const Article& a) const override { return coded_json(a, ontology_) + '\n'; }

 private:
  const extract::Ontology& ontology_;
};

// Row formats: one function of (article, ontology) each, and a header line for the CSV.
class RowExporter : public Exporter {
 public:
  using Rows = std::string (*)(const Article&, const extract::Ontology&);
  RowExporter(const extract::Ontology& o, Rows rows, std::string header = {})
      : ontology_(o), rows_(rows), header_(std::move(header)) {}
  std::string header() const override { return header_; }
  std::string article(const Article& a) const override { return rows_(a, ontology_); }

 private:
  const extract::Ontology& ontology_;
  Rows rows_;
  std::string header_;
};

}  // namespace

std::unique_ptr<Exporter> make_exporter(Format format, const extract::Ontology& ontology) {
  switch (format) {
    case Format::Jsonl:
      return std::make_unique<JsonlExporter>(ontology);
    case Format::Csv:
      return std::make_unique<RowExporter>(ontology, csv_rows, csv_header());
    case Format::Gdelt:
      return std::make_unique<RowExporter>(ontology, gdelt_rows);
    case Format::Plover:
      return std::make_unique<RowExporter>(ontology, plover_rows);
    case Format::Table:
      return std::make_unique<RowExporter>(ontology, table);
  }
  throw std::invalid_argument("unknown export format");
}

}  // namespace parley::exporter

#include "parley/export/coded.hpp"

#include <fmt/core.h>

#include <stdexcept>

#include "parley/export/json.hpp"

namespace parley::exporter {

namespace {

using json::append_string;

void append_span(std::string& out, const Article& a, Span s, bool with_text = true) {
  out += fmt::format("{{\"start\":{},\"end\":{}", s.start, s.end);
  if (with_text) {
    out += ",\"text\":";
    append_string(out, a.view(s));
  }
  out += '}';
}

std::string actor_name(const Article& a, int32_t actor) {
  return actor >= 0 && static_cast<size_t>(actor) < a.actors.size() ? a.actors[actor].name : std::string();
}
std::string actor_code(const Article& a, int32_t actor) {
  return actor >= 0 && static_cast<size_t>(actor) < a.actors.size() ? a.actors[actor].code : std::string();
}

std::string one_line(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  return out;
}

std::string fmt_score(double x) { return fmt::format("{:.1f}", x); }

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

std::string event_id(const Article& article, size_t event) { return fmt::format("{}-e{}", article.id, event + 1); }

std::string coded_json(const Article& a, const extract::Ontology& ontology) {
  std::string out = "{\"doc_id\":";
  append_string(out, a.id);
  for (auto [key, value] : {std::pair<const char*, const std::string*>{"title", &a.title},
                            {"date", &a.date},
                            {"source", &a.source},
                            {"url", &a.url},
                            {"path", &a.origin.path}}) {
    out += fmt::format(",\"{}\":", key);
    append_string(out, *value);
  }
  out += ",\"actors\":[";
  for (size_t i = 0; i < a.actors.size(); ++i) {
    const Actor& x = a.actors[i];
    if (i) out += ',';
    out += fmt::format("{{\"id\":{},\"name\":", i);
    append_string(out, x.name);
    out += ",\"code\":";
    append_string(out, x.code);
    out += ",\"country\":";
    append_string(out, x.country);
    out += ",\"sector\":";
    append_string(out, x.sector);
    out += ",\"type\":";
    append_string(out, x.type);
    if (x.presumed) out += ",\"presumed\":true";
    out += ",\"mentions\":[";
    for (size_t k = 0; k < x.mentions.size(); ++k) {
      const Mention& m = a.mentions[x.mentions[k]];
      if (k) out += ',';
      out += fmt::format("{{\"start\":{},\"end\":{},\"sentence\":{},\"kind\":", m.span.start, m.span.end, m.sentence);
      append_string(out, m.kind);
      out += ",\"text\":";
      append_string(out, a.view(m.span));
      out += '}';
    }
    out += "]}";
  }
  out += "],\"events\":[";
  for (size_t i = 0; i < a.events.size(); ++i) {
    const Event& e = a.events[i];
    const extract::CameoCode* c = ontology.find(e.cameo);
    if (i) out += ',';
    out += "{\"id\":";
    append_string(out, event_id(a, i));
    out += fmt::format(",\"sentence\":{},\"source_actor\":", e.sentence);
    out += e.source_actor >= 0 ? std::to_string(e.source_actor) : "null";
    out += ",\"target_actor\":";
    out += e.target_actor >= 0 ? std::to_string(e.target_actor) : "null";
    out += ",\"source_code\":";
    append_string(out, e.source_code);
    out += ",\"target_code\":";
    append_string(out, e.target_code);
    out += ",\"source_name\":";
    append_string(out, actor_name(a, e.source_actor));
    out += ",\"target_name\":";
    append_string(out, actor_name(a, e.target_actor));
    if (e.unresolved_source || e.unresolved_target) {
      out += ",\"unresolved\":[";
      if (e.unresolved_source) out += "\"source\"";
      if (e.unresolved_target) out += e.unresolved_source ? ",\"target\"" : "\"target\"";
      out += ']';
    }
    out += ",\"cameo\":";
    append_string(out, e.cameo);
    out += ",\"root\":";
    append_string(out, extract::Ontology::root(e.cameo));
    out += ",\"cameo_name\":";
    append_string(out, c ? c->name : std::string());
    out += ",\"goldstein\":";
    out += c ? fmt_score(c->goldstein) : "null";
    out += ",\"quad_class\":";
    out += c ? std::to_string(c->quad_class) : "null";
    out += ",\"plover\":{\"type\":";
    append_string(out, c ? c->plover_type : std::string());
    out += ",\"mode\":";
    append_string(out, c ? c->plover_mode : std::string());
    out += ",\"context\":";
    append_string(out, c ? c->plover_context : std::string());
    out += fmt::format("}},\"negated\":{},\"modality\":", e.negated ? "true" : "false");
    append_string(out, e.modality);
    out += ",\"reported_by\":";
    out += e.reported_by >= 0 ? std::to_string(e.reported_by) : "null";
    out += ",\"location\":";
    if (e.location.name.empty()) {
      out += "null";
    } else {
      out += "{\"name\":";
      append_string(out, e.location.name);
      out += ",\"country\":";
      append_string(out, e.location.country);
      if (e.location.has_coordinates) out += fmt::format(",\"lat\":{:.4f},\"lon\":{:.4f}", e.location.lat, e.location.lon);
      else out += ",\"lat\":null,\"lon\":null";
      out += '}';
    }
    out += ",\"date\":";
    append_string(out, e.date);
    out += ",\"trigger\":";
    append_span(out, a, e.trigger);
    out += ",\"evidence\":";
    append_span(out, a, e.evidence);
    out += ",\"mentions\":[";
    append_span(out, a, e.trigger, false);
    for (const Span& s : e.other_mentions) {
      out += ',';
      append_span(out, a, s, false);
    }
    out += "],\"pattern\":";
    append_string(out, e.pattern);
    out += '}';
  }
  out += "],\"quotes\":[";
  for (size_t i = 0; i < a.quotes.size(); ++i) {
    const Quote& q = a.quotes[i];
    if (i) out += ',';
    out += fmt::format("{{\"sentence\":{},\"start\":{},\"end\":{},\"text\":", q.sentence, q.span.start, q.span.end);
    append_string(out, a.view(q.span));
    out += ",\"speaker_actor\":";
    out += q.speaker_actor >= 0 ? std::to_string(q.speaker_actor) : "null";
    out += ",\"speaker_name\":";
    append_string(out, actor_name(a, q.speaker_actor));
    out += ",\"speaker_code\":";
    append_string(out, actor_code(a, q.speaker_actor));
    out += ",\"speaker_mention\":";
    if (q.speaker.size()) append_span(out, a, q.speaker);
    else out += "null";
    out += ",\"cue\":";
    append_string(out, q.cue_lemma);
    out += ",\"cue_span\":";
    if (q.cue.size()) append_span(out, a, q.cue, false);
    else out += "null";
    out += ",\"kind\":";
    append_string(out, q.kind);
    out += '}';
  }
  out += "],\"claims\":[";
  for (size_t i = 0; i < a.claims.size(); ++i) {
    const Claim& c = a.claims[i];
    if (i) out += ',';
    out += fmt::format("{{\"sentence\":{},\"source_actor\":", c.sentence);
    out += c.source_actor >= 0 ? std::to_string(c.source_actor) : "null";
    out += ",\"source_name\":";
    append_string(out, actor_name(a, c.source_actor));
    out += ",\"source_code\":";
    append_string(out, actor_code(a, c.source_actor));
    out += ",\"topic\":";
    append_string(out, c.topic);
    out += ",\"topic_key\":";
    append_string(out, c.topic_key);
    out += fmt::format(",\"polarity\":\"{}\",\"certainty\":", c.affirmed ? "affirmed" : "negated");
    append_string(out, c.certainty);
    out += ",\"quote\":";
    out += c.quote >= 0 ? std::to_string(c.quote) : "null";
    out += ",\"evidence\":";
    append_span(out, a, c.evidence);
    out += '}';
  }
  out += "],\"positions\":[";
  for (size_t i = 0; i < a.positions.size(); ++i) {
    const Position& p = a.positions[i];
    if (i) out += ',';
    out += fmt::format("{{\"sentence\":{},\"actor\":", p.sentence);
    out += p.actor >= 0 ? std::to_string(p.actor) : "null";
    out += ",\"actor_name\":";
    append_string(out, actor_name(a, p.actor));
    out += ",\"actor_code\":";
    append_string(out, actor_code(a, p.actor));
    out += ",\"issue\":";
    append_string(out, p.issue);
    out += ",\"issue_key\":";
    append_string(out, p.issue_key);
    out += ",\"stance\":";
    append_string(out, p.stance);
    out += ",\"evidence\":";
    append_span(out, a, p.evidence);
    out += '}';
  }
  out += "],\"divergences\":[";
  for (size_t i = 0; i < a.divergences.size(); ++i) {
    const Divergence& d = a.divergences[i];
    if (i) out += ',';
    out += "{\"topic\":";
    append_string(out, d.topic);
    out += ",\"kind\":";
    append_string(out, d.kind);
    out += ",\"sides\":[";
    for (size_t k = 0; k < d.sides.size(); ++k) {
      const DivergenceSide& s = d.sides[k];
      if (k) out += ',';
      out += "{\"actor\":";
      out += s.actor >= 0 ? std::to_string(s.actor) : "null";
      out += ",\"actor_name\":";
      append_string(out, actor_name(a, s.actor));
      out += ",\"actor_code\":";
      append_string(out, actor_code(a, s.actor));
      out += ",\"value\":";
      append_string(out, s.value);
      out += ",\"evidence\":";
      append_span(out, a, s.evidence);
      out += '}';
    }
    out += "]}";
  }
  out += "]}";
  return out;
}

std::string csv_header() {
  return "event_id,doc_id,date,source_code,source_name,target_code,target_name,cameo,root,goldstein,quad_class,"
         "plover_type,plover_mode,negated,modality,reported_by,location,country,lat,lon,trigger,trigger_start,"
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
      f.push_back(x && (x->type == "IGO" || x->type == "NGO" || x->type == "GRP") && x->country.empty() ? x->code : "");
      f.push_back("");  // ethnic
      f.push_back("");  // religion 1
      f.push_back("");  // religion 2
      f.push_back(x ? x->sector : "");
      f.push_back("");
      f.push_back("");
    }
    f.push_back("1");  // IsRootEvent: every event Parley codes comes from a main clause or its frame
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
  for (size_t i = 0; i < a.events.size(); ++i) {
    const Event& e = a.events[i];
    const extract::CameoCode* c = ontology.find(e.cameo);
    if (!c || c->plover_type.empty()) continue;
    out += "{\"id\":";
    append_string(out, event_id(a, i));
    out += ",\"date\":";
    append_string(out, e.date);
    auto actor = [&](const char* key, int32_t index) {
      out += fmt::format(",\"{}\":", key);
      if (index < 0) {
        out += "null";
        return;
      }
      const Actor& x = a.actors[index];
      out += "{\"code\":";
      append_string(out, x.country);
      out += ",\"sector\":";
      append_string(out, x.sector);
      out += ",\"actor_code\":";
      append_string(out, x.code);
      out += ",\"name\":";
      append_string(out, x.name);
      out += '}';
    };
    actor("source", e.source_actor);
    actor("recipient", e.target_actor);
    out += ",\"event\":";
    append_string(out, c->plover_type);
    out += ",\"mode\":";
    append_string(out, c->plover_mode);
    out += ",\"context\":";
    append_string(out, c->plover_context);
    out += fmt::format(",\"quad_code\":{}", c->quad_class);
    out += ",\"event_loc\":";
    if (e.location.name.empty()) {
      out += "null";
    } else {
      out += "{\"name\":";
      append_string(out, e.location.name);
      out += ",\"country\":";
      append_string(out, e.location.country);
      if (e.location.has_coordinates) out += fmt::format(",\"lat\":{:.4f},\"lon\":{:.4f}", e.location.lat, e.location.lon);
      out += '}';
    }
    out += fmt::format(",\"negated\":{},\"modality\":", e.negated ? "true" : "false");
    append_string(out, e.modality);
    out += ",\"cameo\":";
    append_string(out, e.cameo);
    out += ",\"event_text\":";
    append_string(out, a.view(e.evidence));
    out += ",\"citation\":{\"doc_id\":";
    append_string(out, a.id);
    out += ",\"title\":";
    append_string(out, a.title);
    out += ",\"source\":";
    append_string(out, a.source);
    out += ",\"url\":";
    append_string(out, a.url.empty() ? a.origin.path : a.url);
    out += fmt::format(",\"start\":{},\"end\":{}}}", e.evidence.start, e.evidence.end);
    out += ",\"coder\":\"parley\"}\n";
  }
  return out;
}

std::string table(const Article& a, const extract::Ontology& ontology) {
  std::string out = fmt::format("# {}  {}\n", a.id, a.title.empty() ? a.origin.path : a.title);
  out += fmt::format("{:<5} {:<9} {:<9} {:<5} {:<44} {:<14} {:<10} {}\n", "event", "source", "target", "cameo",
                     "what", "flags", "where", "trigger");
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
                       e.source_code.empty() ? "-" : e.source_code, e.target_code.empty() ? "-" : e.target_code,
                       e.cameo, what, flags.empty() ? "-" : flags, e.location.name.empty() ? "-" : e.location.name,
                       one_line(a.view(e.trigger)), e.trigger.start, e.trigger.end);
  }
  if (!a.quotes.empty()) out += "quotes\n";
  for (const Quote& q : a.quotes) {
    std::string text = one_line(a.view(q.span));
    if (text.size() > 90) text = text.substr(0, 87) + "...";
    out += fmt::format("  {:<8} {:<9} {:<22} {} \"{}\"\n", q.kind, actor_code(a, q.speaker_actor).empty() ? "?" : actor_code(a, q.speaker_actor),
                       actor_name(a, q.speaker_actor).substr(0, 22), q.cue_lemma, text);
  }
  if (!a.positions.empty()) out += "positions\n";
  for (const Position& p : a.positions)
    out += fmt::format("  {:<9} {:<8} {}\n", actor_code(a, p.actor), p.stance, p.issue);
  if (!a.divergences.empty()) out += "divergences\n";
  for (const Divergence& d : a.divergences) {
    out += fmt::format("  {} ({}):", d.topic, d.kind);
    for (const DivergenceSide& s : d.sides) out += fmt::format(" {}={}", actor_code(a, s.actor), s.value);
    out += '\n';
  }
  return out + '\n';
}

}  // namespace parley::exporter

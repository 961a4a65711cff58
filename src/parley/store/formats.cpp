#include "parley/store/formats.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <set>

namespace parley::store {

using nlohmann::json;

namespace {

std::string scalar(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_float()) return fmt::format("{:g}", v.get<double>());
  if (v.is_array()) return std::to_string(v.size());
  return v.dump();
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string tsv_cell(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string xml(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string str(const json& row, const char* key) {
  auto it = row.find(key);
  return it == row.end() ? "" : scalar(*it);
}

std::string compact_date(const std::string& d) {  // 2024-05-02 -> 20240502
  return d.size() >= 10 ? d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2) : "";
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

uint64_t gdelt_event_number(const std::string& id) {
  // As `parley code -f gdelt`: the article hash's first 10 hex digits mod 1e9, times 1000, plus
  // the event's 1-based index in its article.
  size_t dash = id.rfind("-e");
  if (dash == std::string::npos || id.size() < 10) return 0;
  uint64_t base = std::stoull(id.substr(0, 10), nullptr, 16) % 1000000000ULL;
  return base * 1000 + std::stoull(id.substr(dash + 2));
}

std::string to_jsonl(const json& rows) {
  std::string out;
  for (const json& r : rows) out += r.dump(-1, ' ', false, json::error_handler_t::replace) + '\n';
  return out;
}

std::vector<std::string> scalar_fields(const json& rows) {
  std::vector<std::string> out;
  if (rows.empty()) return out;
  for (auto it = rows[0].begin(); it != rows[0].end(); ++it)
    if (!it.value().is_object()) out.push_back(it.key());
  return out;
}

std::string to_csv(const json& rows) {
  std::vector<std::string> fields = scalar_fields(rows);
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_cell(fields[i]);
  if (!fields.empty()) out += '\n';
  for (const json& r : rows) {
    for (size_t i = 0; i < fields.size(); ++i)
      out += (i ? "," : "") + csv_cell(str(r, fields[i].c_str()));
    out += '\n';
  }
  return out;
}

std::string to_table(const json& rows, const std::vector<std::string>& wanted) {
  std::vector<std::string> fields = wanted.empty() ? scalar_fields(rows) : wanted;
  if (fields.empty()) return "(no rows)\n";
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> width(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) width[i] = fields[i].size();
  for (const json& r : rows) {
    std::vector<std::string> line;
    for (size_t i = 0; i < fields.size(); ++i) {
      std::string c = str(r, fields[i].c_str());
      for (char& ch : c)
        if (ch == '\n' || ch == '\t') ch = ' ';
      if (c.size() > 60) c = c.substr(0, 57) + "...";
      width[i] = std::max(width[i], c.size());
      line.push_back(std::move(c));
    }
    cells.push_back(std::move(line));
  }
  std::string out;
  auto emit = [&](const std::vector<std::string>& line) {
    std::string l;
    for (size_t i = 0; i < line.size(); ++i)
      l += i + 1 < line.size() ? fmt::format("{:<{}}  ", line[i], width[i]) : line[i];
    out += l + '\n';
  };
  emit(fields);
  for (const auto& line : cells) emit(line);
  return out;
}

std::string to_gdelt_events(const json& events) {
  std::string out;
  for (const json& e : events) {
    std::string day = compact_date(str(e, "date"));
    std::vector<std::string> f;
    f.push_back(std::to_string(gdelt_event_number(str(e, "id"))));
    f.push_back(day);
    f.push_back(day.substr(0, std::min<size_t>(6, day.size())));
    f.push_back(day.substr(0, std::min<size_t>(4, day.size())));
    if (day.size() == 8) {
      int y = std::stoi(day.substr(0, 4)), m = std::stoi(day.substr(4, 2)),
          d = std::stoi(day.substr(6, 2));
      f.push_back(fmt::format("{:.4f}", y + ((m - 1) * 30 + d) / 365.0));
    } else {
      f.push_back("");
    }
    for (const char* side : {"source", "target"}) {
      std::string code = str(e, (std::string(side) + "_code").c_str());
      std::string country = str(e, (std::string(side) + "_country").c_str());
      f.push_back(code);
      f.push_back(upper(str(e, (std::string(side) + "_name").c_str())));
      f.push_back(country);
      f.push_back(country.empty() ? code : "");  // known group: an organisation's own code
      f.push_back("");
      f.push_back("");
      f.push_back("");
      // Type: the sector, what follows the country in a CAMEO-style code.
      f.push_back(!country.empty() && code.size() > country.size() && code.starts_with(country)
                      ? code.substr(country.size(), 3)
                      : "");
      f.push_back("");
      f.push_back("");
    }
    std::string cameo = str(e, "cameo");
    f.push_back("1");
    f.push_back(cameo);
    f.push_back(cameo.substr(0, std::min<size_t>(3, cameo.size())));
    f.push_back(str(e, "root"));
    f.push_back(str(e, "quad_class"));
    f.push_back(str(e, "goldstein"));
    f.push_back(str(e, "num_mentions"));
    f.push_back(str(e, "num_sources"));
    f.push_back(str(e, "num_articles"));
    f.push_back("");  // AvgTone: Parley scores no tone
    bool has_place = !str(e, "place_name").empty();
    bool coords = e.contains("lat") && !e["lat"].is_null();
    for (int geo = 0; geo < 3; ++geo) {
      bool action = geo == 2 && has_place;
      f.push_back(action ? (coords && str(e, "place_name") != str(e, "place_country") ? "4" : "1")
                         : "");
      f.push_back(action ? str(e, "place_name") : "");
      f.push_back("");
      f.push_back("");
      f.push_back("");
      f.push_back(action && coords ? fmt::format("{:.4f}", e["lat"].get<double>()) : "");
      f.push_back(action && coords ? fmt::format("{:.4f}", e["lon"].get<double>()) : "");
      f.push_back("");
    }
    f.push_back(day.empty() ? "" : day + "000000");
    std::string url;
    if (e.contains("mentions") && !e["mentions"].empty()) {
      url = str(e["mentions"][0], "url");
      if (url.empty()) url = str(e["mentions"][0], "article_id");
    }
    f.push_back(url);
    std::string line;
    for (size_t i = 0; i < f.size(); ++i) line += (i ? "\t" : "") + tsv_cell(f[i]);
    out += line + '\n';
  }
  return out;
}

std::string to_gdelt_mentions(const json& mentions) {
  std::string out;
  for (const json& m : mentions) {
    std::string day = compact_date(str(m, "date"));
    std::string adate = compact_date(str(m, "article_date"));
    std::vector<std::string> f{
        std::to_string(gdelt_event_number(str(m, "event_id"))),
        day.empty() ? "" : day + "000000",
        adate.empty() ? (day.empty() ? "" : day + "000000") : adate + "000000",
        "1",  // MentionType 1: a web document
        str(m, "outlet"),
        str(m, "url").empty() ? str(m, "article_id") : str(m, "url"),
        std::to_string(m.value("sentence", 0) + 1),
        "-1",  // Actor1CharOffset: not kept per mention
        "-1",
        str(m, "trigger_start"),  // ActionCharOffset (bytes)
        "1",                      // InRawText: offsets point into the stored text itself
        str(m, "confidence"),
        "",  // MentionDocLen
        "",  // MentionDocTone
        "",
        ""};
    std::string line;
    for (size_t i = 0; i < f.size(); ++i) line += (i ? "\t" : "") + tsv_cell(f[i]);
    out += line + '\n';
  }
  return out;
}

std::string to_plover(const json& events) {
  std::string out;
  for (const json& e : events) {
    if (str(e, "plover_type").empty()) continue;
    auto actor = [&](const char* side) -> json {
      std::string code = str(e, (std::string(side) + "_code").c_str());
      if (code.empty() && str(e, (std::string(side) + "_name").c_str()).empty()) return nullptr;
      std::string country = str(e, (std::string(side) + "_country").c_str());
      return {{"code", country},
              {"sector",
               !country.empty() && code.starts_with(country) ? code.substr(country.size()) : ""},
              {"actor_code", code},
              {"name", str(e, (std::string(side) + "_name").c_str())}};
    };
    json loc = nullptr;
    if (!str(e, "place_name").empty()) {
      loc = {{"name", str(e, "place_name")}, {"country", str(e, "place_country")}};
      if (e.contains("lat") && !e["lat"].is_null()) loc["lat"] = e["lat"], loc["lon"] = e["lon"];
    }
    json p = {{"id", str(e, "id")},
              {"date", str(e, "date")},
              {"source", actor("source")},
              {"recipient", actor("target")},
              {"event", str(e, "plover_type")},
              {"mode", str(e, "plover_mode")},
              {"context", str(e, "plover_context")},
              {"quad_code", e.value("quad_class", 0)},
              {"event_loc", loc},
              {"cameo", str(e, "cameo")},
              {"negated", e.value("negated", false)},
              {"modality", str(e, "modality")},
              {"num_mentions", e.value("num_mentions", 0)},
              {"num_sources", e.value("num_sources", 0)},
              {"num_articles", e.value("num_articles", 0)}};
    out += p.dump(-1, ' ', false, json::error_handler_t::replace) + '\n';
  }
  return out;
}

std::string to_geojson(const json& events) {
  json features = json::array();
  for (const json& e : events) {
    if (!e.contains("lat") || e["lat"].is_null() || e["lon"].is_null()) continue;
    json props = json::object();
    for (auto it = e.begin(); it != e.end(); ++it)
      if (it.key() != "lat" && it.key() != "lon" && it.key() != "mentions")
        props[it.key()] = it.value();
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "Point"}, {"coordinates", {e["lon"], e["lat"]}}}},
                        {"properties", props}});
  }
  json fc = {{"type", "FeatureCollection"}, {"features", features}};
  return fc.dump(-1, ' ', false, json::error_handler_t::replace) + '\n';
}

std::string to_gexf(const json& dyads) {
  std::set<std::string> nodes;
  for (const json& d : dyads) nodes.insert(str(d, "source")), nodes.insert(str(d, "target"));
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"
      "  <meta><creator>Parley</creator><description>Actor network: directed dyads of stored "
      "events</description></meta>\n"
      "  <graph mode=\"static\" defaultedgetype=\"directed\">\n"
      "    <attributes class=\"edge\">\n"
      "      <attribute id=\"0\" title=\"goldstein\" type=\"double\"/>\n"
      "      <attribute id=\"1\" title=\"mentions\" type=\"integer\"/>\n"
      "    </attributes>\n    <nodes>\n";
  for (const std::string& n : nodes)
    out += "      <node id=\"" + xml(n) + "\" label=\"" + xml(n) + "\"/>\n";
  out += "    </nodes>\n    <edges>\n";
  size_t i = 0;
  for (const json& d : dyads) {
    out += fmt::format(
        "      <edge id=\"{}\" source=\"{}\" target=\"{}\" weight=\"{}\"><attvalues><attvalue "
        "for=\"0\" value=\"{}\"/><attvalue for=\"1\" value=\"{}\"/></attvalues></edge>\n",
        i++, xml(str(d, "source")), xml(str(d, "target")), str(d, "count"), str(d, "goldstein"),
        str(d, "mentions"));
  }
  out += "    </edges>\n  </graph>\n</gexf>\n";
  return out;
}

}  // namespace parley::store

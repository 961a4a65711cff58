#include "parley/eval/plover_eval.hpp"

#include <simdjson.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace parley::eval {

namespace {

// Drops commas that only precede ']' or '}' (outside strings): hand-edited JSON often has them,
// and simdjson, rightly, refuses them.
std::string without_trailing_commas(const std::string& s, size_t* removed) {
  std::string out;
  out.reserve(s.size());
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < s.size())
        out += s[++i];
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c == ',') {
      size_t j = s.find_first_not_of(" \t\r\n", i + 1);
      if (j != std::string::npos && (s[j] == ']' || s[j] == '}')) {
        ++*removed;
        continue;
      }
    }
    out += c;
  }
  return out;
}

std::string string_field(simdjson::dom::object o, std::string_view key) {
  std::string_view v;
  if (o[key].get_string().get(v) != simdjson::SUCCESS) return {};
  return std::string(v);
}

// "source"/"target": a list of {actorText, code, sector}. The file also has "" for no actor
// and, once, a context word where the target list should be; both read as no actor.
std::vector<PloverActor> actors(simdjson::dom::object o, std::string_view key,
                                const std::string& id, std::vector<std::string>& notes) {
  std::vector<PloverActor> out;
  simdjson::dom::element e;
  if (o[key].get(e) != simdjson::SUCCESS || e.is_null()) return out;
  simdjson::dom::array list;
  if (e.get_array().get(list) != simdjson::SUCCESS) {
    std::string_view s;
    if (e.get_string().get(s) == simdjson::SUCCESS && !s.empty())
      notes.push_back(id + ": " + std::string(key) + " is the string \"" + std::string(s) +
                      "\", not an actor list: read as no " + std::string(key));
    return out;
  }
  for (simdjson::dom::element a : list) {
    simdjson::dom::object ao;
    if (a.get_object().get(ao) != simdjson::SUCCESS) continue;
    PloverActor x{string_field(ao, "actorText"), string_field(ao, "code"),
                  string_field(ao, "sector")};
    // The readme says states carry ISO 3166 alpha-3 codes; three in the file are not ISO codes
    // (older CAMEO or typos) and are read as the ISO code of the state they name.
    static const std::pair<std::string_view, std::string_view> kIso[] = {
        {"JAP", "JPN"}, {"ITL", "ITA"}, {"VTN", "VNM"}};
    for (const auto& [from, to] : kIso)
      if (x.code == from) {
        notes.push_back(id + ": " + std::string(key) + " code " + x.code + " (" + x.text +
                        ") read as ISO " + std::string(to));
        x.code = to;
      }
    if (!x.code.empty()) out.push_back(std::move(x));
  }
  return out;
}

bool actor_right(const std::string& code, const std::vector<PloverActor>& gold) {
  if (gold.empty()) return true;
  if (code.size() < 3) return false;
  for (const PloverActor& g : gold)
    if (code.compare(0, 3, g.code) == 0 && g.code.size() == 3) return true;
  return false;
}

std::string codes(const std::vector<PloverActor>& list) {
  if (list.empty()) return "-";
  std::string out;
  for (const PloverActor& a : list) out += (out.empty() ? "" : "+") + a.code;
  return out;
}

}  // namespace

std::string current_plover_type(std::string_view name) {
  if (name == "DEMAND") return "REQUEST";
  if (name == "DISAPPROVE" || name == "INVESTIGATE") return "ACCUSE";
  if (name == "FIGHT") return "ASSAULT";
  return std::string(name);
}

PloverRecords read_plover_records(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  PloverRecords out;
  simdjson::padded_string json(without_trailing_commas(ss.str(), &out.trailing_commas));
  simdjson::dom::parser parser;
  simdjson::dom::array records;
  if (auto err = parser.parse(json).get_array().get(records))
    throw std::runtime_error(path +
                             ": not a JSON array of records: " + simdjson::error_message(err));
  for (simdjson::dom::element e : records) {
    ++out.total;
    simdjson::dom::object o;
    if (e.get_object().get(o) != simdjson::SUCCESS)
      throw std::runtime_error(path + ": record " + std::to_string(out.total) +
                               " is not an object");
    PloverRecord r;
    r.id = string_field(o, "id");
    if (r.id.empty()) r.id = "#" + std::to_string(out.total);
    r.event = string_field(o, "event");
    r.text = string_field(o, "text");
    if (r.event == "DOCUMENT") {
      out.excluded.push_back(r.id + ": DOCUMENT record (file documentation, no sentence)");
      continue;
    }
    if (r.text.empty() || r.event.empty()) {
      out.excluded.push_back(r.id + ": no text or no event type");
      continue;
    }
    r.type = current_plover_type(r.event);
    r.date = string_field(o, "date");
    simdjson::dom::object info;
    if (o["textInfo"].get_object().get(info) == simdjson::SUCCESS)
      r.markup = string_field(info, "markup");
    r.sources = actors(o, "source", r.id, out.notes);
    r.targets = actors(o, "target", r.id, out.notes);
    out.records.push_back(std::move(r));
  }
  return out;
}

PloverScores evaluate_plover(const std::vector<PloverRecord>& records, const Pipeline& chain,
                             const extract::Ontology& ontology, std::ostream* errors,
                             size_t max_errors) {
  PloverScores s;
  size_t printed = 0;
  for (const PloverRecord& r : records) {
    Article a;
    a.text = r.text;
    a.date = r.date;
    chain.process(a);
    bool any = false, type = false, full = false, source_ok = false;
    std::vector<std::string> other;
    for (const Event& e : a.events) {
      const extract::CameoCode* c = ontology.find(e.cameo);
      // Negated events did not happen ("did not attack"); root 01 has no PLOVER type.
      if (e.negated || !c || c->plover_type.empty()) continue;
      any = true;
      if (c->plover_type != r.type) {
        other.push_back(c->plover_type);
        continue;
      }
      type = true;
      bool src = actor_right(e.source_code, r.sources), tgt = actor_right(e.target_code, r.targets);
      source_ok |= src;
      full |= src && tgt;
    }
    PloverCounts& t = s.by_type[r.type];
    for (PloverCounts* c : {&s.total, &t}) {
      ++c->records;
      c->with_event += any;
      c->right_type += type;
      c->right_actors += full;
    }
    if (!type)
      for (const std::string& o : other) ++s.predicted_types[r.type + " coded as " + o];
    if (full) continue;
    std::string category = !any ? (a.actors.empty() ? "no event, no actor found" : "no event coded")
                           : !type      ? "other type only"
                           : !source_ok ? "right type, wrong or missing source"
                                        : "right type, wrong or missing target";
    ++s.failures[category];
    if (!errors || printed >= max_errors) continue;
    ++printed;
    *errors << r.id << " [" << category << "] gold " << r.type;
    if (r.event != r.type) *errors << " (" << r.event << ")";
    *errors << ' ' << codes(r.sources) << " -> " << codes(r.targets) << "\n  "
            << (r.markup.empty() ? r.text : r.markup) << "\n  parley:";
    size_t shown = 0;
    for (const Event& e : a.events) {
      const extract::CameoCode* c = ontology.find(e.cameo);
      *errors << (shown++ ? ";" : "") << ' '
              << (c && !c->plover_type.empty() ? c->plover_type : "-") << ' ' << e.cameo << ' '
              << (e.source_code.empty() ? "-" : e.source_code) << " -> "
              << (e.target_code.empty() ? "-" : e.target_code) << " \"" << a.view(e.trigger) << '"'
              << (e.negated ? " (negated)" : "");
    }
    if (!shown) *errors << " no event";
    *errors << '\n';
  }
  return s;
}

}  // namespace parley::eval

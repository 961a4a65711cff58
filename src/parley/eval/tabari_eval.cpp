#include "parley/eval/tabari_eval.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

#include "parley/text/utf8.hpp"

namespace parley::eval {

namespace {

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

std::string without_spaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  return out;
}

// "950101  DEMO-01" (or "19950101 ..."): six or eight digits, white space, an identifier.
bool header(std::string_view line, std::string& date, std::string& id) {
  size_t digits = 0;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
  if ((digits != 6 && digits != 8) || digits == line.size() ||
      !std::isspace(static_cast<unsigned char>(line[digits])))
    return false;
  std::string rest = utf8::collapse_spaces(line.substr(digits));
  if (rest.empty()) return false;
  date = std::string(line.substr(0, digits));
  id = rest.substr(0, rest.find(' '));
  return true;
}

// YYMMDD -> YYYY-MM-DD, two-digit years read as the dictionary reader reads them (00-30 are
// 20xx, so dated actor codes compare right); YYYYMMDD as is.
std::string iso_date(const std::string& d) {
  if (d.size() == 8) return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
  if (d.size() != 6) return {};
  std::string century = d.substr(0, 2) <= "30" ? "20" : "19";
  return century + d.substr(0, 2) + "-" + d.substr(2, 2) + "-" + d.substr(4, 2);
}

bool digits_only(const std::string& code) {
  return !code.empty() && std::all_of(code.begin(), code.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

// The comment's fields, classified into `r`. Returns false when the comment has no field.
bool read_fields(const std::string& comment, TabariRecord& r) {
  bool any = false, stopped = false, special = false;
  std::vector<TabariTriple> triples;
  for (size_t open = comment.find('{'); open != std::string::npos;
       open = comment.find('{', open + 1)) {
    any = true;
    // A field may lack its '}' ("{ OPTION: SET: MINIMUM WORDS = 4  */"): it runs to the end.
    size_t close = comment.find('}', open);
    std::string body = utf8::collapse_spaces(comment.substr(
        open + 1, close == std::string::npos ? std::string::npos : close - open - 1));
    if (open > 0 && comment[open - 1] == '-') stopped = true;
    if (body.starts_with("OPTION:")) {
      r.options.push_back(utf8::collapse_spaces(body.substr(7)));
      continue;
    }
    if (stopped) {
      r.open = true;
      continue;
    }
    std::string bare = without_spaces(body);
    auto kind = bare == "---"   ? TabariRecord::Kind::NoEvents
                : bare == "###" ? TabariRecord::Kind::Discard
                : bare == "+++" ? TabariRecord::Kind::Complex
                                : TabariRecord::Kind::Events;
    if (kind != TabariRecord::Kind::Events) {
      // Special codes are checked first (the first one given decides), triples not at all.
      if (!special) r.kind = kind;
      special = true;
      continue;
    }
    size_t a = body.find('/'), b = a == std::string::npos ? a : body.find('/', a + 1);
    if (b == std::string::npos) continue;  // not a field TABARI reads
    triples.push_back({utf8::collapse_spaces(body.substr(0, a)),
                       utf8::collapse_spaces(body.substr(a + 1, b - a - 1)),
                       utf8::collapse_spaces(body.substr(b + 1))});
  }
  if (!special) {
    r.expected = std::move(triples);
    r.kind = !r.expected.empty() ? TabariRecord::Kind::Events
             : r.open            ? TabariRecord::Kind::Unchecked
                                 : TabariRecord::Kind::Option;
    if (r.kind == TabariRecord::Kind::Option && r.options.empty())
      r.kind = TabariRecord::Kind::Unchecked;
  } else {
    r.open = false;
  }
  return any;
}

// Whether two values of option `key` set the same thing. COMMA limits are compared as numbers,
// and any BMAX below BMIN means the same: the first clause is never eliminated.
bool same_setting(const std::string& key, const std::string& a, const std::string& b) {
  if (key != "COMMA") return a == b;
  auto limits = [](const std::string& v) {
    std::map<std::string, int> out;
    std::string name;
    for (size_t i = 0; i < v.size();) {
      if (std::isalpha(static_cast<unsigned char>(v[i]))) {
        size_t j = i;
        while (j < v.size() && std::isalpha(static_cast<unsigned char>(v[j]))) ++j;
        name = v.substr(i, j - i);
        i = j;
      } else if (std::isdigit(static_cast<unsigned char>(v[i]))) {
        size_t j = i;
        while (j < v.size() && std::isdigit(static_cast<unsigned char>(v[j]))) ++j;
        out[name] = std::stoi(v.substr(i, j - i));
        i = j;
      } else {
        ++i;
      }
    }
    if (out.count("BMIN") && out.count("BMAX") && out["BMAX"] < out["BMIN"])
      out["BMIN"] = out["BMAX"] = -1;
    return out;
  };
  return limits(a) == limits(b);
}

}  // namespace

std::pair<std::string, std::string> tabari_option(const std::string& command) {
  std::string c = utf8::collapse_spaces(command);
  size_t colon = c.find(':');
  if (colon == std::string::npos) return {c, ""};
  std::string head = utf8::collapse_spaces(c.substr(0, colon)),
              rest = utf8::collapse_spaces(c.substr(colon + 1));
  if (head != "SET") return {head, rest};
  if (size_t eq = rest.find('='); eq != std::string::npos)
    return {"SET: " + utf8::collapse_spaces(rest.substr(0, eq)),
            utf8::collapse_spaces(rest.substr(eq + 1))};
  size_t space = rest.find(' ');  // "CODE BY SENTENCE", "CODE ALL"
  if (space == std::string::npos) return {"SET: " + rest, ""};
  return {"SET: " + rest.substr(0, space), rest.substr(space + 1)};
}

std::map<std::string, std::string> read_tabari_options(const std::string& path) {
  std::map<std::string, std::string> out;
  if (!path.empty()) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::string line;
    while (std::getline(in, line)) {
      std::string l = utf8::collapse_spaces(line);
      if (l.empty() || l.starts_with("//") || l.find(':') == std::string::npos) continue;
      auto [key, value] = tabari_option(l);
      if (key != "LABEL") out[key] = value;  // LABEL: lines name codes, they set nothing
    }
  }
  // TABARI's defaults (manual 8.2 and COMMA:) where the file says nothing. Comma-delimited
  // clauses are eliminated by default, so "COMMA: OFF" changes a setting rather than restoring it.
  out.emplace("SET: CODE", "BY CLAUSE");
  out.emplace("SET: MINIMUM WORDS", "8");
  out.emplace("COMMA", "MIN = 2 MAX = 10 EMIN = 2 EMAX = 10 BMIN = 128 BMAX = 0");
  return out;
}

TabariProject read_tabari_project(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  TabariProject p;
  const std::pair<std::string_view, std::string TabariProject::*> kFiles[] = {
      {"<actorsfile>", &TabariProject::actors},
      {"<verbsfile>", &TabariProject::verbs},
      {"<optionsfile>", &TabariProject::options},
      {"<agentsfile>", &TabariProject::agents},
      {"<textfile>", &TabariProject::text}};
  std::string line;
  while (std::getline(in, line)) {
    std::string l = utf8::collapse_spaces(line);
    for (const auto& [tag, field] : kFiles)
      if (l.starts_with(tag)) {
        std::string name = utf8::collapse_spaces(l.substr(tag.size()));
        if (!name.empty()) p.*field = (dir / name).string();
      }
  }
  return p;
}

TabariSuite read_tabari_validation(const std::string& path,
                                   const std::map<std::string, std::string>& defaults) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    lines.push_back(std::move(l));
  }
  TabariSuite suite;
  std::map<std::string, std::string> in_force;  // option key -> the command that set it
  bool ended = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    TabariRecord r;
    if (lines[i].starts_with("#") || !header(lines[i], r.date, r.id)) continue;
    if (ended) {
      ++suite.records_after_end;
      continue;
    }
    r.line = i + 1;
    // The record runs to the next blank line, even inside an unclosed comment (two records
    // of the suite close theirs with "/*" or not at all, and TABARI still reads the next one).
    std::string text, comment;
    bool in_comment = false;
    for (++i; i < lines.size() && !blank(lines[i]); ++i) {
      std::string_view l = lines[i];
      while (!l.empty()) {
        size_t mark = l.find(in_comment ? "*/" : "/*");
        std::string& into = in_comment ? comment : text;
        into.append(l.substr(0, mark));
        into += ' ';
        if (mark == std::string_view::npos) break;
        l.remove_prefix(mark + 2);
        in_comment = !in_comment;
      }
      if (in_comment) comment += '\n';
    }
    r.text = utf8::collapse_spaces(text);
    if (!read_fields(comment, r)) {
      // "The validation process stops ... when it encounters a record without any validation
      // fields" (TABARI manual 10.1).
      suite.end_id = r.id;
      ended = true;
      continue;
    }
    for (const auto& [key, command] : in_force) r.options_in_force.push_back(command);
    for (const std::string& command : r.options) {
      auto [key, value] = tabari_option(command);
      if (key == "OUTPUT") continue;  // the output format: what is coded stays the same
      auto d = defaults.find(key);
      bool reset = d != defaults.end()
                       ? same_setting(key, d->second, value)
                       : value == "OFF" || value.ends_with(" OFF") || value == "FALSE";
      if (reset)
        in_force.erase(key);
      else
        in_force[key] = command;
    }
    suite.records.push_back(std::move(r));
  }
  if (suite.records.empty()) throw std::runtime_error(path + ": no validation record found");
  return suite;
}

TabariScores evaluate_tabari(const TabariSuite& suite, const Pipeline& chain, std::ostream* errors,
                             size_t max_errors) {
  using Kind = TabariRecord::Kind;
  TabariScores s;
  size_t printed = 0;
  for (const TabariRecord& r : suite.records) {
    ++s.records;
    if (r.kind == Kind::Option) {
      ++s.option_records;
      continue;
    }
    if (r.kind == Kind::Unchecked) {
      ++s.unchecked_records;
      continue;
    }
    Article a;
    a.text = r.text;
    a.date = iso_date(r.date);
    chain.process(a);
    std::set<TabariTriple> got;
    // As for PETRARCH: TABARI reads no modality, so modal events count; negated ones do not
    // (the dictionaries spell negation out in patterns).
    for (const Event& e : a.events)
      if (!e.negated && !e.source_code.empty())
        got.insert({e.source_code, e.target_code.empty() ? "---" : e.target_code, e.cameo});
    if (r.kind == Kind::Complex) {
      ++s.complex_records;
      s.complex_records_coded += !got.empty();
      continue;
    }
    s.predicted += got.size();
    std::string category;
    if (r.kind == Kind::NoEvents || r.kind == Kind::Discard) {
      bool discard = r.kind == Kind::Discard;
      ++(discard ? s.discard_records : s.noevent_records);
      if (got.empty())
        ++(discard ? s.discard_records_right : s.noevent_records_right);
      else
        category = discard ? "event in a record TABARI discards" : "event where none expected";
    } else {
      ++s.event_records;
      std::set<TabariTriple> want(r.expected.begin(), r.expected.end());
      bool exact =
          r.open ? std::includes(got.begin(), got.end(), want.begin(), want.end()) : want == got;
      s.event_records_exact += exact;
      bool unreadable_code = false, default_actor = false;
      for (const TabariTriple& w : want) {
        ++s.expected;
        bool triple = got.count(w) > 0, code = false, dyad = false;
        for (const TabariTriple& g : got) {
          code |= g.code == w.code;
          dyad |= g.source == w.source && g.target == w.target;
        }
        s.triple_hits += triple;
        s.code_hits += code;
        s.dyad_hits += dyad;
        unreadable_code |= !triple && !digits_only(w.code);
        default_actor |= !triple && (w.source == "DEFSRC" || w.target == "DEFTAR");
        if (!triple && category.empty())
          category = got.empty() ? (a.actors.empty() ? "no actor found" : "no event coded")
                     : dyad      ? "right dyad, wrong code"
                     : code      ? "right code, wrong actors"
                                 : "other event coded";
      }
      // Causes outside Parley's coding come first: codes the verb reader cannot hold ("075A",
      // only CAMEO digits convert) and actors only TABARI's DEFAULT: option supplies.
      if (unreadable_code)
        category = "expected code is not digits (not converted)";
      else if (default_actor)
        category = "expects a DEFAULT: actor (option not applied)";
      if (category.empty() && !exact) category = "extra event besides the expected";
    }
    bool right = category.empty();
    if (!r.options_in_force.empty()) {
      ++s.scored_under_options;
      s.right_under_options += right;
    }
    if (right) continue;
    ++s.failures[category];
    if (!errors || printed >= max_errors) continue;
    ++printed;
    *errors << r.id << " [" << category << "] " << r.text.substr(0, 200) << "\n  expected:";
    for (const auto& w : r.expected) *errors << ' ' << w.source << '/' << w.target << '/' << w.code;
    if (r.kind == Kind::NoEvents) *errors << " none";
    if (r.kind == Kind::Discard) *errors << " discard";
    if (r.open) *errors << " (further events not checked)";
    *errors << "\n  parley:  ";
    for (const auto& g : got) *errors << ' ' << g.source << '/' << g.target << '/' << g.code;
    *errors << '\n';
    for (const std::string& o : r.options_in_force) *errors << "  option in force: " << o << '\n';
  }
  return s;
}

}  // namespace parley::eval

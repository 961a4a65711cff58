#include "parley/actors/actor_dictionary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace parley {

namespace {

constexpr size_t kMaxWarnings = 1000;
constexpr size_t kMaxLine = 16384;

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// "AL_GORE", "DURTHANG ORC" -> {"AL", "GORE"}; the words of a phrase, uppercased.
std::vector<std::string> phrase_words(std::string_view phrase) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : phrase) {
    if (c == '_' || std::isspace(static_cast<unsigned char>(c))) {
      if (!cur.empty()) words.push_back(upper(cur)), cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) words.push_back(upper(cur));
  return words;
}

std::string join(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : " ") + w;
  return s;
}

bool is_vowel(char c) {
  return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

// Regular plural of the last word: +S, consonant+Y -> IES, SS -> +ES.
std::vector<std::string> regular_plural(std::vector<std::string> words) {
  std::string& w = words.back();
  if (w.size() >= 2 && w.ends_with("SS")) {
    w += "ES";
  } else if (w.size() >= 2 && w.back() == 'Y' && !is_vowel(w[w.size() - 2])) {
    w.pop_back();
    w += "IES";
  } else {
    w += "S";
  }
  return words;
}

// One dictionary date: YYMMDD (<= 7 characters; 00-30 -> 20YY) or YYYYMMDD. 0 when invalid.
int32_t dictionary_date(std::string_view s) {
  s = trim(s);
  if (s.empty() || s.size() > 12) return 0;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return 0;
  int32_t y, m, d;
  if (s.size() <= 7) {
    if (s.size() != 6) return 0;
    int32_t yy = (s[0] - '0') * 10 + (s[1] - '0');
    y = yy <= 30 ? 2000 + yy : 1900 + yy;
    m = (s[2] - '0') * 10 + (s[3] - '0');
    d = (s[4] - '0') * 10 + (s[5] - '0');
  } else {
    y = std::stoi(std::string(s.substr(0, 4)));
    m = (s[4] - '0') * 10 + (s[5] - '0');
    d = (s[6] - '0') * 10 + (s[7] - '0');
  }
  if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
  return y * 10000 + m * 100 + d;
}

struct Bracket {
  std::string code;
  bool dated = false;
  int32_t from = 0, to = 99999999;
  std::string error;
};

// The inside of one [...]: "CODE", "CODE <D", "CODE >D", "CODE D1-D2", " ~OPP".
Bracket parse_bracket(std::string_view inside) {
  Bracket b;
  inside = trim(inside);
  size_t sp = 0;
  while (sp < inside.size() && !std::isspace(static_cast<unsigned char>(inside[sp])) &&
         inside[sp] != '<' && inside[sp] != '>')
    ++sp;
  std::string code = upper(inside.substr(0, sp));
  std::string rest;
  for (char c : inside.substr(sp))
    if (!std::isspace(static_cast<unsigned char>(c))) rest += c;
  if (code.empty() || std::isdigit(static_cast<unsigned char>(code[0]))) {
    b.error = "no code in [" + std::string(inside) + "]";
    return b;
  }
  b.code = code;
  if (rest.empty()) return b;
  b.dated = true;
  if (rest[0] == '<') {
    b.to = dictionary_date(rest.substr(1));
    if (!b.to) b.error = "bad date in [" + std::string(inside) + "]";
  } else if (rest[0] == '>') {
    b.from = dictionary_date(rest.substr(1));
    if (!b.from) b.error = "bad date in [" + std::string(inside) + "]";
  } else {
    size_t dash = rest.find('-');
    if (dash == std::string::npos) {
      b.error = "bad date range in [" + std::string(inside) + "]";
    } else {
      b.from = dictionary_date(std::string_view(rest).substr(0, dash));
      b.to = dictionary_date(std::string_view(rest).substr(dash + 1));
      if (!b.from || !b.to) b.error = "bad date range in [" + std::string(inside) + "]";
    }
  }
  return b;
}

bool null_code(const std::string& c) {
  return c == "---" || c.empty();
}

}  // namespace

std::string ActorRecord::code_at(int32_t date) const {
  if (date) {
    for (const DatedCode& d : dated)
      if (d.from <= date && date <= d.to) return d.code;
    // Before the first role or between roles: not known then.
    if (!retired_at(date)) return code;
    // After every dated role, with no code of its own: a former office-holder, which CAMEO and
    // the news-gold guidelines code as opposition (OPP) of the state served ("Richard Nixon" in
    // 2019); anyone else keeps the last role ("USAELI").
    const DatedCode* last = &dated[0];
    bool office = false;
    for (const DatedCode& d : dated) {
      if (d.to >= last->to) last = &d;
      office |= d.code.size() == 6 && (d.code.ends_with("GOV") || d.code.ends_with("LEG"));
    }
    if (office && last->code.size() == 6) {
      const std::string state = last->code.substr(0, 3);
      bool one_state = true;
      for (const DatedCode& d : dated) one_state &= d.code.starts_with(state);
      if (one_state) return state + "OPP";
    }
    return last->code;
  }
  if (!code.empty() || dated.empty()) return code;
  const DatedCode* best = &dated[0];
  for (const DatedCode& d : dated)
    if (d.to >= best->to) best = &d;
  return best->code;
}

bool ActorRecord::retired_at(int32_t date) const {
  if (!date || !code.empty() || dated.empty() || !former_after_roles) return false;
  return std::all_of(dated.begin(), dated.end(), [&](const DatedCode& d) { return d.to < date; });
}

int32_t ActorDictionary::parse_date(std::string_view text) {
  text = trim(text);
  std::string digits;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c == '-' || c == '/' || c == '.') {
      if (digits.size() != 4 && digits.size() != 6) return 0;  // YYYY- or YYYYMM-
    } else {
      break;  // "T10:00:00Z"
    }
    if (digits.size() == 8) break;
  }
  if (digits.size() != 6 && digits.size() != 8) return 0;
  return dictionary_date(digits);
}

ActorDictionary ActorDictionary::load(const std::string& path) {
  ActorDictionary d;
  d.add_file(path);
  return d;
}

void ActorDictionary::add_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path))
    throw std::runtime_error("cannot read dictionary " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  // A dictionary is text: a NUL byte means the wrong file (an archive, an image), whose lines
  // would only turn into thousands of warnings.
  if (text.find('\0') != std::string::npos)
    throw std::runtime_error(path + ": binary file (contains NUL bytes), not a dictionary");
  std::string ext = std::filesystem::path(path).extension().string();
  bool tabari = ext == ".actors" || ext == ".agents" || ext == ".verbs" || ext == ".options";
  add_text(text, path, tabari);
}

uint32_t ActorDictionary::insert(const std::vector<std::string>& words, bool stem_last) {
  uint32_t node = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    const bool last = i + 1 == words.size();
    if (last && stem_last) {
      auto& stems = nodes_[node].stems;
      auto it = std::find_if(stems.begin(), stems.end(),
                             [&](const auto& s) { return s.first == words[i]; });
      if (it != stems.end()) return it->second;
      uint32_t child = static_cast<uint32_t>(nodes_.size());
      nodes_[node].stems.emplace_back(words[i], child);
      nodes_.emplace_back();
      return child;
    }
    auto it = nodes_[node].next.find(words[i]);
    if (it != nodes_[node].next.end()) {
      node = it->second;
    } else {
      uint32_t child = static_cast<uint32_t>(nodes_.size());
      nodes_[node].next.emplace(words[i], child);
      nodes_.emplace_back();
      node = child;
    }
  }
  max_words_ = std::max(max_words_, words.size());
  return node;
}

ActorDictionary ActorDictionary::knowledge_base(const std::string& data_dir) {
  ActorDictionary d;
  const std::filesystem::path dir = std::filesystem::path(data_dir) / "actors" / "kb";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return d;
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string file = entry.path().filename().string();
    if (file.starts_with("people") && file.ends_with(".tsv"))
      files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) d.add_people_file(f);
  return d;
}

bool ActorDictionary::add_people_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  add_people_tsv(ss.str(), path);
  return true;
}

const ActorRecord* ActorDictionary::office_holder(std::string_view surname, std::string_view sector,
                                                  int32_t date) const {
  std::vector<std::string> words = phrase_words(surname);
  if (words.size() != 1) return nullptr;
  const ActorRecord* found = nullptr;
  auto [from, to] = by_surname_.equal_range(words[0]);
  for (auto it = from; it != to; ++it) {
    const ActorRecord& r = actors_[it->second];
    const std::string code = r.code_at(date);
    if (code.size() < 6 || (!sector.empty() && code.compare(3, sector.size(), sector) != 0))
      continue;
    if (found && found->code_at(date) != code) return nullptr;  // two people: no telling
    found = &r;
  }
  return found;
}

void ActorDictionary::add_people_tsv(std::string_view text, std::string_view name) {
  size_t line_no = 0;
  auto warn = [&](const std::string& msg) {
    ++warning_count_;
    if (warnings_.size() < kMaxWarnings)
      warnings_.push_back(fmt::format("{}:{}: {}", name, line_no, msg));
  };
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      warn("no roles column");
      continue;
    }
    ActorRecord record;
    record.source = fmt::format("{}:{}", name, line_no);
    record.former_after_roles = true;
    std::string_view roles = line.substr(tab + 1);
    for (size_t r = 0; r <= roles.size();) {
      size_t semi = std::min(roles.find(';', r), roles.size());
      std::string_view role = trim(roles.substr(r, semi - r));
      r = semi + 1;
      if (role.empty()) continue;
      size_t at = role.find('@');
      std::string code(trim(role.substr(0, at)));
      if (code.empty()) continue;
      if (at == std::string_view::npos) {
        record.code = code;
        continue;
      }
      std::string_view range = role.substr(at + 1);
      size_t dash = range.find('-');
      DatedCode d;
      d.code = code;
      std::string_view from = range.substr(0, dash),
                       to = dash == std::string_view::npos ? "" : range.substr(dash + 1);
      if (!trim(from).empty()) d.from = parse_date(from);
      if (!trim(to).empty()) d.to = parse_date(to);
      if ((!trim(from).empty() && !d.from) || (!trim(to).empty() && !d.to)) {
        warn("bad date in '" + std::string(role) + "'");
        continue;
      }
      if (d.to == 0) d.to = 99999999;
      record.dated.push_back(std::move(d));
    }
    if (record.code.empty() && record.dated.empty()) {
      warn("no usable role");
      continue;
    }
    std::string_view names = line.substr(0, tab);
    const int32_t id = static_cast<int32_t>(actors_.size());
    bool any = false;
    for (size_t n = 0; n <= names.size();) {
      size_t bar = std::min(names.find('|', n), names.size());
      std::vector<std::string> words = phrase_words(names.substr(n, bar - n));
      n = bar + 1;
      if (words.empty()) continue;
      if (!any) record.name = join(words);
      // Every spelling's surname ("Erdoğan", "Erdogan"), once each.
      if (words.size() > 1) {
        auto [from, to] = by_surname_.equal_range(words.back());
        if (std::none_of(from, to, [&](const auto& kv) { return kv.second == uint32_t(id); }))
          by_surname_.emplace(words.back(), static_cast<uint32_t>(id));
      }
      any = true;
      nodes_[insert(words, false)].actor = id;
      ++actor_phrases_;
      // The tokenizer may split "el-Sisi" into "el", "-", "Sisi": the name matches either way.
      std::vector<std::string> split;
      for (const std::string& w : words) {
        size_t from = 0;
        for (size_t dash = w.find('-', 1); dash != std::string::npos && dash + 1 < w.size();
             dash = w.find('-', dash + 1)) {
          split.push_back(w.substr(from, dash - from));
          split.emplace_back("-");
          from = dash + 1;
        }
        split.push_back(w.substr(from));
      }
      if (split.size() != words.size()) nodes_[insert(split, false)].actor = id;
    }
    if (any) actors_.push_back(std::move(record));
  }
}

void ActorDictionary::add_text(std::string_view text, std::string_view name, bool tabari) {
  auto warn = [&](size_t line, const std::string& msg) {
    ++warning_count_;
    if (warnings_.size() < kMaxWarnings)
      warnings_.push_back(fmt::format("{}:{}: {}", name, line, msg));
  };
  std::unordered_map<std::string, std::vector<std::string>> substitutions;  // "!PERSON!" -> forms
  int32_t current = -1;     // actor record that synonyms and date lines attach to
  bool in_comment = false;  // inside <!-- ... -->
  std::string block_end;    // "</NOUN>" while inside a TABARI class block

  // Phrase text -> words, with TABARI stemming when the phrase has no trailing '_'.
  auto add_actor_phrase = [&](std::string_view phrase, size_t line, int32_t record) {
    phrase = trim(phrase);
    std::vector<std::string> words = phrase_words(phrase);
    if (words.empty()) {
      warn(line, "empty phrase");
      return;
    }
    bool stem = tabari && !phrase.ends_with('_');
    uint32_t node = insert(words, stem);
    nodes_[node].actor = record;
    ++actor_phrases_;
  };

  // Where each closing tag ("</NOUN>") occurs, found in one pass when first needed: asking
  // "is the block closed later on?" by searching the rest of the file was quadratic.
  std::unordered_map<std::string, std::vector<size_t>> closings;
  bool closings_found = false;
  auto closing_after = [&](const std::string& end, size_t from) {
    if (!closings_found) {
      closings_found = true;
      for (size_t at = text.find("</"); at != std::string_view::npos;
           at = text.find("</", at + 2)) {
        size_t gt = text.find('>', at + 2);
        if (gt == std::string_view::npos) break;
        closings[upper(text.substr(at, gt + 1 - at))].push_back(at);
      }
    }
    auto it = closings.find(end);
    return it != closings.end() && it->second.back() >= from;
  };
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view raw = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    if (raw.size() > kMaxLine) {
      warn(line_no, "line too long, skipped");
      continue;
    }
    if (in_comment) {
      if (raw.find("-->") != std::string_view::npos) in_comment = false;
      continue;
    }
    if (!block_end.empty()) {
      if (upper(trim(raw)).find(block_end) != std::string::npos) block_end.clear();
      continue;
    }
    std::string_view t = trim(raw);
    if (t.empty()) continue;
    if (t[0] == '<') {
      size_t open = t.find("<!--");
      if (open != std::string_view::npos) {
        if (t.find("-->", open + 4) == std::string_view::npos) in_comment = true;
        continue;
      }
      // <NOUN> ... </NOUN>: TABARI word classes, skipped when the block is closed later on.
      if (t.size() > 2 && t[1] != '/' && t.find_first_of(" >") == t.size() - 1) {
        std::string end = "</" + upper(t.substr(1));
        if (closing_after(end, pos)) block_end = end;
      }
      continue;  // PETRARCH: other lines starting with '<' are comments
    }
    // Strip comments ('#' or ';' to the end of the line).
    size_t cut = t.find_first_of("#;");
    std::string_view body = trim(t.substr(0, cut == std::string_view::npos ? t.size() : cut));
    if (body.empty()) continue;
    const bool indented = std::isspace(static_cast<unsigned char>(raw[0])) != 0;

    // Substitution sets: !PERSON! = MAN, MEN, WOMAN
    if (body[0] == '!' && body.find('=') != std::string_view::npos) {
      size_t eq = body.find('=');
      std::string key = upper(trim(body.substr(0, eq)));
      std::vector<std::string> forms;
      std::string_view list = body.substr(eq + 1);
      while (!list.empty()) {
        size_t comma = list.find(',');
        std::string_view item = trim(list.substr(0, comma));
        if (!item.empty()) forms.push_back(upper(item));
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
      }
      if (key.size() < 3 || key.back() != '!' || forms.empty()) {
        warn(line_no, "bad substitution set");
      } else {
        substitutions[key] = std::move(forms);
      }
      continue;
    }

    // Split the line into phrase, {plural} and [code] groups.
    size_t first_group = body.find_first_of("[{");
    std::string_view phrase =
        trim(body.substr(0, first_group == std::string_view::npos ? body.size() : first_group));
    std::vector<Bracket> brackets;
    std::optional<std::string> plural;
    bool broken = false;
    for (size_t i = first_group; i != std::string_view::npos && i < body.size();) {
      char open = body[i];
      if (open != '[' && open != '{') {
        if (!std::isspace(static_cast<unsigned char>(open))) {
          warn(line_no, fmt::format("unexpected text after the codes: '{}'", body.substr(i)));
          break;
        }
        ++i;
        continue;
      }
      char close = open == '[' ? ']' : '}';
      size_t end = body.find(close, i + 1);
      if (end == std::string_view::npos) {
        // PETRARCH's own sample writes "[~LEG}": accept a mismatched closer.
        end = body.find(open == '[' ? '}' : ']', i + 1);
        if (end == std::string_view::npos) {
          warn(line_no, "unclosed bracket, line skipped");
          broken = true;
          break;
        }
      }
      std::string_view inside = body.substr(i + 1, end - i - 1);
      if (open == '{') {
        plural = std::string(trim(inside));
      } else {
        brackets.push_back(parse_bracket(inside));
        if (!brackets.back().error.empty()) {
          warn(line_no, brackets.back().error);
          brackets.pop_back();
        }
      }
      i = end + 1;
    }
    if (broken) continue;

    // A date restriction (indented) or a bare code line for the current record.
    if (phrase.empty()) {
      if (!indented && brackets.empty()) {
        warn(line_no, "no phrase");
        continue;
      }
      if (current < 0) {
        if (!brackets.empty()) warn(line_no, "code line without an actor above it");
        continue;
      }
      for (const Bracket& b : brackets) {
        if (b.code.find('~') != std::string::npos) {
          warn(line_no, "agent code on an actor's date line");
        } else if (b.dated) {
          actors_[current].dated.push_back({null_code(b.code) ? "" : b.code, b.from, b.to});
        } else {
          actors_[current].code = null_code(b.code) ? "" : b.code;
        }
      }
      continue;
    }
    if (phrase[0] == '+') {  // synonym
      if (current < 0) {
        warn(line_no, "synonym without an actor above it");
        continue;
      }
      add_actor_phrase(phrase.substr(1), line_no, current);
      continue;
    }

    bool agent = false;
    for (const Bracket& b : brackets) agent |= b.code.find('~') != std::string::npos;
    if (agent) {
      current = -1;
      const Bracket& b = brackets.front();
      AgentRecord rec;
      rec.prefix = b.code.back() == '~' && b.code.front() != '~';
      for (char c : b.code)
        if (c != '~') rec.code += c;
      rec.source = fmt::format("{}:{}", name, line_no);
      // Forms: substitution markers, else singular + plural.
      std::vector<std::vector<std::string>> forms;
      std::string up = upper(phrase);
      size_t bang = up.find('!');
      size_t bang2 = bang == std::string::npos ? bang : up.find('!', bang + 1);
      if (bang2 != std::string::npos) {
        std::string key = up.substr(bang, bang2 - bang + 1);
        auto it = substitutions.find(key);
        if (it == substitutions.end()) {
          warn(line_no, "undefined substitution " + key);
          continue;
        }
        for (const std::string& f : it->second) {
          std::string expanded = up.substr(0, bang) + f + up.substr(bang2 + 1);
          forms.push_back(phrase_words(expanded));
        }
      } else {
        forms.push_back(phrase_words(phrase));
        if (forms.back().empty()) {
          warn(line_no, "empty phrase");
          continue;
        }
        if (plural) {
          std::string_view list = *plural;
          while (!list.empty()) {
            size_t comma = list.find(',');
            auto w = phrase_words(list.substr(0, comma));
            if (!w.empty()) forms.push_back(std::move(w));
            if (comma == std::string_view::npos) break;
            list.remove_prefix(comma + 1);
          }
        } else if (!tabari) {
          forms.push_back(regular_plural(forms.front()));
        }
      }
      rec.phrase = join(forms.front());
      agents_.push_back(std::move(rec));
      const bool stem = tabari && !phrase.ends_with('_');
      for (const auto& f : forms) {
        if (f.empty()) continue;
        nodes_[insert(f, stem)].agent = static_cast<int32_t>(agents_.size() - 1);
        ++agent_phrases_;
      }
      continue;
    }

    // A new actor record.
    ActorRecord rec;
    rec.source = fmt::format("{}:{}", name, line_no);
    for (const Bracket& b : brackets) {
      if (b.dated) {
        rec.dated.push_back({null_code(b.code) ? "" : b.code, b.from, b.to});
      } else {
        rec.code = null_code(b.code) ? "" : b.code;
      }
    }
    rec.name = join(phrase_words(phrase));
    if (rec.name.empty()) {
      warn(line_no, "empty phrase");
      current = -1;
      continue;
    }
    actors_.push_back(std::move(rec));
    current = static_cast<int32_t>(actors_.size() - 1);
    add_actor_phrase(phrase, line_no, current);
  }
  if (in_comment) warn(line_no, "unterminated <!-- comment");
}

template <class Words>
std::pair<int32_t, size_t> ActorDictionary::longest(const Words& words, bool agents) const {
  int32_t best = -1;
  size_t best_len = 0;
  uint32_t node = 0;
  std::string w;
  for (size_t i = 0; i < words.size() && i < max_words_; ++i) {
    w.assign(words[i].data(), words[i].size());
    for (char& c : w) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const Node& n = nodes_[node];
    // TABARI stems end a phrase: the longest stem that begins this word.
    size_t stem_len = 0;
    for (const auto& [stem, child] : n.stems) {
      if (stem.size() > stem_len && w.starts_with(stem)) {
        int32_t v = agents ? nodes_[child].agent : nodes_[child].actor;
        if (v >= 0) best = v, best_len = i + 1, stem_len = stem.size();
      }
    }
    auto it = n.next.find(w);
    if (it == n.next.end()) break;
    node = it->second;
    int32_t v = agents ? nodes_[node].agent : nodes_[node].actor;
    if (v >= 0) best = v, best_len = i + 1;
  }
  return {best, best_len};
}

std::optional<ActorMatch> ActorDictionary::match_actor(std::span<const std::string_view> words,
                                                       int32_t date) const {
  auto [rec, len] = longest(words, false);
  if (rec < 0) return std::nullopt;
  return ActorMatch{&actors_[rec], actors_[rec].code_at(date), len};
}

std::optional<ActorMatch> ActorDictionary::match_actor(const std::vector<std::string>& words,
                                                       int32_t date) const {
  auto [rec, len] = longest(words, false);
  if (rec < 0) return std::nullopt;
  return ActorMatch{&actors_[rec], actors_[rec].code_at(date), len};
}

std::optional<AgentMatch> ActorDictionary::match_agent(
    std::span<const std::string_view> words) const {
  auto [rec, len] = longest(words, true);
  if (rec < 0) return std::nullopt;
  return AgentMatch{&agents_[rec], len};
}

std::optional<AgentMatch> ActorDictionary::match_agent(
    const std::vector<std::string>& words) const {
  auto [rec, len] = longest(words, true);
  if (rec < 0) return std::nullopt;
  return AgentMatch{&agents_[rec], len};
}

const AgentRecord* ActorDictionary::agent(std::string_view phrase) const {
  std::vector<std::string> words = phrase_words(phrase);
  if (words.empty()) return nullptr;
  auto [rec, len] = longest(words, true);
  return rec >= 0 && len == words.size() ? &agents_[rec] : nullptr;
}

}  // namespace parley

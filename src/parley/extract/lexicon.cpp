#include "parley/extract/lexicon.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace parley::extract {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::vector<std::string_view> split_ws(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<std::string> split_bar(std::string_view s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t next = s.find('|', pos);
    if (next == std::string_view::npos) next = s.size();
    if (next > pos) {
      std::string entry = lower(s.substr(pos, next - pos));
      std::replace(entry.begin(), entry.end(), '_', ' ');  // a phrase: consecutive words
      out.push_back(std::move(entry));
    }
    pos = next + 1;
  }
  return out;
}

Relation parse_relation(std::string_view r, const std::string& origin) {
  static const std::pair<std::string_view, Relation> kNames[] = {
      {"obj", Relation::Obj},      {"iobj", Relation::Iobj},   {"obl", Relation::Obl},
      {"nmod", Relation::Nmod},    {"xcomp", Relation::Xcomp}, {"ccomp", Relation::Ccomp},
      {"prt", Relation::Particle}, {"amod", Relation::Amod},   {"compound", Relation::Compound},
      {"nsubj", Relation::Nsubj},  {"any", Relation::Any},     {"pre", Relation::Pre},
      {"post", Relation::Post},    {"joint", Relation::Joint}};
  for (const auto& [name, rel] : kNames)
    if (r == name) return rel;
  throw std::invalid_argument(origin + ": unknown relation '" + std::string(r) + "'");
}

bool valid_code(std::string_view code) {
  if (code == "---" || code == "~") return true;
  if (code.size() > 1 && code[0] == '@') {
    return code == "@appeal" || code == "@intent" || code == "@plan" || code == "@demand" ||
           code == "@reject" || code == "@threaten";
  }
  if (code.size() < 3 || code.size() > 4) return false;
  return std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Calls f(line, origin) for each non-empty line, origin being "label:line" (label defaults to
// the path).
template <typename F>
void for_each_line(const std::string& path, F&& f, const std::string& label = {}) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open lexicon file " + path);
  const std::string& name = label.empty() ? path : label;
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.pop_back();
    if (line.empty()) continue;
    if (name == path) {
      f(line, path + ":" + std::to_string(number));
      continue;
    }
    try {
      f(line, name + ":" + std::to_string(number));
    } catch (const std::invalid_argument& e) {
      // The label is short (relative to the data directory); errors still name the file.
      throw std::invalid_argument(std::string(e.what()) + " (in " + path + ")");
    }
  }
}

std::vector<std::string> tsv_files(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".tsv")
      out.push_back(entry.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

const std::vector<Pattern> kNone;

}  // namespace

Lexicon Lexicon::load_default(const std::string& data_dir) {
  Lexicon lexicon;
  const std::filesystem::path root = std::filesystem::path(data_dir) / "events";
  // Patterns name their origin relative to the data directory ("events/verbs/core.tsv:5"): the
  // coded output explains a coding without leaking where the data happen to be installed.
  auto label = [](const std::string& file, const char* table) {
    return "events/" + std::string(table) + "/" + std::filesystem::path(file).filename().string();
  };
  for (const std::string& f : tsv_files(root / "verbs"))
    lexicon.load_patterns(f, false, label(f, "verbs"));
  for (const std::string& f : tsv_files(root / "nouns"))
    lexicon.load_patterns(f, true, label(f, "nouns"));
  lexicon.load_families((root / "families.tsv").string());
  if (std::filesystem::exists(root / "implicit-agents.tsv"))
    lexicon.load_implicit_agents((root / "implicit-agents.tsv").string());
  if (std::filesystem::exists(root / "appraisals.tsv"))
    lexicon.load_appraisals((root / "appraisals.tsv").string());
  return lexicon;
}

void Lexicon::load_appraisals(const std::string& path) {
  for_each_line(path, [&](const std::string& line, const std::string& origin) {
    std::vector<std::string_view> cols = split_ws(line);
    if (cols.size() < 2 || cols.size() > 3 || cols[1].size() != 3)
      throw std::invalid_argument(origin + ": expected LEMMA<TAB>CAMEO[<TAB>UPOS]");
    appraisals_[std::string(cols[0])] =
        Appraisal{std::string(cols[1]), cols.size() == 3 ? std::string(cols[2]) : std::string()};
  });
}

std::string_view Lexicon::appraisal(std::string_view lemma, std::string_view upos) const {
  auto it = appraisals_.find(std::string(lemma));
  if (it == appraisals_.end() || (!it->second.upos.empty() && it->second.upos != upos)) return {};
  return it->second.code;
}

void Lexicon::load_implicit_agents(const std::string& path) {
  for_each_line(path, [&](const std::string& line, const std::string& origin) {
    std::vector<std::string_view> cols = split_ws(line);
    if (cols.size() != 2 || cols[1].size() != 3)
      throw std::invalid_argument(origin + ": expected LEMMA<TAB>SECTOR");
    implicit_agents_[std::string(cols[0])] = std::string(cols[1]);
  });
}

void Lexicon::load_patterns(const std::string& path, bool noun, const std::string& label) {
  auto add_line = [&](const std::string& line, const std::string& origin) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos)
      throw std::invalid_argument(origin + ": expected CODE<TAB>PATTERN");
    add(std::string_view(line).substr(0, tab), std::string_view(line).substr(tab + 1), noun,
        origin);
  };
  for_each_line(path, add_line, label);
}

void Lexicon::load_families(const std::string& path) {
  for_each_line(path, [&](const std::string& line, const std::string& origin) {
    std::vector<std::string_view> cols = split_ws(line);
    if (cols.size() != 6)
      throw std::invalid_argument(origin + ": expected act appeal intent demand reject threaten");
    auto col = [&](size_t i) { return cols[i] == "-" ? std::string() : std::string(cols[i]); };
    families_[std::string(cols[0])] = Family{col(1), col(2), col(3), col(4), col(5)};
  });
}

void Lexicon::add(std::string_view code, std::string_view pattern, bool noun, std::string origin) {
  add(parse(code, pattern, std::move(origin)), noun);
}

Pattern Lexicon::parse(std::string_view code, std::string_view pattern, std::string origin) {
  while (!code.empty() && code.back() == ' ') code.remove_suffix(1);
  std::string_view reverse;
  if (size_t colon = code.find(':'); colon != std::string_view::npos) {
    reverse = code.substr(colon + 1);
    code = code.substr(0, colon);
    if (!valid_code(reverse) || !std::isdigit(static_cast<unsigned char>(reverse[0])) ||
        !std::isdigit(static_cast<unsigned char>(code[0])))
      throw std::invalid_argument(origin + ": bad paired code '" + std::string(code) + ":" +
                                  std::string(reverse) + "'");
  }
  if (!valid_code(code))
    throw std::invalid_argument(origin + ": bad code '" + std::string(code) + "'");
  std::vector<std::string_view> parts = split_ws(pattern);
  if (parts.empty()) throw std::invalid_argument(origin + ": empty pattern");
  Pattern p;
  p.code = std::string(code);
  p.reverse_code = std::string(reverse);
  p.lemma = lower(parts[0]);
  p.origin = std::move(origin);
  for (size_t i = 1; i < parts.size(); ++i) {
    std::string_view t = parts[i];
    ArgConstraint c;
    if (t[0] == '+')
      c.role = ArgRole::Target, t.remove_prefix(1);
    else if (t[0] == '$')
      c.role = ArgRole::Source, t.remove_prefix(1);
    std::string_view lemmas;
    if (size_t eq = t.find('='); eq != std::string_view::npos) {
      lemmas = t.substr(eq + 1);
      t = t.substr(0, eq);
      if (lemmas.empty())
        throw std::invalid_argument(p.origin + ": empty lemma list in '" + std::string(parts[i]) +
                                    "'");
    }
    if (size_t colon = t.find(':'); colon != std::string_view::npos) {
      c.prep = lower(t.substr(colon + 1));
      t = t.substr(0, colon);
    }
    c.relation = parse_relation(t, p.origin);
    if ((c.relation == Relation::Pre || c.relation == Relation::Post) && !c.prep.empty()) {
      if (c.prep != "adj")
        throw std::invalid_argument(p.origin + ": '" + std::string(parts[i]) +
                                    "': only :adj qualifies pre/post");
      c.adjacent = true;
      c.prep.clear();
    }
    c.lemmas = split_bar(lemmas);
    if (c.relation == Relation::Pre && c.lemmas.empty() && c.role == ArgRole::None)
      throw std::invalid_argument(p.origin + ": a pre constraint needs lemmas or a role");
    p.args.push_back(std::move(c));
  }
  return p;
}

void Lexicon::add(Pattern pattern, bool noun) {
  if (pattern.stem && !noun) verb_stems_[pattern.lemma].push_back(pattern);
  auto& table = noun ? nouns_ : verbs_;
  table[pattern.lemma].push_back(std::move(pattern));
}

void Lexicon::verb_stems(std::string_view lemma, std::vector<const Pattern*>& out) const {
  if (verb_stems_.empty()) return;
  for (size_t len = 3; len < lemma.size(); ++len) {
    auto it = verb_stems_.find(std::string(lemma.substr(0, len)));
    if (it == verb_stems_.end()) continue;
    for (const Pattern& p : it->second) out.push_back(&p);
  }
}

void Lexicon::override_with(const Lexicon& other) {
  for (const auto& [lemma, patterns] : other.verbs_) verbs_[lemma] = patterns;
  for (const auto& [lemma, patterns] : other.nouns_) nouns_[lemma] = patterns;
  for (const auto& [stem, patterns] : other.verb_stems_) verb_stems_[stem] = patterns;
  for (const auto& [act, family] : other.families_) families_[act] = family;
  for (const auto& [lemma, sector] : other.implicit_agents_) implicit_agents_[lemma] = sector;
  for (const auto& [lemma, a] : other.appraisals_) appraisals_[lemma] = a;
}

std::span<const Pattern> Lexicon::verbs(std::string_view lemma) const {
  auto it = verbs_.find(std::string(lemma));
  return it == verbs_.end() ? std::span<const Pattern>(kNone)
                            : std::span<const Pattern>(it->second);
}

std::span<const Pattern> Lexicon::nouns(std::string_view lemma) const {
  auto it = nouns_.find(std::string(lemma));
  return it == nouns_.end() ? std::span<const Pattern>(kNone)
                            : std::span<const Pattern>(it->second);
}

std::string Lexicon::family_code(std::string_view family, std::string_view act) const {
  const int root = act.size() >= 2 && std::isdigit(static_cast<unsigned char>(act[0])) &&
                           std::isdigit(static_cast<unsigned char>(act[1]))
                       ? (act[0] - '0') * 10 + (act[1] - '0')
                       : 0;
  // A plan or decision to cooperate is an expressed intent (CAMEO 03); CAMEO has no intent code
  // for investigations, demands, disapproval or force, so a plan of those is the act itself, its
  // modality saying it is planned ("intends to appeal the ruling", "plans to pull out of Iran").
  if (family == "plan") {
    if (root >= 9) return std::string(act);
    family = "intent";
  }
  // A promise of coercion or force is a threat ("vowed to retaliate"), as "will strike" is.
  if (family == "intent" && root >= 15) family = "threaten";
  auto pick = [&](const Family& f) -> const std::string& {
    if (family == "appeal") return f.appeal;
    if (family == "intent") return f.intent;
    if (family == "demand") return f.demand;
    if (family == "reject") return f.reject;
    return f.threaten;
  };
  for (std::string key(act); key.size() >= 2; key.pop_back()) {
    if (auto it = families_.find(key); it != families_.end() && !pick(it->second).empty())
      return pick(it->second);
    if (key.size() == 3 && key.back() == '0') break;
  }
  if (family == "appeal") return "020";
  if (family == "intent") return "030";
  if (family == "demand") return "100";
  if (family == "reject") return "120";
  return "130";
}

void Lexicon::load_discards(const std::string& path, std::vector<std::string>* warnings) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open discard list " + path);
  std::string line;
  bool in_comment = false;
  size_t line_no = 0, comment_line = 0, found = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find('\0') != std::string::npos)
      throw std::runtime_error(path + ":" + std::to_string(line_no) +
                               ": binary file (contains NUL bytes), not a discard list");
    if (!in_comment && line.find("<!--") != std::string::npos) comment_line = line_no;
    if (in_comment || line.find("<!--") != std::string::npos) {
      in_comment = line.find("-->") == std::string::npos;
      continue;
    }
    for (char stop : {'#', ';'})
      if (auto p = line.find(stop); p != std::string::npos) line.resize(p);
    std::string phrase;
    for (char c : line) {
      if (c == '\r' || c == '\t') c = ' ';
      if (c == ' ' && (phrase.empty() || phrase.back() == ' ')) continue;
      phrase += c;
    }
    while (!phrase.empty() && phrase.back() == ' ') phrase.pop_back();
    if (phrase.empty() || phrase[0] == '<') continue;
    Discard d;
    if (phrase[0] == '+') d.story = true, phrase.erase(0, 1);
    if (!phrase.empty() && phrase.back() == '_') d.whole_word = true, phrase.pop_back();
    for (char& c : phrase)
      if (c == '_') c = ' ';
    d.phrase = lower(phrase);
    if (!d.phrase.empty()) discards_.push_back(std::move(d)), ++found;
  }
  if (!warnings) return;
  if (in_comment)
    warnings->push_back(path + ":" + std::to_string(comment_line) +
                        ": XML comment never closed: the rest of the file was ignored");
  if (found == 0) warnings->push_back(path + ": no discard phrase found");
}

const Discard* Lexicon::discarded(std::string_view text, bool story) const {
  if (discards_.empty()) return nullptr;
  std::string t = lower(text);
  auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); };
  for (const Discard& d : discards_) {
    if (d.story != story) continue;
    for (size_t p = t.find(d.phrase); p != std::string::npos; p = t.find(d.phrase, p + 1)) {
      if (p > 0 && word_char(t[p - 1])) continue;
      size_t e = p + d.phrase.size();
      if (d.whole_word && e < t.size() && word_char(t[e])) continue;
      return &d;
    }
  }
  return nullptr;
}

size_t Lexicon::verb_count() const {
  size_t n = 0;
  for (const auto& [_, v] : verbs_) n += v.size();
  return n;
}

size_t Lexicon::noun_count() const {
  size_t n = 0;
  for (const auto& [_, v] : nouns_) n += v.size();
  return n;
}

}  // namespace parley::extract

#include "parley/extract/petrarch_verbs.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <stdexcept>

namespace parley::extract {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(cur), cur.clear();
  };
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c)))
      flush();
    else if (c == '(' || c == ')' || c == '{' || c == '}' || c == '|')
      flush(), out.push_back(std::string(1, c));
    else
      cur += c;
  }
  flush();
  return out;
}

bool cameo_code(const std::string& c) {
  return c == "---" ||
         (c.size() >= 2 && c.size() <= 4 && std::all_of(c.begin(), c.end(), [](char ch) {
            return std::isdigit(static_cast<unsigned char>(ch));
          }));
}

struct Verb {
  std::string lemma, particle, code;  // code: own code or the block's
  bool stem = false;  // TABARI: a verb written without a trailing '_' is a stem ("RESTOR", "REFUS")
};

class Reader {
 public:
  Reader(const std::string& path, PetrarchReadStats& stats) : path_(path), stats_(stats) {}

  Lexicon run() {
    std::ifstream in(path_);
    if (!in) throw std::runtime_error("cannot open verb dictionary " + path_);
    std::string raw;
    while (std::getline(in, raw)) {
      ++line_;
      if (raw.find('\0') != std::string::npos)
        throw std::runtime_error(where() +
                                 ": binary file (contains NUL bytes), not a verb dictionary");
      handle(raw);
    }
    if (stats_.verbs == 0)
      throw std::runtime_error(path_ + ": no verb found (not a PETRARCH/TABARI verb dictionary?)");
    return std::move(lexicon_);
  }

 private:
  std::string where() const { return path_ + ":" + std::to_string(line_); }
  void problem(const std::string& msg) {
    count_line();
    if (stats_.problems.size() < 50) stats_.problems.push_back(where() + ": " + msg);
  }
  void count_line() {
    if (counted_line_ != line_) ++stats_.lines_with_problems, counted_line_ = line_;
  }
  void skip(const std::string& reason) {
    count_line();
    ++stats_.patterns_skipped;
    ++stats_.skipped_by_reason[reason];
  }

  static std::string strip_comment(const std::string& s) {
    size_t cut = s.size();
    for (size_t i = 0; i < s.size(); ++i)
      if (s[i] == '#' || s[i] == ';') {
        cut = i;
        break;
      }
    return s.substr(0, cut);
  }

  void handle(const std::string& raw) {
    std::string t = trim(raw);
    if (t.starts_with("<!--") || t.starts_with("<")) return;  // XML-style comments/markers
    if (t.starts_with("---")) return start_block(t);
    t = trim(strip_comment(t));
    if (t.empty()) {
      synset_.clear();
      return;
    }
    if (t[0] == '~') return skip("transformation (~) line");
    if (t[0] == '&') {
      synset_ = t.substr(1);
      while (!synset_.empty() && (synset_.back() == '_' || synset_.back() == ' '))
        synset_.pop_back();
      synset_plurals_ = t.back() != '_';
      synsets_[synset_];
      ++stats_.synsets;
      return;
    }
    if (t[0] == '+' && !synset_.empty()) return add_synonym(t.substr(1));
    synset_.clear();
    if (t[0] == '-') return add_pattern(t.substr(1));
    add_verb(t);
  }

  void start_block(const std::string& t) {
    petrarch_ = true;
    verbs_.clear();
    block_has_patterns_ = false;
    synset_.clear();
    ++stats_.blocks;
    size_t b = t.find('['), e = t.find(']');
    block_code_ = (b != std::string::npos && e != std::string::npos && e > b)
                      ? trim(t.substr(b + 1, e - b - 1))
                      : "---";
  }

  // A synset member: a phrase of consecutive words ("DID N'T", "GOLDEN_GOBLIN_GALLEONS"), its
  // last word pluralised unless the synset or the phrase ends with '_', or another synset.
  void add_synonym(const std::string& phrase) {
    std::string t = trim(phrase);
    bool plural = synset_plurals_ && !t.ends_with("_");
    while (!t.empty() && t.back() == '_') t.pop_back();
    auto& list = synsets_[synset_];
    if (t.starts_with("&")) {
      for (const std::string& e : expand(t)) list.push_back(e);
      return;
    }
    std::string words;
    for (const std::string& w : split_words(t)) {
      std::string l = lower(w);
      std::replace(l.begin(), l.end(), '_', ' ');
      words += (words.empty() ? "" : " ") + l;
    }
    if (words.empty()) return;
    list.push_back(words);
    if (plural) {
      if (words.ends_with("y"))
        list.push_back(words.substr(0, words.size() - 1) + "ies");
      else if (words.ends_with("ss"))
        list.push_back(words + "es");
      else
        list.push_back(words + "s");
    }
  }

  void add_verb(const std::string& t) {
    if (!petrarch_ || block_has_patterns_) {  // TABARI: every verb line is a block
      verbs_.clear();
      block_has_patterns_ = false;
      block_code_ = "---";
      if (!petrarch_) ++stats_.blocks;
    }
    std::string head = t.substr(0, t.find_first_of("{[ \t"));
    std::string own;
    if (size_t b = t.find('['), e = t.find(']');
        b != std::string::npos && e != std::string::npos && e > b)
      own = trim(t.substr(b + 1, e - b - 1));
    if (size_t b = t.find('{'), e = t.find('}');
        b != std::string::npos && e != std::string::npos && e > b)
      stats_.forms += split_words(t.substr(b + 1, e - b - 1)).size();
    else if (b != std::string::npos)
      problem("unclosed { in verb forms");
    Verb v;
    std::vector<std::string> parts;
    for (size_t pos = 0; pos <= head.size();) {
      size_t u = head.find('_', pos);
      if (u == std::string::npos) u = head.size();
      if (u > pos) parts.push_back(head.substr(pos, u - pos));
      pos = u + 1;
    }
    if (parts.empty()) return problem("empty verb line");
    size_t verb_at = 0;
    for (size_t i = 0; i < parts.size(); ++i)
      if (parts[i][0] == '+') verb_at = i;
    v.lemma = lower(parts[verb_at][0] == '+' ? parts[verb_at].substr(1) : parts[verb_at]);
    v.stem = !petrarch_ && verb_at + 1 == parts.size() && !head.ends_with('_');
    for (size_t i = verb_at + 1; i < parts.size(); ++i)
      v.particle += (v.particle.empty() ? "" : " ") + lower(parts[i]);
    if (v.lemma.empty() || !std::all_of(v.lemma.begin(), v.lemma.end(), [](char c) {
          return std::isalpha(static_cast<unsigned char>(c)) || c == '-' || c == '\'';
        }))
      return problem("unreadable verb '" + head + "'");
    if (v.particle.find(' ') != std::string::npos)
      v.particle = v.particle.substr(0, v.particle.find(' '));
    v.code = own.empty() ? block_code_ : own;
    ++stats_.verbs;
    verbs_.push_back(v);
    if (cameo_code(primary(v.code)) && primary(v.code) != "---") {
      add_to_lexicon(v.code, base(v), {}, v.stem);
      ++stats_.verb_codes;
    }
  }

  static std::string base(const Verb& v) {
    return v.particle.empty() ? v.lemma : v.lemma + " prt=" + v.particle;
  }

  // `code` may be paired ("032:033"); a paired half that is not CAMEO digits is dropped.
  void add_to_lexicon(std::string code, const std::string& verb, const std::string& constraints,
                      bool stem = false) {
    std::string pattern = constraints.empty() ? verb : verb + " " + constraints;
    auto pad = [](std::string c) { return c.size() == 2 ? c + "0" : c; };
    std::string reverse;
    if (size_t colon = code.find(':'); colon != std::string::npos) {
      reverse = trim(code.substr(colon + 1));
      code = trim(code.substr(0, colon));
      if (!cameo_code(reverse) || reverse == "---") reverse.clear();
    }
    try {
      Pattern p =
          Lexicon::parse(pad(code) + (reverse.empty() ? "" : ":" + pad(reverse)), pattern, where());
      p.form = true;
      p.stem = stem;
      p.literal = true;
      lexicon_.add(std::move(p), false);
    } catch (const std::invalid_argument& e) {
      problem(e.what());
    }
  }

  static std::string primary(const std::string& code) { return code.substr(0, code.find(':')); }

  // A pattern token -> its alternatives as phrases (words space-joined): '_' joins consecutive
  // words, '&NAME' stands for each member of a synset ("NEW_&TIETYPES_RELATIONS" -> "new
  // military relations", "new economic relations", ...). Empty when a word is unusable.
  std::vector<std::string> expand(std::string w) {
    while (!w.empty() && w.back() == '_') w.pop_back();
    while (!w.empty() && w.front() == '_') w.erase(0, 1);
    std::vector<std::string> out{""};
    for (size_t pos = 0; pos < w.size();) {
      size_t u = w.find('_', pos);
      if (u == std::string::npos) u = w.size();
      std::string part = w.substr(pos, u - pos);
      pos = u + 1;
      if (part.empty()) continue;
      std::vector<std::string> alts;
      if (part[0] == '&') {
        auto it = synsets_.find(part.substr(1));
        if (it == synsets_.end() || it->second.empty()) {
          problem("unknown synset " + part);
          return {};
        }
        alts = it->second;
      } else {
        part = lower(part);
        if (!std::all_of(part.begin(), part.end(), [](char c) {
              return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '\'' ||
                     c == '.';
            }))
          return {};
        alts.push_back(part);
      }
      std::vector<std::string> next;
      for (const std::string& o : out)
        for (const std::string& x : alts)
          if (next.size() < kMaxAlternatives) next.push_back(o.empty() ? x : o + " " + x);
      out = std::move(next);
    }
    if (out.size() == 1 && out[0].empty()) return {};
    return out;
  }

  // Alternatives as a lexicon lemma list: "a|b_c".
  static std::string lemma_list(const std::vector<std::string>& alts) {
    std::string out;
    for (std::string a : alts) {
      if (a.find_first_of("=|:") != std::string::npos) continue;
      std::replace(a.begin(), a.end(), ' ', '_');
      out += (out.empty() ? "" : "|") + a;
    }
    return out;
  }

  static bool preposition(const std::string& w) {
    static const char* kPreps[] = {"in",      "on",      "at",      "with",    "to",     "for",
                                   "from",    "by",      "against", "of",      "over",   "into",
                                   "between", "among",   "toward",  "towards", "about",  "under",
                                   "through", "after",   "before",  "near",    "across", "upon",
                                   "onto",    "without", "within"};
    std::string l = lower(w);
    while (!l.empty() && l.back() == '_') l.pop_back();
    return std::find(std::begin(kPreps), std::end(kPreps), l) != std::end(kPreps);
  }

  // The words before '*' (TABARI's pre-verb context: "SAID WOULD NOT *", "NOT_*") as `pre`
  // constraints in order; a token joined to what follows by '_' must be right before it. `$`/`+`
  // mark the actor right before the next word (only where words give them a place; alone they
  // are the subject, which is the default), `%` a compound subject. False when the pattern was
  // skipped.
  bool pre_verb(const std::string& text, std::string& out) {
    std::vector<std::string> toks = split_words(text);
    bool words = std::any_of(toks.begin(), toks.end(),
                             [](const std::string& t) { return t != "$" && t != "+" && t != "^"; });
    if (!words) return true;
    for (size_t i = 0; i < toks.size(); ++i) {
      const std::string& t = toks[i];
      if (t == "^") continue;
      if (t == "%") {
        out += (out.empty() ? "" : " ") + std::string("joint");
        continue;
      }
      if (t == "$" || t == "+") {
        out += (out.empty() ? "" : " ") + t + "pre";
        continue;
      }
      if (t == "(" || t == ")" || t == "{" || t == "}" || t == "|") {
        skip("pre-verb context with brackets");
        return false;
      }
      std::string l = lemma_list(expand(t));
      if (l.empty()) {
        skip("unusable word");
        return false;
      }
      bool adjacent = t.ends_with("_") ||
                      (i + 1 == toks.size() && text.find_last_not_of(" \t") != std::string::npos &&
                       text[text.find_last_not_of(" \t")] == '_');
      out += (out.empty() ? "" : " ") + std::string(adjacent ? "pre:adj=" : "pre=") + l;
    }
    return true;
  }

  void add_pattern(const std::string& body_and_code) {
    ++stats_.patterns_read;
    block_has_patterns_ = true;
    if (verbs_.empty()) {
      problem("pattern before any verb");
      return skip("pattern before any verb");
    }
    size_t b = body_and_code.rfind('['), e = body_and_code.rfind(']');
    if (b == std::string::npos || e == std::string::npos || e < b) {
      problem("pattern without [code]");
      return skip("malformed (no [code])");
    }
    std::string code = trim(body_and_code.substr(b + 1, e - b - 1));
    if (!cameo_code(primary(code))) return skip("code is not CAMEO digits");
    std::string body = body_and_code.substr(0, b);
    size_t star = body.find('*');
    if (star == std::string::npos) {
      problem("pattern without *");
      return skip("malformed (no *)");
    }
    std::string pre_out;
    if (!pre_verb(body.substr(0, star), pre_out)) return;
    std::string particle;
    std::string post = body.substr(star + 1);
    if (!post.empty() && post[0] == '_') {
      std::string attached = post.substr(1, post.find_first_of(" \t") - 1);
      static const char* kParticles[] = {"out",   "up",      "off",    "down", "in",
                                         "back",  "over",    "away",   "on",   "through",
                                         "aside", "forward", "around", "apart"};
      if (std::find(std::begin(kParticles), std::end(kParticles), lower(attached)) ==
          std::end(kParticles))
        return skip("verb chain inside the pattern");
      particle = lower(attached);
      post = post.substr(1 + attached.size());
    }
    std::vector<std::string> toks = split_words(post);
    std::string out = pre_out;
    char role = 0;
    std::string prep;
    auto emit = [&](const std::string& rel, const std::string& lemmas) {
      out += (out.empty() ? "" : " ") + (role ? std::string(1, role) : std::string()) + rel +
             (lemmas.empty() ? "" : "=" + lemmas);
      role = 0;
    };
    // A word after a preposition is the head of that prepositional phrase; other words are
    // read in order, as TABARI does: "* ARTILLERY" matches "fired two artillery shells".
    auto noun = [&](const std::string& lemmas) {
      if (!prep.empty())
        emit("obl:" + prep, lemmas), prep.clear();
      else
        emit("post", lemmas);
    };
    for (size_t i = 0; i < toks.size(); ++i) {
      const std::string& t = toks[i];
      if (t == "%") {
        // After a preposition: a compound actor there ("agree with A and B") is coded one event
        // per actor anyway.
        if (prep.empty()) return skip("compound actor (%)");
        emit("obl:" + prep, "");
        prep.clear();
        continue;
      }
      if (t == "^") continue;
      if (t == "$" || t == "+") {
        if (!prep.empty()) {
          role = t == "$" ? '$' : '+';
          emit("obl:" + prep, "");
          prep.clear();
        } else {
          role = t == "$" ? '$' : '+';
        }
        continue;
      }
      if (t == "(" || t == "{") {
        std::string close = t == "(" ? ")" : "}";
        std::vector<std::string> group;
        size_t j = i + 1;
        while (j < toks.size() && toks[j] != close) group.push_back(toks[j++]);
        if (j == toks.size()) {
          problem("unbalanced " + t + " in pattern");
          return skip("malformed (unbalanced brackets)");
        }
        i = j;
        if (t == "(") {
          if (group.empty()) continue;
          std::string p = lower(group[0]);
          while (!p.empty() && p.back() == '_') p.pop_back();
          char r = 0;
          std::string head;
          for (size_t k = 1; k < group.size(); ++k) {
            if (group[k] == "$")
              r = '$';
            else if (group[k] == "+")
              r = '+';
            else if (group[k] != "{" && group[k] != "}" && group[k] != "|")
              head = group[k];
          }
          std::string lem = head.empty() ? "" : lemma_list(expand(head));
          if (!head.empty() && lem.empty()) return skip("unusable word");
          role = r;
          emit("obl:" + p, lem);
        } else {
          // TABARI { A | B }: alternatives; PETRARCH {ADJ NOUN}: a noun phrase, its words in order.
          if (std::find(group.begin(), group.end(), "|") != group.end()) {
            std::vector<std::string> alts, cur;
            auto take = [&] {
              if (cur.empty()) return;
              std::string phrase;
              for (const std::string& c : cur) phrase += (phrase.empty() ? "" : "_") + c;
              for (const std::string& l : expand(phrase)) alts.push_back(l);
              cur.clear();
            };
            for (const std::string& g : group)
              if (g == "|")
                take();
              else
                cur.push_back(g);
            take();
            std::string l = lemma_list(alts);
            if (l.empty()) return skip("unusable word");
            noun(l);
          } else {
            if (group.empty()) continue;
            if (!prep.empty()) {  // (PREP {ADJ NOUN}) written without parentheses: its head
              std::string l = lemma_list(expand(group.back()));
              if (l.empty()) return skip("unusable word");
              noun(l);
              continue;
            }
            for (const std::string& g : group) {
              std::string l = lemma_list(expand(g));
              if (l.empty()) return skip("unusable word");
              emit("post", l);
            }
          }
        }
        continue;
      }
      if (t.size() > 1 && t.back() == '_' && preposition(t) && i + 1 < toks.size()) {
        prep = lower(t.substr(0, t.size() - 1));
        continue;
      }
      if (preposition(t) && i + 1 < toks.size() && prep.empty()) {
        prep = lower(t);
        continue;
      }
      std::string lem = lemma_list(expand(t));
      if (lem.empty()) return skip("unusable word");
      noun(lem);
    }
    if (role) emit("obj", ""), role = 0;
    // A closing preposition is a word that follows ("memos from").
    if (!prep.empty()) emit("post", prep);
    std::string constraints = out;
    for (const Verb& v : verbs_) {
      std::string verb = v.lemma;
      std::string prt = particle.empty() ? v.particle : particle;
      if (!prt.empty()) verb += " prt=" + prt;
      add_to_lexicon(code, verb, constraints, v.stem && prt.empty());
      ++stats_.patterns_converted;
    }
  }

  static constexpr size_t kMaxAlternatives = 256;
  std::string path_;
  PetrarchReadStats& stats_;
  Lexicon lexicon_;
  size_t line_ = 0, counted_line_ = 0;
  bool petrarch_ = false, block_has_patterns_ = false, synset_plurals_ = true;
  std::string block_code_ = "---", synset_;
  std::vector<Verb> verbs_;
  std::map<std::string, std::vector<std::string>> synsets_;
};

}  // namespace

Lexicon read_petrarch_verbs(const std::string& path, PetrarchReadStats* stats) {
  PetrarchReadStats local;
  return Reader(path, stats ? *stats : local).run();
}

}  // namespace parley::extract

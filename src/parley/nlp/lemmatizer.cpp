#include "parley/nlp/lemmatizer.hpp"

#include <algorithm>
#include <map>

#include "parley/text/utf8.hpp"

namespace parley::nlp {

namespace {

constexpr size_t kMaxEnding = 6;

std::string make_key(std::string_view xpos, std::string_view s) {
  std::string k;
  k.reserve(xpos.size() + 1 + s.size());
  k.append(xpos);
  k += '\t';
  k.append(s);
  return k;
}

size_t common_prefix(std::string_view a, std::string_view b) {
  size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

std::string derive_rule(const std::string& form, const std::string& lower,
                        const std::string& lemma) {
  size_t ca = common_prefix(form, lemma), cb = common_prefix(lower, lemma);
  bool use_lower = cb >= ca;  // lowercase unless case matters (proper nouns)
  const std::string& base = use_lower ? lower : form;
  size_t common = use_lower ? cb : ca;
  size_t cut = base.size() - common;
  if (cut > 200) return {};
  std::string rule;
  rule += use_lower ? '1' : '0';
  rule += static_cast<char>(cut);
  rule += lemma.substr(common);
  return rule;
}

// Lowercased text cut back to a whole UTF-8 character boundary for endings.
size_t ending_start(std::string_view s, size_t len) {
  if (len >= s.size()) return 0;
  size_t at = s.size() - len;
  while (at > 0 && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
  return at;
}

uint64_t hash_more(uint64_t h, std::string_view s) {
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;  // FNV-1a
  return h;
}
uint64_t finish_hash(uint64_t h) {
  h ^= h >> 31;
  h *= 0x9E3779B97F4A7C15ULL;
  return h ^ (h >> 29);
}

}  // namespace

uint64_t Lemmatizer::Index::prefix(std::string_view xpos) {
  return hash_more(hash_more(0xcbf29ce484222325ULL, xpos), "\t");
}

void Lemmatizer::Index::build(const std::unordered_map<std::string, std::string>& m) {
  slots_.clear();
  keys_.clear();
  values_.clear();
  if (m.empty()) return;
  size_t cap = 16;
  while (cap < m.size() * 2) cap <<= 1;
  slots_.assign(cap, Slot{});
  for (const auto& [key, value] : m) {
    const size_t tab = key.find('\t');
    if (tab == std::string::npos) continue;  // never looked up: every probe has a tab
    const uint64_t h = finish_hash(hash_more(prefix(std::string_view(key).substr(0, tab)),
                                             std::string_view(key).substr(tab + 1)));
    size_t p = h & (cap - 1);
    while (slots_[p].entry) p = (p + 1) & (cap - 1);
    keys_.push_back(key);
    values_.push_back(value);
    slots_[p] = Slot{h, static_cast<uint32_t>(keys_.size())};
  }
}

const std::string* Lemmatizer::Index::find(uint64_t prefix, std::string_view xpos,
                                           std::string_view rest) const {
  if (slots_.empty()) return nullptr;
  const uint64_t h = finish_hash(hash_more(prefix, rest));
  for (size_t p = h & (slots_.size() - 1);; p = (p + 1) & (slots_.size() - 1)) {
    const Slot& s = slots_[p];
    if (!s.entry) return nullptr;
    if (s.hash != h) continue;
    const std::string& k = keys_[s.entry - 1];
    if (k.size() == xpos.size() + 1 + rest.size() && k.compare(0, xpos.size(), xpos) == 0 &&
        k[xpos.size()] == '\t' && k.compare(xpos.size() + 1, rest.size(), rest) == 0)
      return &values_[s.entry - 1];
  }
}

std::string Lemmatizer::apply(std::string_view form, std::string_view rule) {
  std::string base = rule[0] == '1' ? utf8::lower(form) : std::string(form);
  size_t cut = static_cast<unsigned char>(rule[1]);
  if (cut > base.size()) return std::string(form);
  base.resize(base.size() - cut);
  base.append(rule.substr(2));
  return base.empty() ? std::string(form) : base;
}

std::string Lemmatizer::by_rules(std::string_view form, std::string_view xpos) const {
  std::string lower = utf8::lower(form);
  const uint64_t prefix = Index::prefix(xpos);
  for (size_t len = std::min(kMaxEnding, lower.size());; --len) {
    size_t at = ending_start(lower, len);
    if (const std::string* rule =
            rules_index_.find(prefix, xpos, std::string_view(lower).substr(at)))
      return apply(form, *rule);
    if (len == 0) break;
  }
  return std::string(form);
}

std::string Lemmatizer::lemmatize(std::string_view form, std::string_view upos,
                                  std::string_view xpos) const {
  if (form.size() > 256) return std::string(form);
  if (const std::string* lemma = table_index_.find(Index::prefix(xpos), xpos, form)) return *lemma;
  std::string lemma = by_rules(form, xpos);
  restore_double_l(form, lemma);
  return lemma;
}

// The treebank teaches "-elled" -> "-el" ("travelled", "cancelled", "expelled"), which is right
// for verbs of two syllables or more and wrong for one-syllable verbs, whose base keeps the
// double l ("shelled" -> "shell", "quelled" -> "quell", "polled" -> "poll"): no English verb of
// one syllable ends in a single vowel and one l.
void Lemmatizer::restore_double_l(std::string_view form, std::string& lemma) {
  if (lemma.size() < 3 || lemma.back() != 'l' || form.size() <= lemma.size()) return;
  // (The rules lower-case a capitalised word: "Shelled" -> "shel".)
  for (size_t i = 0; i < lemma.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(form[i])) != lemma[i]) return;
  if (std::tolower(static_cast<unsigned char>(form[lemma.size()])) != 'l') return;
  // ("u" after "q" is no vowel: "quell".)
  auto vowel = [&](size_t i) {
    const char c = lemma[i];
    if (c == 'u' && i > 0 && lemma[i - 1] == 'q') return false;
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
  };
  const size_t n = lemma.size();
  if (!vowel(n - 2) || vowel(n - 3)) return;
  int groups = 0;
  for (size_t i = 0; i < n; ++i) groups += vowel(i) && (i == 0 || !vowel(i - 1)) ? 1 : 0;
  if (groups == 1) lemma += 'l';
}

Lemmatizer Lemmatizer::train(const std::vector<conllu::Sentence>& sentences) {
  // (xpos, form) -> lemma counts, then rule counts per (xpos, ending).
  std::map<std::string, std::map<std::string, int>> lemmas;
  for (const auto& s : sentences)
    for (const auto& w : s.words)
      if (!w.lemma.empty() && w.lemma != "_" && w.form.size() <= 256)
        ++lemmas[make_key(w.xpos, w.form)][w.lemma];
  std::map<std::string, std::map<std::string, int>> rule_counts;
  std::vector<std::pair<std::string, std::string>> best;  // key -> most frequent lemma
  for (const auto& [key, counts] : lemmas) {
    auto top = std::max_element(counts.begin(), counts.end(),
                                [](auto& a, auto& b) { return a.second < b.second; });
    size_t tab = key.find('\t');
    std::string xpos = key.substr(0, tab), form = key.substr(tab + 1);
    std::string lower = utf8::lower(form);
    std::string rule = derive_rule(form, lower, top->first);
    best.emplace_back(key, top->first);
    if (rule.empty()) continue;
    // A rule is evidence only for endings that hold every character it cuts: "appologized" ->
    // "apologize" rewrites "ppologized", so it says nothing of words merely ending in
    // "ologized" ("apologized" would become "aologize").
    const size_t cut = static_cast<unsigned char>(rule[1]);
    for (size_t len = 0; len <= std::min(kMaxEnding, lower.size()); ++len) {
      size_t at = ending_start(lower, len);
      if (lower.size() - at >= cut || at == 0)
        rule_counts[make_key(xpos, std::string_view(lower).substr(at))][rule] += 1;
      if (at == 0) break;
    }
  }
  Lemmatizer lem;
  // Keep an ending only when it changes the answer of its next shorter ending.
  std::map<std::string, std::string> chosen;
  for (const auto& [key, counts] : rule_counts) {
    auto top = std::max_element(counts.begin(), counts.end(),
                                [](auto& a, auto& b) { return a.second < b.second; });
    chosen[key] = top->first;
  }
  for (const auto& [key, rule] : chosen) {
    size_t tab = key.find('\t');
    std::string_view ending = std::string_view(key).substr(tab + 1);
    if (!ending.empty()) {
      size_t at = ending_start(ending, ending.size() - 1);
      if (at == 0 && ending.size() > 1) at = 1;  // step back one whole character
      while (at < ending.size() && (static_cast<unsigned char>(ending[at]) & 0xC0) == 0x80) ++at;
      auto parent = chosen.find(key.substr(0, tab + 1) + std::string(ending.substr(at)));
      if (parent != chosen.end() && parent->second == rule) continue;
    }
    lem.rules_[key] = rule;
  }
  lem.rules_index_.build(lem.rules_);
  for (const auto& [key, lemma] : best) {
    size_t tab = key.find('\t');
    if (lem.by_rules(std::string_view(key).substr(tab + 1), std::string_view(key).substr(0, tab)) !=
        lemma)
      lem.table_[key] = lemma;
  }
  lem.table_index_.build(lem.table_);
  return lem;
}

void Lemmatizer::save(binio::Writer& w) const {
  auto put = [&](const std::unordered_map<std::string, std::string>& m) {
    std::vector<std::pair<std::string, std::string>> sorted(m.begin(), m.end());
    std::sort(sorted.begin(), sorted.end());
    w.pod<uint64_t>(sorted.size());
    for (const auto& [k, v] : sorted) {
      w.str(k);
      w.str(v);
    }
  };
  put(rules_);
  put(table_);
}

void Lemmatizer::load(binio::Reader& r) {
  auto get = [&](std::unordered_map<std::string, std::string>& m, bool rules) {
    m.clear();
    uint64_t n = r.pod<uint64_t>();
    if (n > (1u << 24)) r.fail("lemmatizer table too large");
    m.reserve(n);
    for (uint64_t i = 0; i < n; ++i) {
      std::string k = r.str();
      std::string v = r.str();
      if (rules && v.size() < 2) r.fail("bad lemmatizer rule");
      m.emplace(std::move(k), std::move(v));
    }
  };
  get(rules_, true);
  get(table_, false);
  rules_index_.build(rules_);
  table_index_.build(table_);
}

}  // namespace parley::nlp

#include "parley/eval/trigger_eval.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <ostream>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "parley/text/utf8.hpp"

namespace parley::eval {

namespace {

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw std::runtime_error(where + ": " + what);
}

// --- gzip + tar ---------------------------------------------------------------------------------

std::string gunzip_file(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) fail(path, "cannot open");
  gzbuffer(f, 1 << 17);
  std::string out;
  char buf[1 << 16];
  for (;;) {
    int n = gzread(f, buf, sizeof buf);
    if (n < 0) {
      int err = 0;
      std::string msg = gzerror(f, &err);
      gzclose(f);
      fail(path, "corrupt gzip stream after " + std::to_string(out.size()) + " bytes: " + msg);
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  int err = 0;
  const char* msg = gzerror(f, &err);
  if (err != Z_OK && err != Z_STREAM_END) {
    std::string m = msg ? msg : "error";
    gzclose(f);
    fail(path,
         "truncated or corrupt gzip stream after " + std::to_string(out.size()) + " bytes: " + m);
  }
  gzclose(f);
  return out;
}

// An octal tar number field (NUL/space terminated); false when it is not octal.
bool tar_octal(std::string_view field, uint64_t& value) {
  size_t i = 0;
  while (i < field.size() && field[i] == ' ') ++i;
  size_t j = i;
  value = 0;
  while (j < field.size() && field[j] >= '0' && field[j] <= '7') {
    value = value * 8 + static_cast<uint64_t>(field[j] - '0');
    ++j;
  }
  if (j == i) return false;
  for (; j < field.size(); ++j)
    if (field[j] != ' ' && field[j] != '\0') return false;
  return true;
}

std::string tar_string(std::string_view field) {
  size_t n = field.find('\0');
  return std::string(field.substr(0, n == std::string_view::npos ? field.size() : n));
}

// The "path" record of a pax extended header ("<len> path=<value>\n"...), or "".
std::string pax_path(std::string_view data) {
  size_t pos = 0;
  while (pos < data.size()) {
    size_t sp = data.find(' ', pos);
    if (sp == std::string_view::npos) break;
    size_t len = 0;
    auto [p, ec] = std::from_chars(data.data() + pos, data.data() + sp, len);
    if (ec != std::errc() || len == 0 || pos + len > data.size()) break;
    std::string_view rec = data.substr(sp + 1, pos + len - sp - 1);
    if (!rec.empty() && rec.back() == '\n') rec.remove_suffix(1);
    if (rec.starts_with("path=")) return std::string(rec.substr(5));
    pos += len;
  }
  return {};
}

// --- XML ----------------------------------------------------------------------------------------

std::string xml_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += s[i];
      continue;
    }
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp")
      out += '&';
    else if (ent == "lt")
      out += '<';
    else if (ent == "gt")
      out += '>';
    else if (ent == "quot")
      out += '"';
    else if (ent == "apos")
      out += '\'';
    else if (ent.size() > 1 && ent[0] == '#') {
      uint32_t cp = 0;
      bool hex = ent[1] == 'x' || ent[1] == 'X';
      std::string_view digits = ent.substr(hex ? 2 : 1);
      auto [p, ec] =
          std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      if (ec != std::errc() || p != digits.data() + digits.size() || cp > 0x10FFFF) {
        out += s[i];
        continue;
      }
      utf8::append(out, static_cast<char32_t>(cp));
    } else {
      out += s[i];
      continue;
    }
    i = semi;
  }
  return out;
}

struct Tag {
  std::string name;
  bool closing = false, self_closing = false;
  std::vector<std::pair<std::string, std::string>> attrs;
  size_t end = 0;  // one past '>'
  const std::string* attr(std::string_view key) const {
    for (const auto& [k, v] : attrs)
      if (k == key) return &v;
    return nullptr;
  }
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Parses the tag starting at xml[pos] == '<' (not a comment or declaration).
Tag parse_tag(std::string_view xml, size_t pos, const std::string& name) {
  auto where = [&](size_t at) { return name + ": byte " + std::to_string(at); };
  Tag t;
  size_t i = pos + 1;
  if (i < xml.size() && xml[i] == '/') {
    t.closing = true;
    ++i;
  }
  size_t start = i;
  while (i < xml.size() && !is_space(xml[i]) && xml[i] != '>' && xml[i] != '/') ++i;
  t.name = std::string(xml.substr(start, i - start));
  if (t.name.empty()) fail(where(pos), "malformed XML: tag without a name");
  for (;;) {
    while (i < xml.size() && is_space(xml[i])) ++i;
    if (i >= xml.size()) fail(where(pos), "malformed XML: unterminated <" + t.name + ">");
    if (xml[i] == '>') {
      t.end = i + 1;
      return t;
    }
    if (xml[i] == '/') {
      if (i + 1 >= xml.size() || xml[i + 1] != '>')
        fail(where(i), "malformed XML: stray '/' in <" + t.name + ">");
      t.self_closing = true;
      t.end = i + 2;
      return t;
    }
    size_t k = i;
    while (i < xml.size() && !is_space(xml[i]) && xml[i] != '=' && xml[i] != '>' && xml[i] != '/')
      ++i;
    std::string key(xml.substr(k, i - k));
    while (i < xml.size() && is_space(xml[i])) ++i;
    if (key.empty() || i >= xml.size() || xml[i] != '=')
      fail(where(k), "malformed XML: attribute without a value in <" + t.name + ">");
    ++i;
    while (i < xml.size() && is_space(xml[i])) ++i;
    if (i >= xml.size() || (xml[i] != '"' && xml[i] != '\''))
      fail(where(i), "malformed XML: unquoted attribute value in <" + t.name + ">");
    char q = xml[i];
    size_t close = xml.find(q, i + 1);
    if (close == std::string_view::npos)
      fail(where(i), "malformed XML: unterminated attribute value in <" + t.name + ">");
    t.attrs.emplace_back(std::move(key), xml_decode(xml.substr(i + 1, close - i - 1)));
    i = close + 1;
  }
}

uint32_t number_attr(const Tag& t, std::string_view key, size_t pos, const std::string& name) {
  const std::string* v = t.attr(key);
  if (!v)
    fail(name + ": byte " + std::to_string(pos), "<" + t.name + "> without " + std::string(key));
  uint32_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || p != v->data() + v->size())
    fail(name + ": byte " + std::to_string(pos),
         "<" + t.name + "> " + std::string(key) + "=\"" + *v + "\" is not a number");
  return n;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool numeric_code(const std::string& code) {
  return !code.empty() &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool has_coding_pattern(const extract::Lexicon& lexicon, const std::string& lemma) {
  for (const auto& p : lexicon.verbs(lemma))
    if (numeric_code(p.code)) return true;
  for (const auto& p : lexicon.nouns(lemma))
    if (numeric_code(p.code)) return true;
  return false;
}

using ByteSpan = std::pair<uint32_t, uint32_t>;
bool overlaps(ByteSpan a, ByteSpan b) {
  return a.first < b.second && b.first < a.second;
}

std::string basename_no_xml(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  if (base.size() > 4 && base.ends_with(".xml")) base.resize(base.size() - 4);
  return base;
}

}  // namespace

void read_tar_gz(const std::string& path, const std::function<void(const TarEntry&)>& fn) {
  const std::string data = gunzip_file(path);
  size_t pos = 0;
  std::string long_name;
  bool saw_end = false;
  while (pos + 512 <= data.size()) {
    std::string_view h(data.data() + pos, 512);
    if (std::all_of(h.begin(), h.end(), [](char c) { return c == '\0'; })) {
      saw_end = true;
      break;
    }
    uint64_t checksum = 0, size = 0;
    if (!tar_octal(h.substr(148, 8), checksum))
      fail(path, "malformed tar header at byte " + std::to_string(pos) + " (not a tar archive?)");
    uint64_t sum = 0;
    for (size_t i = 0; i < 512; ++i)
      sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(h[i]);
    if (sum != checksum) fail(path, "tar header checksum mismatch at byte " + std::to_string(pos));
    if (!tar_octal(h.substr(124, 12), size))
      fail(path, "malformed size in tar header at byte " + std::to_string(pos));
    char type = h[156];
    size_t body = pos + 512;
    if (size > data.size() - body)
      fail(path, "truncated tar archive: entry at byte " + std::to_string(pos) + " needs " +
                     std::to_string(size) + " bytes, " + std::to_string(data.size() - body) +
                     " left");
    std::string_view content(data.data() + body, static_cast<size_t>(size));
    if (type == 'L') {
      long_name = tar_string(content);
    } else if (type == 'x') {
      long_name = pax_path(content);
    } else if (type == '0' || type == '\0' || type == '7') {
      TarEntry e;
      if (!long_name.empty()) {
        e.name = std::move(long_name);
      } else {
        std::string prefix =
            h.substr(257, 6).starts_with("ustar") ? tar_string(h.substr(345, 155)) : "";
        e.name = prefix.empty() ? tar_string(h.substr(0, 100))
                                : prefix + "/" + tar_string(h.substr(0, 100));
      }
      long_name.clear();
      e.data = std::string(content);
      fn(e);
    } else {
      long_name.clear();  // directories, links, global pax headers: nothing to read
    }
    pos = body + static_cast<size_t>((size + 511) / 512 * 512);
  }
  if (!saw_end && pos != data.size())
    fail(path, "truncated tar archive: partial header at byte " + std::to_string(pos));
}

EcbDocument parse_ecb_xml(std::string_view xml, const std::string& name) {
  EcbDocument doc;
  doc.name = basename_no_xml(name);
  std::unordered_map<uint32_t, size_t> token_index;
  bool in_markables = false;
  bool open_mention = false;
  size_t pos = 0;
  for (;;) {
    size_t lt = xml.find('<', pos);
    if (lt == std::string_view::npos) break;
    if (xml.substr(lt, 4) == "<!--") {
      size_t e = xml.find("-->", lt + 4);
      if (e == std::string_view::npos)
        fail(name + ": byte " + std::to_string(lt), "malformed XML: unterminated comment");
      pos = e + 3;
      continue;
    }
    if (xml.substr(lt, 2) == "<?" || xml.substr(lt, 2) == "<!") {
      size_t e = xml.find('>', lt);
      if (e == std::string_view::npos)
        fail(name + ": byte " + std::to_string(lt), "malformed XML: unterminated declaration");
      pos = e + 1;
      continue;
    }
    Tag t = parse_tag(xml, lt, name);
    pos = t.end;
    if (t.closing) {
      if (t.name == "Markables") in_markables = false;
      if (open_mention && t.name == doc.mentions.back().tag) open_mention = false;
      continue;
    }
    if (t.name == "token") {
      EcbToken tok;
      tok.id = number_attr(t, "t_id", lt, name);
      tok.sentence = number_attr(t, "sentence", lt, name);
      if (!t.self_closing) {
        size_t close = xml.find("</token>", pos);
        size_t next_open = xml.find('<', pos);
        if (close == std::string_view::npos || next_open != close)
          fail(name + ": byte " + std::to_string(lt),
               "malformed XML: <token t_id=\"" + std::to_string(tok.id) + "\"> not closed");
        tok.text = xml_decode(xml.substr(pos, close - pos));
        pos = close + 8;
      }
      if (!token_index.emplace(tok.id, doc.tokens.size()).second)
        fail(name + ": byte " + std::to_string(lt),
             "duplicate token t_id " + std::to_string(tok.id));
      doc.tokens.push_back(std::move(tok));
    } else if (t.name == "Markables") {
      in_markables = !t.self_closing;
    } else if (t.name == "token_anchor") {
      if (open_mention) {
        uint32_t id = number_attr(t, "t_id", lt, name);
        if (!token_index.count(id))
          fail(name + ": byte " + std::to_string(lt),
               "token_anchor to unknown t_id " + std::to_string(id));
        doc.mentions.back().tokens.push_back(id);
      }
    } else if (in_markables && !t.self_closing && t.attr("m_id")) {
      if (open_mention)
        fail(name + ": byte " + std::to_string(lt),
             "malformed XML: <" + t.name + "> inside <" + doc.mentions.back().tag + ">");
      EcbMention m;
      m.tag = t.name;
      m.id = number_attr(t, "m_id", lt, name);
      doc.mentions.push_back(std::move(m));
      open_mention = true;
    }
  }
  if (open_mention) fail(name, "malformed XML: <" + doc.mentions.back().tag + "> not closed");
  std::erase_if(doc.mentions, [](const EcbMention& m) { return m.tokens.empty(); });
  for (auto& m : doc.mentions)
    std::sort(m.tokens.begin(), m.tokens.end(),
              [&](uint32_t a, uint32_t b) { return token_index.at(a) < token_index.at(b); });
  return doc;
}

bool is_action_tag(std::string_view tag) {
  return tag.starts_with("ACTION_") || tag.starts_with("NEG_ACTION_");
}

std::map<std::string, std::vector<uint32_t>> read_ecb_sentence_list(const std::string& csv_path) {
  std::ifstream in(csv_path);
  if (!in) fail(csv_path, "cannot open");
  std::map<std::string, std::vector<uint32_t>> out;
  std::string line;
  size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.pop_back();
    std::erase(line, ' ');
    if (line.empty() || (lineno == 1 && line.starts_with("Topic"))) continue;
    size_t c1 = line.find(','), c2 = c1 == std::string::npos ? c1 : line.find(',', c1 + 1);
    if (c2 == std::string::npos)
      fail(csv_path + ":" + std::to_string(lineno), "expected Topic,File,Sentence Number");
    std::string topic = line.substr(0, c1), file = line.substr(c1 + 1, c2 - c1 - 1),
                num = line.substr(c2 + 1);
    uint32_t n = 0;
    auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), n);
    if (topic.empty() || file.empty() || ec != std::errc() || p != num.data() + num.size())
      fail(csv_path + ":" + std::to_string(lineno),
           "expected Topic,File,Sentence Number, got \"" + line + "\"");
    out[topic + "_" + file].push_back(n);
  }
  return out;
}

std::string rebuild_sentence(const std::vector<const EcbToken*>& tokens,
                             std::vector<ByteSpan>& spans) {
  static const std::unordered_set<std::string_view> no_space_before = {
      ",",  ".",  ";",   ":",   "!",   "?",   ")",   "]",  "}",  "%",  "''",
      "'s", "'S", "n't", "N'T", "'re", "'ve", "'ll", "'d", "'m", "..."};
  static const std::unordered_set<std::string_view> no_space_after = {"(", "[", "{", "$", "``"};
  std::string text;
  spans.clear();
  bool glue = true;
  for (const EcbToken* t : tokens) {
    std::string word = t->text == "``" || t->text == "''" ? "\"" : t->text;
    if (word.empty()) word = "_";
    if (!glue && !no_space_before.count(t->text)) text += ' ';
    uint32_t start = static_cast<uint32_t>(text.size());
    text += word;
    spans.emplace_back(start, static_cast<uint32_t>(text.size()));
    glue = no_space_after.count(t->text) > 0;
  }
  return text;
}

void score_ecb_document(const EcbDocument& doc, const std::vector<uint32_t>& sentences,
                        const Pipeline& chain, const extract::Lexicon& lexicon,
                        TriggerScores& scores) {
  std::unordered_map<uint32_t, size_t> token_index;
  for (size_t i = 0; i < doc.tokens.size(); ++i) token_index[doc.tokens[i].id] = i;
  std::set<uint32_t> selected(sentences.begin(), sentences.end());
  for (uint32_t s : selected) {
    std::vector<const EcbToken*> toks;
    std::unordered_map<uint32_t, size_t> pos_in_sentence;
    for (const auto& t : doc.tokens)
      if (t.sentence == s) {
        pos_in_sentence[t.id] = toks.size();
        toks.push_back(&t);
      }
    if (toks.empty()) {
      ++scores.missing_sentences;
      continue;
    }
    ++scores.sentences;
    std::vector<ByteSpan> spans;
    Article a;
    a.text = rebuild_sentence(toks, spans);
    chain.process(a);

    // Gold action mentions whose first token is in this sentence.
    struct Gold {
      const EcbMention* m;
      std::vector<ByteSpan> spans;
    };
    std::vector<Gold> gold;
    for (const auto& m : doc.mentions) {
      if (!is_action_tag(m.tag) || doc.tokens[token_index.at(m.tokens.front())].sentence != s)
        continue;
      Gold g{&m, {}};
      for (uint32_t id : m.tokens) {
        auto it = pos_in_sentence.find(id);
        if (it != pos_in_sentence.end()) g.spans.push_back(spans[it->second]);
      }
      gold.push_back(std::move(g));
    }
    std::vector<ByteSpan> triggers;
    for (const auto& e : a.events)
      if (e.trigger.size() > 0) triggers.emplace_back(e.trigger.start, e.trigger.end);
    std::sort(triggers.begin(), triggers.end());
    triggers.erase(std::unique(triggers.begin(), triggers.end()), triggers.end());
    std::vector<ByteSpan> lex_words;
    for (size_t w = 0; w < a.words.size() && w < a.analysis.size(); ++w)
      if (has_coding_pattern(lexicon, lower(a.analysis[w].lemma)))
        lex_words.emplace_back(a.words[w].span.start, a.words[w].span.end);

    auto hits = [](const std::vector<ByteSpan>& spans_a, const std::vector<ByteSpan>& spans_b) {
      for (const auto& x : spans_a)
        for (const auto& y : spans_b)
          if (overlaps(x, y)) return true;
      return false;
    };
    std::vector<ByteSpan> gold_spans;
    for (const auto& g : gold) gold_spans.insert(gold_spans.end(), g.spans.begin(), g.spans.end());
    scores.triggers += triggers.size();
    for (const auto& t : triggers) scores.triggers_on_gold += hits({t}, gold_spans);
    scores.lexicon_words += lex_words.size();
    for (const auto& w : lex_words) scores.lexicon_words_on_gold += hits({w}, gold_spans);

    for (const auto& g : gold) {
      bool coded = hits(g.spans, triggers), lex = hits(g.spans, lex_words);
      for (TriggerCounts* c : {&scores.total, &scores.by_tag[g.m->tag]}) {
        ++c->gold;
        c->coded += coded;
        c->lexicon += lex;
      }
      if (coded) continue;
      TriggerMiss miss;
      miss.doc = doc.name;
      miss.sentence = s;
      miss.tag = g.m->tag;
      miss.text = a.text;
      miss.in_lexicon = lex;
      for (uint32_t id : g.m->tokens) {
        if (!miss.words.empty()) miss.words += ' ';
        miss.words += doc.tokens[token_index.at(id)].text;
      }
      if (!g.spans.empty()) {
        for (size_t w = 0; w < a.words.size(); ++w)
          if (overlaps({a.words[w].span.start, a.words[w].span.end}, g.spans.front())) {
            if (w < a.analysis.size() && !a.analysis[w].lemma.empty())
              miss.lemma = lower(a.analysis[w].lemma);
            break;
          }
      }
      if (miss.lemma.empty())
        miss.lemma = lower(doc.tokens[token_index.at(g.m->tokens.front())].text);
      scores.misses.push_back(std::move(miss));
    }
  }
}

TriggerScores evaluate_ecb_triggers(const std::string& ecb_dir, const Pipeline& chain,
                                    const extract::Lexicon& lexicon, std::ostream* progress) {
  const std::string csv = ecb_dir + "/ECBplus_coreference_sentences.csv";
  const std::string archive = ecb_dir + "/ECBplus-xml.tar.gz";
  auto selection = read_ecb_sentence_list(csv);
  TriggerScores scores;
  std::set<std::string> seen;
  read_tar_gz(archive, [&](const TarEntry& e) {
    if (!e.name.ends_with(".xml")) return;
    ++scores.documents;
    std::string doc_name = basename_no_xml(e.name);
    auto it = selection.find(doc_name);
    if (it == selection.end()) return;
    EcbDocument doc = parse_ecb_xml(e.data, archive + ": " + e.name);
    doc.name = doc_name;
    score_ecb_document(doc, it->second, chain, lexicon, scores);
    seen.insert(doc_name);
    if (progress && seen.size() % 100 == 0)
      *progress << "parley: " << seen.size() << " documents, " << scores.sentences
                << " sentences scored\n";
  });
  for (const auto& [name, sents] : selection)
    if (!seen.count(name))
      scores.missing_sentences += std::set<uint32_t>(sents.begin(), sents.end()).size();
  return scores;
}

std::vector<TriggerMiss> misses_by_lemma_frequency(const std::vector<TriggerMiss>& misses,
                                                   std::map<std::string, size_t>* lemma_counts) {
  std::map<std::string, size_t> counts;
  for (const auto& m : misses) ++counts[m.lemma];
  std::vector<size_t> order(misses.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    size_t cx = counts[misses[x].lemma], cy = counts[misses[y].lemma];
    if (cx != cy) return cx > cy;
    return misses[x].lemma < misses[y].lemma;
  });
  std::vector<TriggerMiss> out;
  out.reserve(order.size());
  for (size_t i : order) out.push_back(misses[i]);
  if (lemma_counts) *lemma_counts = std::move(counts);
  return out;
}

}  // namespace parley::eval

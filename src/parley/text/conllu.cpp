#include "parley/text/conllu.hpp"

#include <charconv>
#include <fstream>
#include <stdexcept>
#include <string_view>

namespace parley::conllu {

namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> cols;
  size_t pos = 0;
  while (true) {
    size_t tab = line.find('\t', pos);
    cols.push_back(line.substr(pos, tab == std::string_view::npos ? tab : tab - pos));
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
  return cols;
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

int to_int(std::string_view s) {
  int v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return -1;
  return v;
}

bool has_no_space_after(std::string_view misc) {
  size_t pos = 0;
  while (pos <= misc.size()) {
    size_t bar = misc.find('|', pos);
    std::string_view item = misc.substr(pos, bar == std::string_view::npos ? bar : bar - pos);
    if (item == "SpaceAfter=No") return true;
    if (bar == std::string_view::npos) break;
    pos = bar + 1;
  }
  return false;
}

}  // namespace

bool Reader::next(Sentence& out) {
  out = Sentence{};
  std::string line;
  bool any = false;
  int pending_range_end = 0;  // last word id covered by the open multi-word range
  // A multi-word range must be followed by all its words before the sentence ends.
  auto complete = [&] {
    if (pending_range_end > static_cast<int>(out.words.size()))
      throw std::runtime_error("CoNLL-U line " + std::to_string(line_) +
                               ": sentence ends inside a multi-word range");
    return true;
  };
  while (std::getline(in_, line)) {
    ++line_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (any) return complete();
      continue;
    }
    any = true;
    if (line[0] == '#') {
      std::string_view c = std::string_view(line).substr(1);
      if (!c.empty() && c[0] == ' ') c.remove_prefix(1);
      out.comments.emplace_back(c);
      if (starts_with(c, "newdoc")) {
        out.newdoc = out.newpar = true;
        size_t eq = c.find("= ");
        if (eq != std::string_view::npos) out.newdoc_id = std::string(c.substr(eq + 2));
      } else if (starts_with(c, "newpar")) {
        out.newpar = true;
      } else if (starts_with(c, "sent_id = ")) {
        out.sent_id = std::string(c.substr(10));
      } else if (starts_with(c, "text = ")) {
        out.text = std::string(c.substr(7));
      }
      continue;
    }
    auto cols = split_tabs(line);
    if (cols.size() != 10)
      throw std::runtime_error("CoNLL-U line " + std::to_string(line_) + ": expected 10 columns");
    std::string_view id = cols[0];
    if (id.find('.') != std::string_view::npos) continue;  // empty node: not a surface word
    size_t dash = id.find('-');
    if (dash != std::string_view::npos) {
      int a = to_int(id.substr(0, dash)), b = to_int(id.substr(dash + 1));
      // A range comes right before its first word, and ranges do not overlap.
      if (a < 1 || b < a || a != static_cast<int>(out.words.size()) + 1 || a <= pending_range_end)
        throw std::runtime_error("CoNLL-U line " + std::to_string(line_) + ": bad range id");
      TokenLine t;
      t.form = std::string(cols[1]);
      t.first_word = a - 1;
      t.word_count = b - a + 1;
      t.space_after = !has_no_space_after(cols[9]);
      out.tokens.push_back(std::move(t));
      pending_range_end = b;
      continue;
    }
    int n = to_int(id);
    if (n != static_cast<int>(out.words.size()) + 1)
      throw std::runtime_error("CoNLL-U line " + std::to_string(line_) + ": word ids out of order");
    WordLine w;
    w.form = std::string(cols[1]);
    w.lemma = std::string(cols[2]);
    w.upos = std::string(cols[3]);
    w.xpos = std::string(cols[4]);
    w.feats = std::string(cols[5]);
    w.head = cols[6] == "_" ? -1 : to_int(cols[6]);
    w.deprel = std::string(cols[7]);
    w.deps = std::string(cols[8]);
    w.misc = std::string(cols[9]);
    if (n > pending_range_end) {
      TokenLine t;
      t.form = w.form;
      t.first_word = n - 1;
      t.space_after = !has_no_space_after(cols[9]);
      out.tokens.push_back(std::move(t));
    }
    out.words.push_back(std::move(w));
  }
  return any && complete();
}

std::vector<Sentence> read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  Reader reader(in);
  std::vector<Sentence> out;
  Sentence s;
  try {
    while (reader.next(s)) out.push_back(std::move(s));
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
  return out;
}

GoldText rebuild_text(const std::vector<Sentence>& sentences) {
  GoldText g;
  for (size_t si = 0; si < sentences.size(); ++si) {
    const Sentence& s = sentences[si];
    if (si > 0) g.text += (s.newpar || s.newdoc) ? "\n\n" : " ";
    if (s.newdoc || si == 0) g.doc_starts.push_back(static_cast<uint32_t>(g.text.size()));
    uint32_t sent_start = static_cast<uint32_t>(g.text.size());
    for (size_t ti = 0; ti < s.tokens.size(); ++ti) {
      const TokenLine& t = s.tokens[ti];
      uint32_t start = static_cast<uint32_t>(g.text.size());
      g.text += t.form;
      g.tokens.push_back({start, static_cast<uint32_t>(g.text.size())});
      std::vector<std::string> parts;
      if (t.word_count > 1)
        for (int k = 0; k < t.word_count; ++k) parts.push_back(s.words[t.first_word + k].form);
      g.mwt_words.push_back(std::move(parts));
      if (t.space_after && ti + 1 < s.tokens.size()) g.text += ' ';
    }
    g.sentences.push_back({sent_start, static_cast<uint32_t>(g.text.size())});
  }
  return g;
}

namespace {
std::string_view or_blank(const std::string& s) {
  return s.empty() ? std::string_view("_") : s;
}

// CoNLL-U forbids tabs and newlines inside fields; they can occur inside huge junk tokens.
std::string clean_field(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return out;
}
}  // namespace

void write_article(std::ostream& out, const Article& a) {
  out << "# newdoc id = " << a.id << '\n';
  if (!a.title.empty()) out << "# title = " << clean_field(a.title) << '\n';
  if (!a.url.empty()) out << "# url = " << clean_field(a.url) << '\n';
  if (!a.date.empty()) out << "# date = " << clean_field(a.date) << '\n';
  if (!a.source.empty()) out << "# source = " << clean_field(a.source) << '\n';
  const bool analysed = a.analysis.size() == a.words.size();
  for (size_t si = 0; si < a.sentences.size(); ++si) {
    const parley::Sentence& s = a.sentences[si];
    out << "# sent_id = " << a.id << '-' << (si + 1) << '\n';
    std::string text = clean_field(a.view(s.span));
    for (char& c : text)
      if (c == '\n') c = ' ';
    out << "# text = " << text << '\n';
    uint32_t word_no = 1;
    for (uint32_t ti = s.first_token; ti < s.first_token + s.token_count; ++ti) {
      const Token& t = a.tokens[ti];
      bool last = ti + 1 == s.first_token + s.token_count;
      std::string misc;
      if (!t.space_after && !last) misc = "SpaceAfter=No|";
      misc += "TokenRange=" + std::to_string(t.span.start) + ":" + std::to_string(t.span.end);
      if (t.word_count > 1) {
        out << word_no << '-' << (word_no + t.word_count - 1) << '\t'
            << clean_field(a.token_text(ti)) << "\t_\t_\t_\t_\t_\t_\t_\t" << misc << '\n';
        misc = "_";
      }
      for (uint32_t k = 0; k < t.word_count; ++k, ++word_no) {
        uint32_t wi = t.first_word + k;
        out << word_no << '\t' << clean_field(a.word_text(wi)) << '\t';
        if (analysed) {
          const WordAnalysis& w = a.analysis[wi];
          out << or_blank(w.lemma) << '\t' << or_blank(w.upos) << '\t' << or_blank(w.xpos) << '\t'
              << or_blank(w.feats) << '\t';
          if (w.head >= 0)
            out << w.head;
          else
            out << '_';
          out << '\t' << or_blank(w.deprel) << "\t_\t";
        } else {
          out << "_\t_\t_\t_\t_\t_\t_\t";
        }
        out << (k + 1 == t.word_count ? misc : std::string("_")) << '\n';
      }
    }
    out << '\n';
  }
}

}  // namespace parley::conllu

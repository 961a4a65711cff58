#include "parley/export/json.hpp"

#include "parley/text/utf8.hpp"

namespace parley::json {

void append_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

namespace {

// The normalised form (NFC, ASCII quotes and dashes) when it differs from the text; ASCII text
// is already normal, so most tokens cost one scan.
void norm_field(std::string& out, std::string_view text) {
  bool ascii = true;
  for (char c : text) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) return;
  std::string norm = utf8::normalize(text);
  if (norm == text) return;
  out += ",\"norm\":";
  append_string(out, norm);
}

void field(std::string& out, const char* name, std::string_view value, bool& first) {
  if (!first) out += ',';
  first = false;
  out += '"';
  out += name;
  out += "\":";
  append_string(out, value);
}

void word_fields(std::string& out, const Article& a, uint32_t w) {
  out += "\"text\":";
  append_string(out, a.word_text(w));
  norm_field(out, a.word_text(w));
  out += ",\"start\":" + std::to_string(a.words[w].span.start);
  out += ",\"end\":" + std::to_string(a.words[w].span.end);
  if (a.analysis.size() == a.words.size()) {
    const WordAnalysis& x = a.analysis[w];
    bool first = false;
    if (!x.lemma.empty()) field(out, "lemma", x.lemma, first);
    if (!x.upos.empty()) field(out, "upos", x.upos, first);
    if (!x.xpos.empty()) field(out, "xpos", x.xpos, first);
    if (!x.feats.empty() && x.feats != "_") field(out, "feats", x.feats, first);
    if (x.head >= 0) out += ",\"head\":" + std::to_string(x.head);
    if (!x.deprel.empty()) field(out, "deprel", x.deprel, first);
  }
}

}  // namespace

void write_article(std::ostream& os, const Article& a) {
  std::string out;
  out.reserve(a.text.size() * 8);
  bool first = true;
  out += '{';
  field(out, "id", a.id, first);
  field(out, "title", a.title, first);
  field(out, "date", a.date, first);
  field(out, "url", a.url, first);
  field(out, "source", a.source, first);
  field(out, "path", a.origin.path, first);
  if (a.origin.line)
    out += ",\"line\":" + std::to_string(a.origin.line);
  else if (a.origin.offset)
    out += ",\"offset\":" + std::to_string(a.origin.offset);
  field(out, "text", a.text, first);
  out += ",\"sentences\":[";
  const bool words_analysed = a.analysis.size() == a.words.size();
  for (size_t si = 0; si < a.sentences.size(); ++si) {
    const Sentence& s = a.sentences[si];
    if (si) out += ',';
    out += "{\"start\":" + std::to_string(s.span.start) + ",\"end\":" + std::to_string(s.span.end);
    out += ",\"tokens\":[";
    for (uint32_t ti = s.first_token; ti < s.first_token + s.token_count; ++ti) {
      const Token& t = a.tokens[ti];
      if (ti != s.first_token) out += ',';
      if (t.word_count == 1 && words_analysed) {
        out += '{';
        word_fields(out, a, t.first_word);
        out += '}';
        continue;
      }
      out += "{\"text\":";
      append_string(out, a.token_text(ti));
      norm_field(out, a.token_text(ti));
      out +=
          ",\"start\":" + std::to_string(t.span.start) + ",\"end\":" + std::to_string(t.span.end);
      if (t.word_count > 1) {
        out += ",\"words\":[";
        for (uint32_t k = 0; k < t.word_count; ++k) {
          if (k) out += ',';
          out += '{';
          word_fields(out, a, t.first_word + k);
          out += '}';
        }
        out += ']';
      }
      out += '}';
    }
    out += "]}";
  }
  out += "]}\n";
  os << out;
}

}  // namespace parley::json

#include "parley/store/words.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <deque>

namespace parley::store {

namespace {

constexpr size_t kMaxLexeme = 2047;          // PostgreSQL's MAXSTRLEN
constexpr size_t kMaxVectorBytes = 1000000;  // under its MAXSTRPOS (1 MB - 1) of lexeme bytes

bool word_char(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
    case UTF8PROC_CATEGORY_CO:
      return true;
    default:
      return false;
  }
}

bool ascii_word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Lower-cased, accents stripped (é -> e, as remove_diacritics does).
std::string fold(std::string_view word, bool ascii) {
  if (ascii) {
    std::string out(word);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
  }
  utf8proc_uint8_t* mapped = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(word.data()),
                              static_cast<utf8proc_ssize_t>(word.size()), &mapped,
                              static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK |
                                                             UTF8PROC_CASEFOLD | UTF8PROC_STABLE));
  std::string out = n > 0 ? std::string(reinterpret_cast<const char*>(mapped), n) : std::string();
  std::free(mapped);
  return out;
}

void quote_into(std::string& out, std::string_view word) {
  out += '\'';
  for (char c : word) {
    if (c == '\'' || c == '\\') out += c;  // doubled, as both literals' syntax wants
    out += c;
  }
  out += '\'';
}

// The distinct words of `text`, sorted, handed to `f` as string_views (valid during the call).
// ASCII words are views into one lower-cased copy of the text; only the others are folded one
// by one: most news is ASCII, and this runs over every stored article.
template <class F>
void for_each_word(std::string_view text, F&& f) {
  std::string lowered(text);
  for (char& c : lowered)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  std::deque<std::string> folded;
  std::vector<std::string_view> words;
  words.reserve(text.size() / 6 + 1);
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const size_t n = text.size();
  size_t start = 0, pos = 0;
  bool in_word = false, ascii = true;
  auto flush = [&](size_t end) {
    if (in_word && end > start) {
      std::string_view w;
      if (ascii) {
        w = std::string_view(lowered).substr(start, end - start);
      } else {
        folded.push_back(fold(text.substr(start, end - start), false));
        w = folded.back();
      }
      if (!w.empty() && w.size() <= kMaxLexeme) words.push_back(w);
    }
    in_word = false;
    ascii = true;
  };
  while (pos < n) {
    const unsigned char b = p[pos];
    size_t len = 1;
    bool is_word;
    if (b < 0x80) {
      is_word = ascii_word_char(b);
    } else {
      utf8proc_int32_t cp = -1;
      const auto got = utf8proc_iterate(p + pos, static_cast<utf8proc_ssize_t>(n - pos), &cp);
      if (got <= 0) {
        is_word = false;  // an invalid byte: a separator
      } else {
        len = static_cast<size_t>(got);
        is_word = word_char(cp);
      }
    }
    if (is_word) {
      if (!in_word) start = pos, in_word = true;
      if (b >= 0x80) ascii = false;
    } else {
      flush(pos);
    }
    pos += len;
  }
  flush(n);
  // Sorted by their first 8 bytes read as one big-endian number (zero-padded, and no word
  // holds a NUL: the same order as comparing the bytes), then by the rest: most comparisons
  // are one integer compare instead of a memcmp call (sorting was a quarter of the client's
  // time storing the samples on PostgreSQL).
  struct Keyed {
    uint64_t prefix;
    std::string_view word;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(words.size());
  for (std::string_view w : words) {
    uint64_t k = 0;
    const size_t m = std::min<size_t>(w.size(), 8);
    for (size_t i = 0; i < m; ++i) k |= uint64_t{static_cast<unsigned char>(w[i])} << (56 - 8 * i);
    keyed.push_back({k, w});
  }
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return a.word.size() > 8 && b.word.size() > 8 ? a.word.substr(8) < b.word.substr(8)
                                                  : a.word.size() < b.word.size();
  });
  std::string_view last;
  bool first = true;
  for (const Keyed& k : keyed) {
    if (!first && k.word == last) continue;
    first = false;
    last = k.word;
    if (!f(k.word)) break;
  }
}

}  // namespace

std::vector<std::string> search_words(std::string_view text) {
  std::vector<std::string> out;
  for_each_word(text, [&](std::string_view w) {
    out.emplace_back(w);
    return true;
  });
  return out;
}

std::string tsvector_literal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t bytes = 0;
  for_each_word(text, [&](std::string_view w) {
    bytes += w.size();
    if (bytes > kMaxVectorBytes) return false;
    if (!out.empty()) out += ' ';
    quote_into(out, w);
    return true;
  });
  return out;
}

std::string tsvector_binary(std::string_view text) {
  std::string out(4, '\0');  // the count, written last
  uint32_t count = 0;
  size_t bytes = 0;
  for_each_word(text, [&](std::string_view w) {
    bytes += w.size();
    if (bytes > kMaxVectorBytes) return false;
    out += w;
    out += '\0';
    out.append(2, '\0');  // no positions
    ++count;
    return true;
  });
  for (int k = 0; k < 4; ++k) out[k] = static_cast<char>((count >> (24 - 8 * k)) & 0xff);
  return out;
}

std::string tsquery_literal(std::string_view query) {
  std::string out;
  for_each_word(query, [&](std::string_view w) {
    if (!out.empty()) out += " & ";
    quote_into(out, w);
    return true;
  });
  return out;
}

}  // namespace parley::store

#include "parley/text/utf8.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <utility>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace parley::utf8 {

std::optional<size_t> find_invalid(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path: 32 bytes at a time where SSE2 is there (every x86-64), then eight at a
    // time; a byte with the top bit set stops both and is checked below.
#if defined(__SSE2__)
    while (i + 32 <= n) {
      const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 16));
      if (_mm_movemask_epi8(_mm_or_si128(lo, hi))) break;
      i += 32;
    }
#endif
    while (i + 8 <= n) {
      uint64_t lane;
      std::memcpy(&lane, s + i, 8);
      if (lane & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char b = s[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    int len;
    char32_t cp;
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
      cp = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      cp = b & 0x0F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      cp = b & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (int k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::nullopt;
}

char32_t decode(std::string_view text, size_t& pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  unsigned char b = s[pos];
  if (b < 0x80) {
    ++pos;
    return b;
  }
  int len = sequence_length(b);
  if (pos + len > text.size()) {  // defensive: callers validate first
    pos = text.size();
    return 0xFFFD;
  }
  char32_t cp = b & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (s[pos + k] & 0x3F);
  pos += len;
  return cp;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

namespace {

CharClass classify_slow(char32_t cp) {
  switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x00AB:
    case 0x00BB:
    case 0x2039:
    case 0x203A:
    case 0x2032:
    case 0x2033:
    case 0x0060:
    case 0x00B4:
      return CharClass::kQuote;
    case 0x2026:
      return CharClass::kPeriod;  // ellipsis
    case 0x200B:
    case 0xFEFF:
    case 0x00A0:
      return CharClass::kSpace;
    default:
      break;
  }
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
      return CharClass::kUpper;
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      return CharClass::kLower;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return CharClass::kMark;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return CharClass::kDigit;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return CharClass::kSpace;
    case UTF8PROC_CATEGORY_PD:
      return CharClass::kDash;
    case UTF8PROC_CATEGORY_PS:
      return CharClass::kOpen;
    case UTF8PROC_CATEGORY_PE:
      return CharClass::kClose;
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
      return CharClass::kQuote;
    case UTF8PROC_CATEGORY_PO:
      if (cp == 0x061F || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0x0964)
        return CharClass::kTerminal;
      return CharClass::kPunct;
    case UTF8PROC_CATEGORY_PC:
      return CharClass::kPunct;
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
      return CharClass::kSymbol;
    case UTF8PROC_CATEGORY_CF:
      return CharClass::kMark;  // joiners stay inside words
    default:
      return CharClass::kOther;
  }
}

}  // namespace

CharClass classify_unicode(char32_t cp) {
  return classify_slow(cp);
}

std::string lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    unsigned char b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80) {
      out += static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
      ++pos;
      continue;
    }
    char32_t cp = decode(text, pos);
    append(out, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))));
  }
  return out;
}

std::string strip_marks(std::string_view text) {
  if (std::all_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return std::string(text);
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                   static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK));
  if (n < 0) return std::string(text);  // invalid UTF-8: left as it is
  std::string stripped(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n));
  std::free(mapped);
  // Letters whose stroke or shape is no combining mark.
  static constexpr std::pair<std::string_view, std::string_view> kFolds[] = {
      {"ł", "l"},  {"Ł", "L"}, {"ø", "o"}, {"Ø", "O"}, {"đ", "d"},  {"Đ", "D"},
      {"ß", "ss"}, {"ı", "i"}, {"ħ", "h"}, {"Ħ", "H"}, {"æ", "ae"}, {"Æ", "Ae"}};
  for (const auto& [from, to] : kFolds)
    for (size_t at = stripped.find(from); at != std::string::npos; at = stripped.find(from, at))
      stripped.replace(at, from.size(), to);
  return stripped;
}

std::string normalize(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  size_t pos = 0;
  bool in_space = false;
  int dashes = 0;
  auto flush_dashes = [&] {
    if (dashes == 1)
      folded += '-';
    else if (dashes > 1)
      folded += "--";
    dashes = 0;
  };
  while (pos < text.size()) {
    char32_t cp = decode(text, pos);
    CharClass c = classify(cp);
    if (c == CharClass::kDash) {
      if (in_space) folded += ' ', in_space = false;
      // An em dash alone reads as "--" in news style; a hyphen stays a hyphen.
      dashes += (cp == 0x2014 || cp == 0x2015) ? 2 : 1;
      continue;
    }
    flush_dashes();
    if (c == CharClass::kSpace) {
      in_space = !folded.empty();
      continue;
    }
    if (in_space) folded += ' ', in_space = false;
    switch (cp) {
      case 0x2018:
      case 0x2019:
      case 0x201A:
      case 0x201B:
      case 0x2032:
      case 0x00B4:
      case 0x0060:
        folded += '\'';
        break;
      case 0x201C:
      case 0x201D:
      case 0x201E:
      case 0x201F:
      case 0x00AB:
      case 0x00BB:
      case 0x2033:
        folded += '"';
        break;
      case 0x2026:
        folded += "...";
        break;
      default:
        append(folded, cp);
    }
  }
  flush_dashes();
  utf8proc_uint8_t* nfc = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(folded.c_str()));
  if (!nfc) return folded;
  std::string out(reinterpret_cast<char*>(nfc));
  std::free(nfc);
  return out;
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace parley::utf8

#include "parley/text/perceptron.hpp"

#include <utf8proc.h>

#include "parley/text/utf8.hpp"

namespace parley {

namespace {
constexpr uint64_t kBasis = 0xcbf29ce484222325ULL, kPrime = 0x100000001b3ULL;
}

uint64_t hash_lower(std::string_view s) {
  uint64_t h = kBasis;
  size_t pos = 0;
  while (pos < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[pos]);
    if (b < 0x80) {
      h = (h ^ (b >= 'A' && b <= 'Z' ? b + 32 : b)) * kPrime;
      ++pos;
      continue;
    }
    char32_t cp = utf8::decode(s, pos);
    h = (h ^ static_cast<uint64_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)))) * kPrime;
  }
  return h;
}

uint64_t hash_shape(std::string_view s) {
  // Same alphabet as word_shape(): X x d for letters and digits, ASCII punctuation as itself,
  // runs longer than two collapsed, at most ten symbols.
  uint64_t h = kBasis;
  size_t pos = 0;
  int emitted = 0, run = 0;
  char last = 0;
  while (pos < s.size() && emitted < 10) {
    unsigned char b = static_cast<unsigned char>(s[pos]);
    char c;
    if (b < 0x80) {
      ++pos;
      c = b >= 'a' && b <= 'z'   ? 'x'
          : b >= 'A' && b <= 'Z' ? 'X'
          : b >= '0' && b <= '9' ? 'd'
                                 : static_cast<char>(b);
    } else {
      char32_t cp = utf8::decode(s, pos);
      utf8::CharClass k = utf8::classify(cp);
      c = k == utf8::CharClass::kUpper   ? 'X'
          : k == utf8::CharClass::kLower ? 'x'
          : k == utf8::CharClass::kDigit ? 'd'
          : k == utf8::CharClass::kMark
              ? 'm'
              : static_cast<char>('A' + static_cast<int>(k));  // non-ASCII punctuation by class
    }
    if (c == last) {
      if (++run >= 2) continue;
    } else {
      run = 0;
    }
    last = c;
    h = (h ^ static_cast<unsigned char>(c)) * kPrime;
    ++emitted;
  }
  return h;
}

}  // namespace parley

#include "parley/text/perceptron.hpp"

#include <utf8proc.h>

#include "parley/text/utf8.hpp"

namespace parley {

namespace detail {

uint64_t hash_lower_rest(uint64_t h, std::string_view s, size_t pos) {
  while (pos < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[pos]);
    if (b < 0x80) {
      h = (h ^ (b >= 'A' && b <= 'Z' ? b + 32 : b)) * kFnvPrime;
      ++pos;
      continue;
    }
    char32_t cp = utf8::decode(s, pos);
    h = (h ^ static_cast<uint64_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)))) *
        kFnvPrime;
  }
  return h;
}

uint64_t hash_shape_rest(ShapeState st, std::string_view s, size_t pos) {
  // Same alphabet as word_shape(); non-ASCII punctuation by its class.
  while (pos < s.size() && st.emitted < 10) {
    unsigned char b = static_cast<unsigned char>(s[pos]);
    char c;
    if (b < 0x80) {
      ++pos;
      c = ascii_shape(b);
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
    st.add(c);
  }
  return st.h;
}

}  // namespace detail

}  // namespace parley

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

PackedWeights::PackedWeights(const std::vector<float>& dense, uint32_t mask) : mask_(mask) {
  const size_t n = size_t{mask} + 1;
  blocks_.assign((n + 63) / 64, Block{});
  weights_.clear();
  for (size_t i = 0; i < n; ++i) {
    if (i % 64 == 0) blocks_[i / 64].rank = weights_.size();
    float w = i < dense.size() ? dense[i] : 0.f;
    // Set when the bit pattern is not +0.0f, so a -0.0f weight is kept as it was.
    if (std::bit_cast<uint32_t>(w) != 0) {
      blocks_[i / 64].bits |= uint64_t{1} << (i % 64);
      weights_.push_back(w);
    }
  }
  weights_.push_back(0.f);  // the spare entry score() may read for an unset last entry
}

}  // namespace parley

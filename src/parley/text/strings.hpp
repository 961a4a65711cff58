// Small string and list helpers every stage uses: one home each, so they cannot drift apart
// (clause.cpp and attribution.cpp once had add_unique functions that differed on -1).
#pragma once

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace parley::text {

// ASCII case folding only: bytes of UTF-8 sequences pass unchanged (utf8::lower folds Unicode).
inline char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// Is `word` one of `set`? For short closed lists of grammar words written at the call site;
// open lists (verbs, names) live in data/words/ instead.
inline bool is_in(std::string_view word, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), word) != set.end();
}

// Appends an index (an actor, a word) unless it is negative ("none") or already there; keeps
// the order of first appearance.
inline void add_unique(std::vector<int>& out, int x) {
  if (x >= 0 && std::find(out.begin(), out.end(), x) == out.end()) out.push_back(x);
}

}  // namespace parley::text

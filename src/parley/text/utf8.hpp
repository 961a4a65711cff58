// UTF-8 decoding, validation, character classes and normalisation. Offsets always stay in bytes
// of the original text: normalisation produces a new string per unit (token, word) instead of
// rewriting the article, so nothing needs an offset map back.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parley::utf8 {

// Byte offset of the first invalid UTF-8 sequence (overlong, surrogate, truncated, > U+10FFFF),
// or nullopt when the whole text is valid. Has an ASCII fast path.
std::optional<size_t> find_invalid(std::string_view text);

// Decodes the code point at `pos` (text must be valid UTF-8) and advances `pos`.
char32_t decode(std::string_view text, size_t& pos);
// Length in bytes of the sequence starting with lead byte `b`.
inline int sequence_length(unsigned char b) {
  return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}
void append(std::string& out, char32_t cp);

enum class CharClass : uint8_t {
  kSpace,  // any Unicode whitespace, incl. NBSP and zero-width space
  kUpper,  // uppercase or titlecase letter
  kLower,  // lowercase and other letters (CJK, Arabic, ...)
  kDigit,
  kMark,      // combining marks: part of the preceding letter
  kQuote,     // ' " and their typographic variants
  kDash,      // - and the Unicode dashes
  kPeriod,    // .
  kTerminal,  // ! ? and other sentence-final marks
  kOpen,      // ( [ { and the like
  kClose,     // ) ] } and the like
  kPunct,     // other punctuation: , ; : / & ...
  kSymbol,    // $ % + = currency, maths, emoji
  kOther,     // controls, unassigned
};
// Class of a code point beyond ASCII (Unicode general category through utf8proc).
CharClass classify_unicode(char32_t cp);

namespace detail {
// The classes of the ASCII code points: what classify_unicode() gives them (controls other,
// letters, digits; the categories Po and Pc punctuation, Sm Sc Sk symbols), with the folds every
// caller wants (ASCII whitespace, quotes, the period, ! ?, the hyphen, brackets). A constant
// table, so classify() is inlined on the hot paths; a test checks it against utf8proc.
inline constexpr auto kAsciiClass = [] {
  std::array<CharClass, 128> t{};
  for (int c = 0; c < 128; ++c) {
    CharClass k = CharClass::kOther;
    if (c >= 'A' && c <= 'Z')
      k = CharClass::kUpper;
    else if (c >= 'a' && c <= 'z')
      k = CharClass::kLower;
    else if (c >= '0' && c <= '9')
      k = CharClass::kDigit;
    else if (c == ' ' || (c >= '\t' && c <= '\r'))
      k = CharClass::kSpace;
    else if (c == '\'' || c == '"' || c == '`')
      k = CharClass::kQuote;
    else if (c == '.')
      k = CharClass::kPeriod;
    else if (c == '!' || c == '?')
      k = CharClass::kTerminal;
    else if (c == '-')
      k = CharClass::kDash;
    else if (c == '(' || c == '[' || c == '{')
      k = CharClass::kOpen;
    else if (c == ')' || c == ']' || c == '}')
      k = CharClass::kClose;
    else if (c == '$' || c == '+' || c == '<' || c == '=' || c == '>' || c == '^' || c == '|' ||
             c == '~')
      k = CharClass::kSymbol;
    else if (c > ' ' && c < 127)
      k = CharClass::kPunct;  // # % & * , / : ; @ \\ _
    t[static_cast<size_t>(c)] = k;
  }
  return t;
}();
}  // namespace detail

inline CharClass classify(char32_t cp) {
  return cp < 128 ? detail::kAsciiClass[cp] : classify_unicode(cp);
}
inline bool is_letter(CharClass c) {
  return c == CharClass::kUpper || c == CharClass::kLower;
}
inline bool is_alnum(CharClass c) {
  return c == CharClass::kUpper || c == CharClass::kLower || c == CharClass::kDigit ||
         c == CharClass::kMark;
}

// NFC plus the folds downstream matching wants: typographic quotes to ASCII, dashes to "-"
// (two or more to "--"), the ellipsis character to "...", and any whitespace run to one space.
std::string normalize(std::string_view text);

// Lowercase (simple case folding) of valid UTF-8.
std::string lower(std::string_view text);
// Diacritics removed ("Kandahār" -> "Kandahar", "Gdańsk" -> "Gdansk", "İzmir" -> "Izmir"), and
// the Latin letters that carry no separable mark folded too ("Łódź" -> "Lodz", "ø" -> "o").
// News drops diacritics; tables keep them.
std::string strip_marks(std::string_view text);
// ASCII white space trimmed at both ends and collapsed to one blank inside ("a \n b" -> "a b").
std::string collapse_spaces(std::string_view text);

}  // namespace parley::utf8

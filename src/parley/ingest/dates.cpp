#include <cctype>
#include <string>
#include <string_view>

#include "parley/ingest/ingest.hpp"

namespace parley {

namespace {

int month_number(std::string_view w) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  if (w.size() < 3) return 0;
  std::string l;
  for (char c : w) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int m = 0; m < 12; ++m)
    if (l.compare(0, 3, kMonths[m]) == 0) return m + 1;
  return 0;
}

std::string ymd(int y, int m, int d) {
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

}  // namespace

std::string normalize_date(std::string_view s) {
  // ISO 8601 prefix.
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  std::string_view t = s.substr(i);
  auto digits = [&](size_t at, size_t n) {
    if (at + n > t.size()) return -1;
    int v = 0;
    for (size_t k = at; k < at + n; ++k) {
      if (!std::isdigit(static_cast<unsigned char>(t[k]))) return -1;
      v = v * 10 + (t[k] - '0');
    }
    return v;
  };
  if (digits(0, 4) >= 0 && t.size() >= 10 && (t[4] == '-' || t[4] == '/') && t[7] == t[4])
    return ymd(digits(0, 4), digits(5, 2), digits(8, 2));
  // Words: look for a month name, a day and a year among the first few words.
  int y = 0, m = 0, d = 0;
  size_t pos = 0, words = 0;
  while (pos < t.size() && words < 8) {
    while (pos < t.size() && !std::isalnum(static_cast<unsigned char>(t[pos]))) ++pos;
    size_t b = pos;
    while (pos < t.size() && std::isalnum(static_cast<unsigned char>(t[pos]))) ++pos;
    if (b == pos) break;
    ++words;
    std::string_view w = t.substr(b, pos - b);
    if (std::isdigit(static_cast<unsigned char>(w[0]))) {
      int v = 0;
      size_t k = 0;
      // Only a 4-digit year or a 1-2 digit day is used: longer numbers are counted, not
      // accumulated, so a dateline such as "January 4, 99999999999" cannot overflow.
      for (; k < w.size() && std::isdigit(static_cast<unsigned char>(w[k])); ++k)
        if (k < 4) v = v * 10 + (w[k] - '0');
      if (k == 4 && !y)
        y = v;
      else if (k <= 2 && !d)
        d = v;  // "4", "4th"
    } else if (!m) {
      m = month_number(w);
    }
    if (y && m && d) return ymd(y, m, d);
  }
  return {};
}

std::string IngestError::to_string() const {
  std::string s = path;
  if (line) s += ":" + std::to_string(line);
  s += " (byte " + std::to_string(offset) + "): " + message;
  return s;
}

}  // namespace parley

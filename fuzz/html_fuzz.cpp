// HTML extraction: gumbo under its depth and memory limits, or the tag-stripping fallback.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  parley::HtmlArticle a = parley::extract_html(html);
  // Extraction drops and collapses; what grows is bounded: the title once more, an invalid
  // byte becoming U+FFFD (3 bytes), "<br>" a blank line.
  parley::fuzz::require(a.text.size() <= 8 * size + 16);
  parley::fuzz::require(a.fallback.empty() || a.fallback_offset <= size);
  return 0;
}

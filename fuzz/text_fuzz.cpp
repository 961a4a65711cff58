// Plain-text articles: the reader (title, dateline, size limit, binary and UTF-8 checks) and the
// segmenter (tokens, words, sentences) on whatever it returns.
#include "fuzz_support.hpp"
#include "parley/resources.hpp"
#include "parley/text/segmenter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static parley::fuzz::MemFile file;
  static const parley::Segmenter segmenter = parley::Segmenter::load(parley::default_model_dir());
  parley::IngestOptions options;
  options.format = parley::InputFormat::kText;
  parley::ArticleReader reader({file.write(data, size)}, options);
  while (auto a = reader.next()) {
    parley::fuzz::check_article(*a);
    segmenter.process(*a);
    uint32_t next = 0;
    for (const parley::Sentence& s : a->sentences) {
      parley::fuzz::require(s.first_token == next && s.span.end <= a->text.size());
      next = s.first_token + s.token_count;
    }
    parley::fuzz::require(next == a->tokens.size());
  }
  return 0;
}

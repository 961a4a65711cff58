// Sentence splitter built for news. Paragraph breaks always end a sentence; inside a paragraph a
// learned classifier decides after each plausible token (terminal punctuation, closing quotes,
// tokens before a capital or a line break), so "Gen.", "U.S. Senate" and '"...?" he asked.' come
// out right where rules alone do not.
#pragma once

#include <string_view>
#include <vector>

#include "parley/doc/document.hpp"
#include "parley/text/perceptron.hpp"
#include "parley/text/utf8.hpp"

namespace parley {

struct SentenceModel {
  BinaryPerceptron boundary{18};
  void save(binio::Writer& w) const { boundary.save(w); }
  void load(binio::Reader& r) { boundary.load(r); }
};

// What separates token i from token i+1.
enum class Gap : uint8_t { kNone, kSpace, kLine, kParagraph };

class SentenceSplitter {
 public:
  explicit SentenceSplitter(const SentenceModel& model) : model_(model) {}

  // Fills article.sentences from article.tokens / words.
  void split(Article& article) const;

  // No sentence is longer than this many tokens: a longer run (a missed boundary, a list, text
  // without punctuation) is cut at its last ';' or ':', else ',', in the second half, else
  // hard. Treebank sentences stay under 160 words; the cap keeps what later stages spend per
  // sentence bounded, whatever the input (an 8,000-word run-on sentence took 16 s to code).
  static constexpr uint32_t kMaxSentenceTokens = 250;

  // Exposed for the trainer.
  // Gaps between consecutive tokens; `soft_lines` treats single line breaks as mere spaces (for
  // hard-wrapped text), otherwise a single line break separates paragraphs like a blank line.
  static void gaps(const Article& a, std::vector<Gap>& out);
  static bool is_candidate(const Article& a, const std::vector<Gap>& gaps, size_t i);
  static void features(const Article& a, const std::vector<Gap>& gaps, size_t i,
                       std::vector<uint32_t>& out);
  // Heuristic: lines of similar width below ~100 bytes mean the text was wrapped by a tool, so
  // single newlines are not paragraph breaks.
  static bool hard_wrapped(std::string_view text);

  // What the features read of one token; split() computes it once per token, where the
  // features of neighbouring candidates share it.
  struct TokenInfo {
    uint64_t key = 2, shape = 2;  // hashes of the lowercased form and of the shape; 2: no token
    utf8::CharClass first = utf8::CharClass::kOther, last = utf8::CharClass::kOther;
    bool period_attached = false;  // "Gen." "U.S.": longer than one byte and ends in a period
  };
  static TokenInfo token_info(std::string_view token);
  static constexpr size_t kFeatures = 17;

 private:
  // The features of the candidate after token i, given the infos of tokens i-2 .. i+2 (default
  // infos where there is no token), whether token i-1 exists, the gaps after tokens i and i-1,
  // and the tokens since the paragraph began (capped at 40).
  static void features(const TokenInfo* const near[5], bool has_prev, Gap gap, Gap prev_gap,
                       size_t since, uint32_t* out);

  const SentenceModel& model_;
};

}  // namespace parley

// The text stage's fast paths (issue 15) against the plain definitions they replace: the ASCII
// class table, the inlined hashes, and the sentence splitter's per-token infos and batched
// scores. The features are stored model inputs, so any difference would change results.
#include <gtest/gtest.h>
#include <utf8proc.h>

#include <filesystem>
#include <optional>

#include "../test_support.hpp"
#include "parley/text/hash.hpp"
#include "parley/text/perceptron.hpp"
#include "parley/text/segmenter.hpp"
#include "parley/text/sentence_splitter.hpp"
#include "parley/text/tokenizer.hpp"
#include "parley/text/utf8.hpp"

namespace parley {
namespace {

using utf8::CharClass;

// The ASCII table as it was built at start-up before: utf8proc's categories, then the folds.
CharClass reference_ascii_class(int c) {
  for (char s : std::string_view(" \t\n\r\v\f"))
    if (c == s) return CharClass::kSpace;
  if (c == '\'' || c == '"' || c == '`') return CharClass::kQuote;
  if (c == '.') return CharClass::kPeriod;
  if (c == '!' || c == '?') return CharClass::kTerminal;
  if (c == '-') return CharClass::kDash;
  if (c == '(' || c == '[' || c == '{') return CharClass::kOpen;
  if (c == ')' || c == ']' || c == '}') return CharClass::kClose;
  return utf8::classify_unicode(static_cast<char32_t>(c));
}

TEST(TextFastPaths, AsciiClassTableMatchesUnicodeCategories) {
  for (int c = 0; c < 128; ++c)
    EXPECT_EQ(utf8::classify(static_cast<char32_t>(c)), reference_ascii_class(c)) << "byte " << c;
  // Beyond ASCII classify() still asks utf8proc.
  EXPECT_EQ(utf8::classify(U'\u2019'), CharClass::kQuote);
  EXPECT_EQ(utf8::classify(U'\u00E9'), CharClass::kLower);
  EXPECT_EQ(utf8::classify(U'\u2014'), CharClass::kDash);
}

// hash_lower and hash_shape as they were written before the inline ASCII paths.
uint64_t reference_hash_lower(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = utf8::decode(s, pos);
    if (cp < 0x80) {
      if (cp >= 'A' && cp <= 'Z') cp += 32;
    } else {
      cp = static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
    }
    h = (h ^ static_cast<uint64_t>(cp)) * 0x100000001b3ULL;
  }
  return h;
}

uint64_t reference_hash_shape(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  size_t pos = 0;
  int emitted = 0, run = 0;
  char last = 0;
  while (pos < s.size() && emitted < 10) {
    char32_t cp = utf8::decode(s, pos);
    CharClass k = utf8::classify(cp);
    char c;
    if (cp < 0x80)
      c = cp >= 'a' && cp <= 'z'   ? 'x'
          : cp >= 'A' && cp <= 'Z' ? 'X'
          : cp >= '0' && cp <= '9' ? 'd'
                                   : static_cast<char>(cp);
    else
      c = k == CharClass::kUpper   ? 'X'
          : k == CharClass::kLower ? 'x'
          : k == CharClass::kDigit ? 'd'
          : k == CharClass::kMark  ? 'm'
                                   : static_cast<char>('A' + static_cast<int>(k));
    if (c == last) {
      if (++run >= 2) continue;
    } else {
      run = 0;
    }
    last = c;
    h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    ++emitted;
  }
  return h;
}

TEST(TextFastPaths, InlineHashesMatchTheirDefinitions) {
  const std::vector<std::string> words = {"",
                                          "a",
                                          "The",
                                          "U.S.",
                                          "1,200",
                                          "don't",
                                          "AAAAAAAAAA",
                                          "aAbBcCdDeEfFgG",
                                          "Washington's",
                                          "e-mail",
                                          "Müller",
                                          "ÉCOLE",
                                          "naïve-ish",
                                          "São\u00A0Paulo",
                                          "“quoted”",
                                          "x\u0301y",
                                          "İstanbul",
                                          "ΑΘΗΝΑ",
                                          "2019–2020",
                                          "abc…",
                                          "MiXeD123ab",
                                          "--",
                                          "((()))",
                                          "Ünïcödé wörds",
                                          "ok\xE2\x80\x99s"};
  for (const auto& w : words) {
    EXPECT_EQ(hash_lower(w), reference_hash_lower(w)) << w;
    EXPECT_EQ(hash_shape(w), reference_hash_shape(w)) << w;
  }
  // The splitter's one-pass, table-driven hashes of a token (short ASCII tokens) against the
  // definitions: the lowercased form only up to 20 bytes, the shape capped at ten symbols.
  std::vector<std::string> tokens = words;
  for (std::string t : {"abcdefghijklmnopqrst", "abcdefghijklmnopqrstu", "aaabbbcccdddeeefffggg",
                        "Mr.", "...", "XXxxXXxxXXxxXX", "A1b2C3d4E5f6G7h8I9j0", "\"", "'s"})
    tokens.push_back(t);
  for (const auto& t : tokens) {
    const SentenceSplitter::TokenInfo x = SentenceSplitter::token_info(t);
    EXPECT_EQ(x.key, (t.size() > 20 ? 1 : reference_hash_lower(t)) | 4) << t;
    EXPECT_EQ(x.shape, reference_hash_shape(t) | 4) << t;
  }
}

// The splitter's sentence ends against the trainer's path (is_candidate() and features() per
// candidate, each computing its neighbours' hashes and the paragraph length afresh, scored one
// at a time): split() computes infos once per token and scores all candidates in one batch.
TEST(TextFastPaths, SplitterDecisionsMatchTheTrainerPath) {
  SegmenterModel model;
  model.load(default_model_dir() + "/segmenter.bin");
  Tokenizer tokenizer(model.tokenizer);
  SentenceSplitter splitter(model.sentences);
  size_t candidates = 0;
  for (const char* name : {"cairo-talks.txt"}) {
    Article a;
    a.text = test::read_file(test::source_dir() + "/samples/" + name);
    a.text +=
        "\n\nGen. Smith met U.S. officials on Jan. 5. \"Why?\" he asked. (AP) – Dr. Ünal "
        "said “no.” Then: 3.5% rose... ok";
    tokenizer.tokenize(a);
    splitter.split(a);
    std::vector<uint8_t> is_end(a.tokens.size(), 0);
    for (const Sentence& s : a.sentences) {
      ASSERT_LT(s.token_count, SentenceSplitter::kMaxSentenceTokens);  // no forced cut here
      is_end[s.first_token + s.token_count - 1] = 1;
    }
    std::vector<Gap> gaps;
    SentenceSplitter::gaps(a, gaps);
    std::vector<uint32_t> feats;
    for (size_t i = 0; i < a.tokens.size(); ++i) {
      bool end = i + 1 == a.tokens.size() || gaps[i] == Gap::kParagraph;
      if (!end && SentenceSplitter::is_candidate(a, gaps, i)) {
        SentenceSplitter::features(a, gaps, i, feats);
        ASSERT_EQ(feats.size(), SentenceSplitter::kFeatures);
        end = model.sentences.boundary.predict(feats);
        ++candidates;
      }
      EXPECT_EQ(is_end[i] != 0, end) << "after token " << i << " '" << a.token_text(i) << "'";
    }
  }
  EXPECT_GT(candidates, 50u);
}

TEST(TextFastPaths, BatchedScoresEqualOneByOne) {
  SegmenterModel model;
  model.load(default_model_dir() + "/segmenter.bin");
  const BinaryPerceptron& p = model.sentences.boundary;
  std::vector<uint32_t> feats;
  uint64_t x = 7;
  for (int i = 0; i < 17 * 40; ++i) feats.push_back(static_cast<uint32_t>(text::splitmix(x)));
  std::vector<float> batch(40);
  p.score_many(feats.data(), 17, 40, batch.data());
  for (size_t k = 0; k < 40; ++k) {
    std::vector<uint32_t> one(feats.begin() + static_cast<long>(17 * k),
                              feats.begin() + static_cast<long>(17 * (k + 1)));
    EXPECT_EQ(batch[k], p.score(one)) << k;  // the same floats in the same order: bit-equal
  }
}

// UTF-8 validity as the standard defines it (Unicode 15, table 3-7), one code point at a time:
// the reference for find_invalid(), whose ASCII runs are skipped 32 and 8 bytes at a time.
std::optional<size_t> reference_find_invalid(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    const unsigned b = s[i];
    size_t len;
    unsigned lo = 0x80, hi = 0xBF;  // the second byte's range
    if (b < 0x80) {
      ++i;
      continue;
    } else if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n || s[i + 1] < lo || s[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k)
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    i += len;
  }
  return std::nullopt;
}

// Every bad or truncated sequence, and a valid multi-byte one, at every offset around the
// 8-, 16- and 32-byte blocks of the fast path, in ASCII text of every length up to 100 bytes.
TEST(TextFastPaths, Utf8ValidationMatchesTheDefinitionAroundBlocks) {
  const std::vector<std::string> inserts = {"\x80",
                                            "\xBF",
                                            "\xC0\xAF",
                                            "\xC1\xBF",
                                            "\xC2",
                                            "\xC2\x41",
                                            "\xE0\x80\xAF",
                                            "\xE0\xA0",
                                            "\xED\xA0\x80",
                                            "\xEF\xBF",
                                            "\xF0\x8F\xBF\xBF",
                                            "\xF4\x90\x80\x80",
                                            "\xF5\x80\x80\x80",
                                            "\xFE",
                                            "\xFF",
                                            "\xF0\x9F\x98",
                                            "\xC3\xA9",
                                            "\xE2\x80\x99",
                                            "\xF0\x9F\x98\x80",
                                            "\xEF\xBF\xBD"};
  size_t checked = 0, invalid = 0;
  for (size_t len = 0; len <= 100; ++len)
    for (const std::string& bad : inserts)
      for (size_t at = 0; at <= len; ++at) {
        std::string text(len, 'a');
        for (size_t k = 0; k < len; ++k) text[k] = static_cast<char>('a' + k % 26);
        text.insert(at, bad);
        const auto got = utf8::find_invalid(text), want = reference_find_invalid(text);
        ASSERT_EQ(got, want) << "length " << len << ", bytes at " << at;
        ++checked;
        invalid += want.has_value();
      }
  EXPECT_GT(invalid, checked / 2);  // most inserts are invalid, some valid: both paths seen
  EXPECT_LT(invalid, checked);
  // A valid text with a multi-byte character right after each 32-byte block, and one bad byte
  // in a long ASCII run: the fast path must stop exactly there.
  std::string text(200, 'x');
  text[130] = '\xFF';
  EXPECT_EQ(utf8::find_invalid(text), std::optional<size_t>(130));
  EXPECT_EQ(utf8::find_invalid(std::string(64, 'x') + "\xC3\xA9" + std::string(64, 'y')),
            std::nullopt);
}

// Tokens and words of `a` as one comparable list.
std::vector<uint32_t> segmentation(const Article& a) {
  std::vector<uint32_t> out;
  for (const Token& t : a.tokens)
    out.insert(out.end(), {t.span.start, t.span.end, t.first_word, t.word_count,
                           static_cast<uint32_t>(t.space_after)});
  out.push_back(0xFFFFFFFF);
  for (const Word& w : a.words) out.insert(out.end(), {w.span.start, w.span.end, w.token});
  return out;
}

// Text whose chunks exercise every way a chunk splits: punctuation, clitics (straight and
// curly), URLs, e-mail addresses, exception-table entries, non-ASCII, and chunks around the
// memo's 32-byte key limit, each repeated so the second sight is replayed.
std::string memo_test_text() {
  std::string t = test::read_file(test::source_dir() + "/samples/cairo-talks.txt");
  const std::string odd =
      " \"Don't,\" he said. U.S.-led (AP) can't won’t Smith’s e.g. i.e., 3.5%, $12bn; "
      "https://example.org/a?b=c). <me@example.com>, «Ünal» São-Paulo’s —yes— 1990s-era "
      "abcdefghijklmnopqrstuvwxyz01234, abcdefghijklmnopqrstuvwxyz012345, "
      "abcdefghijklmnopqrstuvwxyz0123456, ((((((((((((((((((((((((((((((((x)). "
      "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p. gonna wanna cannot ";
  for (int i = 0; i < 3; ++i) t += odd;
  return t;
}

// The chunk memo (tokenizer.cpp) replays what the classifier decided for a chunk seen before:
// with it on, cold or warm, tokens and words equal those of the uncached path exactly.
TEST(TextFastPaths, ChunkMemoEqualsTheUncachedPath) {
  SegmenterModel model;
  model.load(default_model_dir() + "/segmenter.bin");
  Tokenizer plain(model.tokenizer), memo(model.tokenizer);
  plain.use_chunk_memo(false);
  std::vector<std::string> texts = {memo_test_text()};
  for (const char* name : {"cairo-talks.txt"})
    texts.push_back(test::read_file(test::source_dir() + "/samples/" + name));
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(test::source_dir() + "/samples"))
    if (entry.path().extension() == ".txt") texts.push_back(test::read_file(entry.path()));
  size_t tokens = 0;
  for (int pass = 0; pass < 2; ++pass)  // the first pass fills the memo, the second replays
    for (const std::string& text : texts) {
      Article a, b;
      a.text = b.text = text;
      plain.tokenize(a);
      memo.tokenize(b);
      ASSERT_EQ(segmentation(a), segmentation(b)) << "pass " << pass;
      tokens += a.tokens.size();
    }
  EXPECT_GT(tokens, 10000u);
}

// The tokenizer's last two features pair a narrow piece with a wide one (two candidates away);
// where there is no second neighbour the wide piece's hash is taken from the narrow one, which
// must be what hashing its bytes gives.
TEST(TextFastPaths, TokenizerWidePiecesEqualTheirBytes) {
  const std::string text = memo_test_text();
  size_t checked = 0;
  std::vector<uint32_t> cands;
  Tokenizer::for_each_chunk(text, [&](Chunk& c) {
    if (c.plain) return;
    Tokenizer::candidates(c, cands);
    const Tokenizer::ChunkHashes whole = Tokenizer::chunk_hashes(text, c);
    const size_t n = c.chars.size();
    auto piece = [&](size_t from, size_t to) {
      const uint32_t b = from < n ? c.chars[from].byte : c.end,
                     e = to < n ? c.chars[to].byte : c.end;
      return hash_lower(std::string_view(text).substr(b, e - b));
    };
    for (size_t k = 0; k < cands.size(); ++k) {
      uint32_t out[Tokenizer::kMaxFeatures];
      const size_t m = Tokenizer::features(text, c, cands, k, whole, out);
      const size_t j = cands[k];
      const size_t prev = k > 0 ? cands[k - 1] : 0, next = k + 1 < cands.size() ? cands[k + 1] : n;
      const size_t prev2 = k > 1 ? cands[k - 2] : 0,
                   next2 = k + 2 < cands.size() ? cands[k + 2] : n;
      ASSERT_EQ(out[m - 2], feature_hash(15, piece(prev2, j), piece(j, next)));
      ASSERT_EQ(out[m - 1], feature_hash(16, piece(prev, j), piece(j, next2)));
      ++checked;
    }
  });
  EXPECT_GT(checked, 300u);
}

// Two tokenizers in one thread never read each other's memo entries: a model whose exception
// table splits "said." and "U.S.-led" differently keeps its own answers while the default model's
// tokenizer, alternating with it, keeps the default ones.
TEST(TextFastPaths, ChunkMemoIsPerTokenizer) {
  SegmenterModel model, other;
  model.load(default_model_dir() + "/segmenter.bin");
  other.load(default_model_dir() + "/segmenter.bin");
  other.tokenizer.chunk_exceptions["said."] = std::string(1, '\x02');         // "sa" "id."
  other.tokenizer.chunk_exceptions["U.S.-led"] = std::string("\x01\x05", 2);  // "U" ".S.-" "led"
  Tokenizer a(model.tokenizer), b(other.tokenizer);
  Tokenizer a_ref(model.tokenizer), b_ref(other.tokenizer);
  a_ref.use_chunk_memo(false);
  b_ref.use_chunk_memo(false);
  const std::string text = "He said. U.S.-led talks, he said. U.S.-led again.";
  for (int i = 0; i < 3; ++i) {
    for (const Tokenizer* t : {&a, &b}) {
      const Tokenizer* ref = t == &a ? &a_ref : &b_ref;
      Article x, y;
      x.text = y.text = text;
      t->tokenize(x);
      ref->tokenize(y);
      ASSERT_EQ(segmentation(x), segmentation(y)) << (t == &a ? "default" : "other") << " " << i;
    }
  }
  Article x;
  x.text = text;
  b.tokenize(x);
  EXPECT_EQ(x.token_text(1), "sa");
  EXPECT_EQ(x.token_text(3), "U");
  a.tokenize(x);
  EXPECT_EQ(x.token_text(1), "said");
}

}  // namespace
}  // namespace parley

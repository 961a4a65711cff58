// Recall of Parley's event triggers against ECB+ gold action mentions.
//
// ECB+ (Cybulska and Vossen 2014) ships as ECBplus-xml.tar.gz (one CAT/CROMER XML file per
// document: `<token t_id=.. sentence=..>word</token>`, then markables such as
// `<ACTION_OCCURRENCE m_id=..><token_anchor t_id=../></ACTION_OCCURRENCE>`) and
// ECBplus_coreference_sentences.csv, the sentences whose annotation is complete. For each listed
// sentence the text is rebuilt from its tokens and run through the events chain; a gold action
// mention is found when a coded event's trigger overlaps one of its tokens, and "lexicon-matched"
// when a word overlapping it has a lemma with a coding pattern (numeric CAMEO code) in the event
// lexicon, whether or not the coder found actors for it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "parley/eval/metrics.hpp"
#include "parley/extract/lexicon.hpp"
#include "parley/pipeline/pipeline.hpp"

namespace parley::eval {

// --- A minimal tar.gz reader (ustar / GNU long names / pax path) ------------------------------

struct TarEntry {
  std::string name;
  std::string data;
};

// Calls `fn` for every regular file of the gzip-compressed tar at `path`, in archive order.
// Throws std::runtime_error naming `path` when the file cannot be read, the gzip stream is
// corrupt or truncated, or a tar header is malformed.
void read_tar_gz(const std::string& path, const std::function<void(const TarEntry&)>& fn);

// --- ECB+ documents -----------------------------------------------------------------------------

struct EcbToken {
  uint32_t id = 0;        // t_id
  uint32_t sentence = 0;  // sentence attribute
  std::string text;       // entity-decoded
};

struct EcbMention {
  std::string tag;               // ACTION_OCCURRENCE, NEG_ACTION_REPORTING, HUMAN_PART_PER, ...
  uint32_t id = 0;               // m_id
  std::vector<uint32_t> tokens;  // t_ids of its token anchors, in document order
};

struct EcbDocument {
  std::string name;                  // "1_10ecbplus"
  std::vector<EcbToken> tokens;      // in document order
  std::vector<EcbMention> mentions;  // markables with token anchors (instances without are dropped)
};

// Parses one ECB+ XML file; `name` is used in error messages. Throws std::runtime_error
// ("<name>: ...") on malformed XML (unterminated tags, a token without t_id, an anchor to an
// unknown token, ...).
EcbDocument parse_ecb_xml(std::string_view xml, const std::string& name);

// True for the action tags: ACTION_* and NEG_ACTION_*.
bool is_action_tag(std::string_view tag);

// --- Scoring ------------------------------------------------------------------------------------

struct TriggerCounts {
  size_t gold = 0;     // gold action mentions
  size_t coded = 0;    // ... overlapped by a coded event trigger
  size_t lexicon = 0;  // ... overlapped by a word whose lemma has a coding pattern
};

struct TriggerMiss {
  std::string doc;  // "1_10ecbplus"
  uint32_t sentence = 0;
  std::string tag;          // ACTION_OCCURRENCE, ...
  std::string words;        // the mention's tokens
  std::string lemma;        // Parley's lemma of its first word (lowercase)
  std::string text;         // the sentence
  bool in_lexicon = false;  // the lexicon had a pattern for it (the coder found no actors/pattern)
};

struct TriggerScores {
  size_t documents = 0;          // documents read from the archive
  size_t sentences = 0;          // selected sentences evaluated
  size_t missing_sentences = 0;  // listed in the CSV but absent from the archive
  TriggerCounts total;
  std::map<std::string, TriggerCounts> by_tag;
  size_t triggers = 0;          // coded event triggers (distinct spans) in the selected sentences
  size_t triggers_on_gold = 0;  // ... overlapping a gold action mention
  size_t lexicon_words = 0;     // words with a lexicon lemma in the selected sentences
  size_t lexicon_words_on_gold = 0;
  std::vector<TriggerMiss> misses;  // gold mentions no coded trigger overlaps

  static double pct(size_t a, size_t b) { return eval::pct(a, b); }
  double coded_recall() const { return pct(total.coded, total.gold); }
  double lexicon_recall() const { return pct(total.lexicon, total.gold); }
  double trigger_precision() const { return pct(triggers_on_gold, triggers); }
};

// Selected sentences: document name ("1_10ecbplus") -> sentence numbers. Reads the CSV
// (header "Topic,File,Sentence Number"; rows "1,10ecbplus,3"); throws naming the file.
std::map<std::string, std::vector<uint32_t>> read_ecb_sentence_list(const std::string& csv_path);

// Rebuilds a sentence's text from its tokens (light detokenisation: no space before
// punctuation and clitics, `` and '' become "); `spans` gets each token's byte span.
std::string rebuild_sentence(const std::vector<const EcbToken*>& tokens,
                             std::vector<std::pair<uint32_t, uint32_t>>& spans);

// Scores the selected sentences of one document. `chain` runs up to events.
void score_ecb_document(const EcbDocument& doc, const std::vector<uint32_t>& sentences,
                        const Pipeline& chain, const extract::Lexicon& lexicon,
                        TriggerScores& scores);

// The whole corpus: `ecb_dir` holds ECBplus-xml.tar.gz and ECBplus_coreference_sentences.csv.
// `progress`, when set, gets a line every 100 documents.
TriggerScores evaluate_ecb_triggers(const std::string& ecb_dir, const Pipeline& chain,
                                    const extract::Lexicon& lexicon,
                                    std::ostream* progress = nullptr);

// The misses sorted by how often their lemma is missed (most frequent first), then lemma, then
// corpus order.
std::vector<TriggerMiss> misses_by_lemma_frequency(
    const std::vector<TriggerMiss>& misses, std::map<std::string, size_t>* lemma_counts = nullptr);

}  // namespace parley::eval

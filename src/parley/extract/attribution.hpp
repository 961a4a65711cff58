// Who says what, who wants what, and where they disagree. Runs after the event coder:
//  - quotes: direct quotes in any quote style (also across sentences and paragraphs, and
//    interrupted by their attribution) and reported speech ("X said that ...", "according to
//    X"), each with its speaker resolved through the actor registry, pronouns included;
//  - claims: the proposition of each quote with source, topic, polarity and certainty;
//  - positions: party x issue x stance from stance verbs and nouns ("rejected the conditions",
//    "demand a complete withdrawal", "remains firm on maintaining control over ...");
//  - divergences: claims on one topic with opposite polarity, or positions on one issue with
//    incompatible stances, from different parties.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "parley/doc/component.hpp"
#include "parley/doc/document.hpp"
#include "parley/text/word_list.hpp"

namespace parley::extract {

// The documented stances, from most favourable to least.
inline constexpr const char* kStances[] = {"support",  "demand", "accept",
                                           "maintain", "reject", "oppose"};
bool opposed_stances(std::string_view a, std::string_view b);

// "the complete withdrawal of Israeli troops from Gaza" -> "force gaza israeli withdrawal": the
// content words' lemmas, folded through a small synonym table, sorted. Issues (and claim
// topics) with one key are one issue across wordings and articles.
std::string issue_key(const std::vector<std::string>& lemmas);

class Attribution : public Component {
 public:
  explicit Attribution(std::shared_ptr<const text::WordLists> words) : words_(std::move(words)) {}
  // Reads the speech, request, naming and stance word lists of data_dir/words/.
  static Attribution load(const std::string& data_dir);
  std::string_view name() const override { return "attribution"; }
  // Events, when present, give positions too (a coded "rejected" is a rejection).
  Layer needs() const override { return Layer::kDependencies | Layer::kActors; }
  Layer adds() const override { return Layer::kAttribution; }
  // Needs parses and actors; fills quotes, claims, positions and divergences.
  void process(Article& article) const override;
  const text::WordLists& words() const { return *words_; }

 private:
  std::shared_ptr<const text::WordLists> words_;
};

// Corpus views for `parley positions` and `parley diverge`: records from many articles, keyed
// by actor code and issue key.
struct PositionRecord {
  std::string doc_id, actor_code, actor_name, issue, issue_key, stance, evidence;
};
struct ClaimRecord {
  std::string doc_id, source_code, source_name, topic, topic_key, polarity, certainty, evidence;
};
struct CorpusDivergence {
  std::string topic, kind;  // kind: "claim" or "position"
  std::vector<std::pair<std::string, std::string>>
      sides;                          // (actor code, value), one per distinct pair
  std::vector<std::string> evidence;  // "doc_id: text" per side record
};

// Records of one analysed article.
void collect(const Article& article, std::vector<PositionRecord>& positions,
             std::vector<ClaimRecord>& claims);
// Divergences across the corpus: a topic or issue on which different actor codes hold opposite
// polarities or incompatible stances.
std::vector<CorpusDivergence> corpus_divergences(const std::vector<PositionRecord>& positions,
                                                 const std::vector<ClaimRecord>& claims);

}  // namespace parley::extract

// Statistical named-entity recognition: a greedy left-to-right averaged perceptron over BIO
// labels of words, with word, affix and shape features in a ±2 window, the UPOS/XPOS tags of
// Parley's own tagger, gazetteer membership (states, cities, places, organisations, demonyms,
// role nouns from data/) and the two previous labels. One label scheme for every corpus:
//
//   PER   people (GUM person, CoNLL PER, CrossNER person/politician, WNUT person, re3d Person)
//   ORG   organisations (GUM organization, CoNLL ORG, CrossNER organisation/politicalparty,
//         WNUT corporation/group, re3d Organisation)
//   LOC   places, states included (GUM place, CoNLL LOC, CrossNER location/country, WNUT
//         location, re3d Location)
//   MISC  other names (GUM event/abstract/object/... with a proper-noun head, CoNLL MISC,
//         CrossNER event/election/misc, WNUT creative-work/product, re3d Nationality)
//
// Dates, quantities, weapons and the like are not entities here.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parley/actors/gazetteer.hpp"
#include "parley/doc/document.hpp"
#include "parley/nlp/linear_model.hpp"
#include "parley/nlp/tagger.hpp"
#include "parley/nlp/word_clusters.hpp"
#include "parley/text/conllu.hpp"

namespace parley {

inline constexpr const char* kEntityTypes[] = {"PER", "ORG", "LOC", "MISC"};

// Maps a corpus's entity type to Parley's ("politician" -> "PER"); "" when it is not an entity
// type Parley recognises ("time", "Quantity").
std::string map_entity_type(std::string_view corpus_type);

struct EntitySpan {
  uint32_t first = 0, last = 0;  // word indices within the sentence, inclusive
  std::string type;              // PER, ORG, LOC, MISC
  friend bool operator==(const EntitySpan&, const EntitySpan&) = default;
};

// A sentence of NER data: word forms and entity spans (gold or predicted).
struct NerSentence {
  std::string doc_id;
  std::vector<std::string> words;
  std::vector<EntitySpan> entities;
};

struct NerModel {
  std::vector<std::string> labels;  // "O", "B-PER", "I-PER", ...
  // Name lists, as sorted hashes of lowercased words: common first names, and parts of people's
  // names (first names and surnames of many cultures). Features, not rules.
  std::vector<uint32_t> first_names, name_parts;
  // Word classes learned from unlabelled text (`parley train clusters`); empty: no class features.
  nlp::WordClusters clusters;
  nlp::LinearModel model;
  void save(const std::string& path) const;
  void load(const std::string& path);
};

// What a document said so far: the entity type each capitalised word form last had. Names
// recur in a document, and their later mentions are often shorter or more ambiguous.
struct DocumentMemory {
  std::unordered_map<uint64_t, uint64_t> types;
};

class EntityRecognizer {
 public:
  EntityRecognizer(std::shared_ptr<const NerModel> model, std::shared_ptr<const nlp::Tagger> tagger,
                   std::shared_ptr<const Gazetteer> gazetteer)
      : model_(std::move(model)), tagger_(std::move(tagger)), gazetteer_(std::move(gazetteer)) {}
  // Loads ner.bin and tagger.bin from a model directory.
  static std::shared_ptr<const EntityRecognizer> load(const std::string& model_dir,
                                                      std::shared_ptr<const Gazetteer> gazetteer);

  // Entities of one sentence. `analysis`, when given, holds the words' tags (one per word);
  // otherwise the recognizer tags the sentence itself.
  // `memory`, when given, carries the document's earlier sentences (pass one per document).
  std::vector<EntitySpan> recognize(const std::vector<std::string_view>& words,
                                    const WordAnalysis* analysis = nullptr,
                                    DocumentMemory* memory = nullptr) const;
  // Entities of every sentence of a segmented article (tags from Article::analysis when the
  // tagger ran, else computed here), word indices sentence-local.
  std::vector<std::vector<EntitySpan>> recognize(const Article& article) const;

 private:
  std::shared_ptr<const NerModel> model_;
  std::shared_ptr<const nlp::Tagger> tagger_;
  std::shared_ptr<const Gazetteer> gazetteer_;
};

struct NerTrainOptions {
  int epochs = 10;
  uint32_t seed = 1;
  int prune = 1;
  int min_updates = 2;
  std::vector<uint32_t> first_names, name_parts;  // from read_name_list()
  nlp::WordClusters clusters;                     // from WordClusters::load_tsv()
};

// A word list, one name per line ('#' comments), as the hashes NerModel keeps.
uint32_t name_hash(std::string_view word);
std::vector<uint32_t> read_name_list(const std::string& path);

// Trains deterministically; with dev sentences, keeps the epoch with the best dev F1.
NerModel train_ner(const std::vector<NerSentence>& train, const std::vector<NerSentence>& dev,
                   const nlp::Tagger& tagger, const Gazetteer& gazetteer,
                   const NerTrainOptions& options, std::ostream& log);

// Corpora. gum: GUM CoNLL-U with Entity= in MISC (a mention is a named entity when its
// syntactic head is a proper noun; the outermost such mention wins; leading determiners and
// trailing possessive clitics and punctuation are left out; time mentions are skipped). conll:
// "token tag" or "token<TAB>tag" lines, IOB1 or IOB2, -DOCSTART- lines. uner: UNER's
// "id<TAB>token<TAB>tag..." with # comments. re3d: the CoNLL conversion of re3d.
enum class NerFormat { kGum, kConll, kUner, kRe3d };
// One GUM mention of a sentence: word range (inclusive), entity type, chain id (per document)
// and syntactic head (the first word whose head lies outside the mention).
struct GumMention {
  uint32_t first = 0, last = 0;
  std::string type, eid;
  uint32_t head = 0;
};
std::vector<GumMention> gum_mentions(const conllu::Sentence& sentence);
std::vector<NerSentence> read_ner_corpus(const std::string& path, NerFormat format);
NerFormat ner_format(std::string_view name);  // "gum", "conll", "uner", "re3d"; throws otherwise

}  // namespace parley

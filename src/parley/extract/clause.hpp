// A dependency view of one parsed sentence joined with the actor layer: the questions every
// extractor asks of a predicate — who is its agent and patient (through passives, control,
// coordination, relative clauses), is it negated, hedged or reported, where did it happen.
// The event coder, the quote extractor and the position extractor share it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parley/actors/gazetteer.hpp"
#include "parley/doc/document.hpp"
#include "parley/extract/lexicon.hpp"
#include "parley/text/word_list.hpp"

namespace parley::extract {

// Per-article lookups computed once: the actor (and mention) covering each word.
class ArticleIndex {
 public:
  // `words`: the shared word lists (data/words/), which must outlive the index.
  ArticleIndex(const Article& article, const text::WordLists& words);
  const Article& article() const { return a_; }
  const text::WordLists& words() const { return words_; }
  int actor_of_word(uint32_t word) const { return word_actor_[word]; }
  int mention_of_word(uint32_t word) const { return word_mention_[word]; }

 private:
  const Article& a_;
  const text::WordLists& words_;
  std::vector<int> word_actor_, word_mention_;
};

class ClauseView {
 public:
  ClauseView(const ArticleIndex& index, uint32_t sentence);

  int size() const { return n_; }
  uint32_t sentence() const { return sentence_; }
  uint32_t global(int w) const { return first_ + static_cast<uint32_t>(w); }
  const text::WordLists& words() const { return index_.words(); }
  // Is the lemma in data/words/light-verbs.tsv ("hold talks"), speech-verbs.tsv ("said")?
  bool light_verb(std::string_view lemma) const { return words().light_verbs.contains(lemma); }
  bool speech_verb(std::string_view lemma) const { return words().speech_verbs.contains(lemma); }
  std::string lemma(int w) const;  // lowercase
  std::string_view text(int w) const;
  std::string_view upos(int w) const;
  std::string_view xpos(int w) const;
  std::string_view feats(int w) const;
  std::string_view deprel(int w) const;
  int head(int w) const { return heads_[w]; }  // -1 for the root
  const std::vector<int>& children(int w) const { return children_[w]; }
  Span span(int w) const;
  Span subtree_span(int w) const;
  bool in_subtree(int w, int root) const;

  bool is_nominal(int w) const;
  bool is_nominal_event(int w, const Lexicon& lexicon) const;
  bool is_passive(int w) const;
  std::string case_of(int w) const;  // lowercase case/mark word of a dependent, "" if none
  bool has_mark(int w, std::string_view mark) const;
  int child_with(int w, std::string_view deprel) const;
  int find_dependent(int w, const ArgConstraint& c) const;
  // Word-order constraints (pre/post, see lexicon.hpp). find_before: the last word of the
  // rightmost match of `c` ending before `limit` (right before it when adjacent), its first word
  // in *first; find_after: the last word of the leftmost match of `c` starting at or after
  // `from` (exactly at `from` when adjacent) inside w's subtree. -1 when there is none.
  int find_before(int limit, const ArgConstraint& c, int* first) const;
  int find_after(int w, int from, const ArgConstraint& c) const;
  // Does `entry` (a lemma, or a space-joined phrase) end at word d?
  bool phrase_ends_at(int d, std::string_view entry) const;
  static int phrase_length(std::string_view entry);
  // Is x in w's subtree without entering a clause below w's own?
  bool in_clause_of(int x, int w) const;
  int clause_root(int w) const;

  int actor_of(int w) const;
  // The actors an argument word stands for: its own mention, coordinated ones ("Israel, the
  // United States, Egypt, and Qatar"), or the actors a nominal is tied to ("negotiators from
  // Qatar"); relative pronouns resolve to their antecedent.
  std::vector<int> actors_at(int w) const;
  // Actors found nearest to `w` in its subtree, not crossing into `exclude`.
  std::vector<int> subtree_actors(int w, int exclude) const;
  // The doer of predicate `w`: subject, passive agent, controller of an infinitive, shared
  // subject of a coordination, the noun an active participle modifies, a noun's possessor.
  std::vector<int> agent_actors(int w, const Lexicon& lexicon, int depth = 0) const;
  // The actors an unresolved subject pronoun of predicate w stands for: the subject of the
  // clause w complements ("X said it would ..."), or none.
  std::vector<int> pronoun_antecedent(int pronoun, int w, const Lexicon& lexicon, int depth) const;
  // The one acted upon: object, passive subject, "with"/"to"/"against"/"on" phrase.
  std::vector<int> patient_actors(int w) const;

  bool negated(int w) const;
  std::string modality(int w) const;
  // The actor whose speech carries `w` ("X said that ... w", "according to X"), -1 if none.
  int reporter(int w) const;
  // The speech verb governing `w` through a complement clause, -1 if none.
  int speech_governor(int w) const;
  Place location(int w, const Gazetteer& gazetteer) const;
  Place place_at(int w, const Gazetteer& gazetteer) const;

 private:
  void add_coordinated(int w, std::vector<int>& out, int depth) const;
  const ArticleIndex& index_;
  const Article& a_;
  uint32_t sentence_, first_;
  int n_;
  std::vector<int> heads_;
  std::vector<std::vector<int>> children_;
  // Pre-order numbers: x is in w's subtree iff enter_[w] <= enter_[x] < leave_[w].
  std::vector<int> enter_, leave_;
  std::vector<Span> extent_;  // per subtree: the bytes its non-punctuation words cover
};

// The event's date: the article date moved by "yesterday", "on Tuesday", "today"; "" without
// an article date.
std::string relative_date(const Article& article, const Event& event);

}  // namespace parley::extract

// Names of states, places, organisations and armed groups, nationality adjectives and role
// nouns, loaded from the data shipped in data/ (see data/gazetteer/README.md for sources).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "parley/actors/actor_dictionary.hpp"
#include "parley/text/word_list.hpp"

namespace parley {

struct GazetteerEntry {
  std::string name;     // canonical name
  std::string type;     // GPE (state), CITY, LOC, GRP, ORG, IGO, NGO, MED
  std::string code;     // actor code when the entry is an actor ("PSEREB", "USAGOV", "ISR")
  std::string country;  // ISO3
  std::string sector;
  double lat = 0, lon = 0;
  uint64_t population = 0;
  bool capital = false;  // a capital city: its name can stand for the government
  // Codes that change with time (a party in and out of government): `code` is the latest, these
  // give the code at an article's date (ActorRecord::code_at's rules).
  std::vector<DatedCode> dated;
};

class Gazetteer {
 public:
  // Loads data_dir/gazetteer/{countries,cities}.tsv and data_dir/actors/{entities,roles}.tsv,
  // and the word lists of data_dir/words/.
  static Gazetteer load(const std::string& data_dir);

  // The word lists of the data directory (data/words/), loaded with the gazetteer because
  // every stage that holds one (actor resolver, event coder) reads them too. Empty lists in a
  // default-constructed gazetteer.
  const text::WordLists& words() const { return *words_; }
  const std::shared_ptr<const text::WordLists>& shared_words() const { return words_; }

  // Exact surface name (internal whitespace collapsed to one space) -> entry.
  const GazetteerEntry* find(std::string_view name) const;
  // A region whose name is also a state's ("Georgia", the US state): find() gives the state;
  // this the region, for articles set in the region's state. nullptr when there is none.
  const GazetteerEntry* region_named_like_a_state(std::string_view name) const;
  // "Israeli" -> "ISR".
  std::optional<std::string> demonym(std::string_view word) const;
  // A common first name (data/names/first-names.txt): towns called "Mary" or "Florence" are
  // also people's names.
  bool first_name(std::string_view word) const { return first_names_.count(word) != 0; }
  // Lowercase role phrase ("prime minister") -> sector ("GOV").
  std::optional<std::string> role(std::string_view phrase) const;
  // Role phrases that name a body, not a person ("government", "police", "the court"): a
  // definite description with one ("the government") refers back to an organisation only.
  bool body_role(std::string_view phrase) const { return body_roles_.count(phrase) != 0; }
  // Agent nouns that name an actor only with a state right before them ("British aircraft",
  // "Palestinian prisoners"): data/actors/kb/agents.tsv (from the Phoenix agents) and the roles
  // table's "qualified" rows. Lowercase phrase -> sector; never one of role()'s phrases.
  std::optional<std::string> qualified_role(std::string_view phrase) const;
  const GazetteerEntry* country(std::string_view iso3) const;
  size_t max_name_words() const { return max_words_; }
  // The most words of a name beginning with this word ("Gaza" -> 2 for "Gaza Strip"); 0 when
  // no name begins with it. Lets lookups skip lengths that cannot match.
  size_t max_words_from(std::string_view first_word) const {
    auto it = by_first_.find(first_word);
    return it == by_first_.end() ? 0 : it->second;
  }
  size_t size() const { return entries_.size(); }

 private:
  void add_name(const std::string& name, uint32_t entry, bool override_existing);
  std::vector<GazetteerEntry> entries_;
  // Looked up by string_view, so a probe builds no std::string (the resolver probes every span).
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  template <class V>
  using Map = std::unordered_map<std::string, V, Hash, std::equal_to<>>;
  using Set = std::unordered_set<std::string, Hash, std::equal_to<>>;
  // One bit per hash of every name, role and demonym: most probes are of spans that are none of
  // them, and the bit, in a table that stays in the cache, answers them without the hash maps'
  // cache misses.
  std::vector<uint64_t> filter_;
  size_t filter_bit(std::string_view s) const { return Hash{}(s) & (filter_.size() * 64 - 1); }
  bool may_hold(std::string_view s) const {
    if (filter_.empty()) return true;
    const size_t b = filter_bit(s);
    return filter_[b / 64] >> (b % 64) & 1;
  }
  void build_filter();
  Map<uint32_t> by_name_, by_country_, clashing_regions_;
  Map<std::string> demonyms_, roles_, qualified_roles_;
  Set body_roles_;
  Map<size_t> by_first_;
  Set first_names_;
  size_t max_words_ = 1;
  std::shared_ptr<const text::WordLists> words_ = std::make_shared<const text::WordLists>();
};

}  // namespace parley

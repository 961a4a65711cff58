// Word lists kept as data (data/words/*.tsv), not C++: one entry a line, an optional second
// column giving the entry a value (a stance, a sector code). Lookups are exact: the lists say
// which case they hold (lemmas are lowercase, name heads are capitalised).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace parley::text {

class WordList {
 public:
  // Reads data_dir/words/<name>.tsv. Throws std::runtime_error when it is missing or has an
  // empty entry. When an entry repeats, its first value holds (as the first matching rule did
  // when these lists were chains of tests).
  static WordList load(const std::string& data_dir, std::string_view name);
  static WordList from_file(const std::string& path);

  bool contains(std::string_view word) const { return entries_.find(word) != entries_.end(); }
  // The entry's value, "" when the word is absent or has none.
  std::string_view value(std::string_view word) const;
  size_t size() const { return entries_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> entries_;
};

// The lists the extractors (clause views, event coder, attribution) and the actor resolver
// share, loaded once per data directory and passed to each.
struct WordLists {
  // Lemmas (lowercase).
  WordList light_verbs;           // "hold talks", "launch strikes": the noun is the subject's event
  WordList object_control_verbs;  // "urged X to ...": X is the subject of the complement
  WordList speech_verbs;          // verbs of saying and reporting
  WordList report_verbs;          // neutral verbs of saying that only report a clause
  WordList request_verbs;         // report a request or charge through object + complement
  WordList content_verbs;         // "promised to ...", "stressed the need": the phrase reports
  WordList naming_verbs;          // characterise what they quote ("called it a 'maneuver'")
  WordList document_nouns;        // documents that speak for their author ("the motion claims")
  WordList stance_verbs;          // lemma -> stance
  WordList stance_nouns;          // lemma -> stance
  WordList viewpoint_nouns;       // "in the view of X", "in X's analysis": X's report
  WordList claim_nouns;           // "X's argument was that ...": what follows is X's report
  WordList occurrence_heads;      // "weeks of protests", "sparked protests": the act took place
  // Capitalised name parts.
  WordList proxy_nouns;           // "associates of X", "X's aides": X's people, with X's code
  WordList org_heads;             // a capitalised run ending in one is no person ("Quds Force")
  WordList back_reference_heads;  // "the Court" after "the European Court of Justice"
  WordList document_heads;        // a name ending in one is a document, no actor ("... Directive")
  WordList org_head_sectors;      // head word -> CAMEO sector ("Ministry" -> GOV)
  WordList temporal_words;        // months, days, "Last": capitalised but no name
  WordList name_stop_words;       // words that start a capitalised run without being in the name
  // Lowercase words before a name.
  WordList locative_words;         // prepositions of place ("in", "near")
  WordList foreign_group_markers;  // "international forces": not the home state's group
  WordList quantity_words;         // "multiple assailants", "dozens of": a count before a group
  WordList rank_words;             // "Taiwan's Vice Foreign Minister": rank inside a state's title
  WordList measure_nouns;          // "25,000 tons of food aid": a measure before what it measures
  // CAMEO codes.
  WordList cameo_sectors;      // sector codes that follow a country code
  WordList non_state_sectors;  // codes that stand alone, with no country

  static std::shared_ptr<const WordLists> load(const std::string& data_dir);
};

}  // namespace parley::text

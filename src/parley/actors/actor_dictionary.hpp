// PETRARCH / TABARI actor and agent dictionaries, read at run time from a path the user gives
// (the peers' files are never shipped with Parley). One ActorDictionary holds the actor records
// and the agent records of any number of files:
//
//   actors   HAMAS [PSEREBHMS]                 primary phrase, default code
//            +HARAKAT_AL-MUQAWAMA              synonym of the record above
//            \t[USAGOV 010120-090120]          date-restricted code (also inline, TABARI style)
//            \t[HOB < 950601]  [X >990816]     before / after a date (inclusive)
//   agents   PRESIDENT [~GOV]                  role noun -> code added after the actor code
//            HUMAN_RIGHTS_BODY [NGO~]          ... or before it
//            TROOP {} [~MIL]                   {} no plural; {FORMS} an irregular plural;
//                                              otherwise +S, consonant+Y -> IES, SS -> +ES
//            !PERSON! = MAN, MEN, WOMAN        substitution set, used as CONGRESS!PERSON!
//
// Comments: '#' or ';' to the end of the line, XML comments (one or several lines), and TABARI's
// <NOUN>...</NOUN>-style class blocks are skipped. Words are matched case-insensitively and must
// be consecutive ('_' and ' ' both join words). PETRARCH does not stem; TABARI files (.actors,
// .agents, .verbs, .options) do: a final word written without a trailing '_' matches any word
// it begins ("ARGENTIN" matches "Argentina"). Dates are YYMMDD (00-30 -> 20YY, else 19YY) or
// YYYYMMDD. A malformed line is skipped with a warning; load() throws only when the file cannot
// be read or is binary (holds NUL bytes).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace parley {

struct DatedCode {
  std::string code;
  int32_t from = 0;       // YYYYMMDD, inclusive; 0 = open
  int32_t to = 99999999;  // YYYYMMDD, inclusive
};

struct ActorRecord {
  std::string name;              // primary phrase, words joined by spaces ("BARACK OBAMA")
  std::string code;              // default code; "" when none ("---" also reads as none)
  std::vector<DatedCode> dated;  // in file order; the first that holds wins
  std::string source;            // "file:line" of the primary phrase
  // Parley's knowledge base: after the last dated role the person is a former office-holder,
  // coded so (TABARI's and PETRARCH's files say "[---]" for no code there).
  bool former_after_roles = false;

  // The code in force on `date` (YYYYMMDD; 0 = unknown). With a date: the first restriction that
  // holds, else the default. Without a date: the default, else the restriction that ends last
  // (the most recent code). "" when no code applies.
  std::string code_at(int32_t date) const;
  // Out of every office the record gives by `date` (all dated roles ended before it, no code of
  // its own, and a knowledge-base record): code_at then gives the former office-holder's code.
  bool retired_at(int32_t date) const;
};

struct AgentRecord {
  std::string phrase;   // as matched, words joined by spaces ("FOREIGN MINISTER")
  std::string code;     // "GOV", "GOVFRM", "NGO"
  bool prefix = false;  // [NGO~]: the code goes before the actor code, not after it
  std::string source;   // "file:line"
};

struct ActorMatch {
  const ActorRecord* record = nullptr;
  std::string code;   // record->code_at(date); may be "" (a known name with a null code)
  size_t length = 0;  // words matched
};

struct AgentMatch {
  const AgentRecord* record = nullptr;
  size_t length = 0;
};

class ActorDictionary {
 public:
  // Reads one file (actors, agents, or both mixed; each line says which by its code: a '~'
  // marks an agent). Throws std::runtime_error when the file cannot be opened.
  static ActorDictionary load(const std::string& path);
  // Adds another file; its entries override earlier ones with the same phrase.
  void add_file(const std::string& path);
  // Adds dictionary text; `name` labels warnings and sources. `tabari` turns on stem matching
  // (load() decides it from the file extension).
  void add_text(std::string_view text, std::string_view name, bool tabari = false);

  // Parley's own knowledge-base format (data/actors/kb/people*.tsv): one person a line,
  // "names<TAB>roles", names '|'-separated (the first canonical), roles ';'-separated
  // "CODE@FROM-TO" with YYYYMMDD dates, either side empty when open. '#' starts a comment line.
  void add_people_tsv(std::string_view text, std::string_view name);
  // Reads add_people_tsv's format from a file; false when the file cannot be opened.
  bool add_people_file(const std::string& path);
  // The people of Parley's knowledge base: every data_dir/actors/kb/people*.tsv (sorted).
  // Empty when there are none.
  static ActorDictionary knowledge_base(const std::string& data_dir);

  // Longest actor phrase starting at words[0] (case-insensitive), its code at `date`
  // (YYYYMMDD, 0 = unknown). nullopt when no phrase matches.
  std::optional<ActorMatch> match_actor(std::span<const std::string_view> words,
                                        int32_t date = 0) const;
  std::optional<ActorMatch> match_actor(const std::vector<std::string>& words,
                                        int32_t date = 0) const;
  // Longest agent phrase (singular or plural form) starting at words[0].
  std::optional<AgentMatch> match_agent(std::span<const std::string_view> words) const;
  std::optional<AgentMatch> match_agent(const std::vector<std::string>& words) const;
  // A single noun or a whole phrase ("police", "foreign minister") -> its agent record.
  const AgentRecord* agent(std::string_view phrase) const;
  // The one person of the knowledge-base tables (add_people_tsv) whose name ends in `surname`
  // and whose code on `date` has the sector `sector` ("GOV"; empty: any office): "President
  // Trump" in an article that never names him in full. nullptr when no one or several people
  // with different codes do.
  const ActorRecord* office_holder(std::string_view surname, std::string_view sector,
                                   int32_t date) const;

  const std::vector<ActorRecord>& actors() const { return actors_; }
  const std::vector<AgentRecord>& agents() const { return agents_; }
  size_t actor_phrases() const { return actor_phrases_; }
  size_t agent_phrases() const { return agent_phrases_; }
  size_t max_phrase_words() const { return max_words_; }
  // "file:line: message" for every line skipped or repaired (the first 1,000), and how many
  // there were in all.
  const std::vector<std::string>& warnings() const { return warnings_; }
  size_t warning_count() const { return warning_count_; }

  // "2024-03-05", "20240305", "240305", "2024/03/05", "2024-03-05T10:00:00Z" -> 20240305;
  // 0 when the text is not a date.
  static int32_t parse_date(std::string_view text);

 private:
  struct Node {
    std::unordered_map<std::string, uint32_t> next;       // exact word -> node
    std::vector<std::pair<std::string, uint32_t>> stems;  // TABARI: word prefix -> node
    int32_t actor = -1;                                   // record index ending here
    int32_t agent = -1;
  };
  uint32_t insert(const std::vector<std::string>& words, bool stem_last);
  template <class Words>
  std::pair<int32_t, size_t> longest(const Words& words, bool agents) const;

  std::vector<Node> nodes_{1};
  std::vector<ActorRecord> actors_;
  std::unordered_multimap<std::string, uint32_t> by_surname_;  // people tables: last name -> record
  std::vector<AgentRecord> agents_;
  std::vector<std::string> warnings_;
  size_t warning_count_ = 0;
  size_t actor_phrases_ = 0, agent_phrases_ = 0, max_words_ = 0;
};

// Splits a CAMEO-style code into country and sector parts for the actor registry: "USAGOV" ->
// {"USA", "GOV"}, "IGOUNO" -> {"", "IGO"}, "PSEREBHMS" -> {"PSE", "REB"}; `is_country` says
// which three-letter prefixes are states.
struct CodeParts {
  std::string country, sector;
};
template <class IsCountry>
CodeParts split_code(std::string_view code, IsCountry is_country) {
  CodeParts p;
  if (code.size() >= 3 && is_country(code.substr(0, 3))) {
    p.country = std::string(code.substr(0, 3));
    if (code.size() >= 6) p.sector = std::string(code.substr(3, 3));
  } else if (code.size() >= 3) {
    p.sector = std::string(code.substr(0, 3));
  }
  return p;
}

}  // namespace parley

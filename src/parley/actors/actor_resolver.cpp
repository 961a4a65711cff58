#include "parley/actors/actor_resolver.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <filesystem>
#include <map>

#include "parley/text/segmenter.hpp"
#include "parley/text/utf8.hpp"

namespace parley {

namespace {

// What one stretch of tokens contributes to an actor description.
struct Piece {
  enum Kind { kEntity, kDemonym, kRole, kPerson, kPronoun } kind;
  uint32_t first, last;  // token range, inclusive
  const GazetteerEntry* entry = nullptr;
  std::string country, sector;
  std::string code;      // a person's code from a dictionary
  bool ner = false;      // an organisation found by the entity recognizer, in no table
  bool people = false;   // a demonym used as a plural noun: "Palestinians", "Israelis"
  bool retired = false;  // a person the knowledge base has out of every office at the date
  Piece(Kind k, uint32_t f, uint32_t l, const GazetteerEntry* e = nullptr, std::string c = {},
        std::string s = {}, std::string dict_code = {})
      : kind(k),
        first(f),
        last(l),
        entry(e),
        country(std::move(c)),
        sector(std::move(s)),
        code(std::move(dict_code)) {}
};

// CAMEO sector codes (the part after a country code); other three-letter parts are regions or
// organisations ("PSEGZA", "PSEREBHMS").
bool known_sector(const Gazetteer& gz, std::string_view code) {
  return gz.words().cameo_sectors.contains(code);
}

// The sector an organisation's own name gives it ("Syrian Interior Ministry" -> GOV).
std::string org_sector(const Gazetteer& gz, std::string_view w) {
  return std::string(gz.words().org_head_sectors.value(w));
}

// What a dictionary code says about its actor: "USAGOV" -> USA + GOV, "IGOUNO" -> IGO.
GazetteerEntry dictionary_entry(const Gazetteer& gz, std::string name, const std::string& code) {
  GazetteerEntry e;
  e.name = std::move(name);
  e.code = code;
  // A dictionary's first three letters name a state when the gazetteer knows it or when they
  // are no sector code: users' dictionaries (and PETRARCH's validation suite) have states of
  // their own ("CAL" for Calenardhon), which must compose with roles like real ones.
  auto is_state = [&](std::string_view iso) {
    if (gz.country(iso)) return true;
    if (known_sector(gz, iso) || iso == "UIS" || iso == "XXX") return false;
    return std::all_of(iso.begin(), iso.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  };
  CodeParts parts = split_code(code, is_state);
  if (parts.country.empty()) {
    if (!gz.words().non_state_sectors.contains(parts.sector)) parts.sector.clear();
  } else if (!known_sector(gz, parts.sector)) {
    parts.sector.clear();  // a region ("PSEGZA"): the state's actor with a finer code
  }
  e.country = parts.country;
  e.sector = parts.sector;
  if (!e.country.empty() && code.size() == 3)
    e.type = "GPE";
  else if (e.sector == "IGO")
    e.type = "IGO";
  else if (e.sector == "NGO" || e.sector == "NGM")
    e.type = "NGO";
  else if (e.sector == "MED")
    e.type = "MED";
  else if (e.sector == "REB" || e.sector == "INS" || e.sector == "IMG" || e.sector == "UAF")
    e.type = "GRP";
  else
    e.type = "ORG";
  return e;
}

// Bytes of a possessive clitic ending `w` ("Niger's", "Trudeau’s"), 0 when none.
size_t clitic_bytes(std::string_view w) {
  return w.ends_with("'s") ? 2 : w.ends_with("\xE2\x80\x99s") ? 4 : 0;
}

// A lower-case word that reads as a plural noun ("representatives", "protesters"; not "press").
bool plural_word(std::string_view lowered) {
  return lowered.size() > 3 && lowered.ends_with('s') && !lowered.ends_with("ss");
}

bool capitalized(std::string_view t) {
  if (t.empty()) return false;
  unsigned char c = static_cast<unsigned char>(t[0]);
  if (c < 0x80) return std::isupper(c) != 0;
  size_t pos = 0;
  return utf8::classify(utf8::decode(t, pos)) == utf8::CharClass::kUpper;
}

bool alphabetic(std::string_view t) {
  for (char c : t)
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '\'' &&
        static_cast<unsigned char>(c) < 0x80)
      return false;
  return !t.empty();
}

bool is_locative(const Gazetteer& gz, std::string_view w) {
  return gz.words().locative_words.contains(utf8::lower(w));
}

// Words that start a capitalised run without being part of a name.
bool is_function_word(const Gazetteer& gz, std::string_view w) {
  return gz.words().name_stop_words.contains(w);
}

// A company of a state's ("Meta Platforms" USABUS): coded, like the media, from what the text
// says of it ("Facebook" is BUS; "Iranian airline Mahan Air" IRNBUS).
bool company(const GazetteerEntry& e) {
  return e.type == "ORG" && e.code.size() == 6 && e.code.ends_with("BUS") &&
         !e.code.starts_with("IGO");
}

// Capitalised runs ending in these are organisations or places, not people ("Quds Force").
bool is_org_head(const Gazetteer& gz, std::string_view w) {
  return gz.words().org_heads.contains(w);
}

// Dates and days look like names to capitalisation alone.
bool is_temporal(const Gazetteer& gz, std::string_view w) {
  return gz.words().temporal_words.contains(w);
}

// Counts the states an article names (state names, demonyms, cities) and returns the most
// named one, "" when none. Title mentions count three times, the title's first state six.
std::string home_country(const Article& a, const Gazetteer& gz) {
  std::map<std::string, int> count;
  bool first_in_title = false;
  auto add = [&](std::string_view text, int weight) {
    // Whitespace-separated words with edge punctuation and possessives trimmed.
    std::vector<std::string> words;
    std::string w;
    auto flush = [&] {
      // An abbreviation keeps its last period ("U.S.", "U.K."); a sentence's is dropped.
      const bool abbreviation = w.size() > 2 && w.find('.') < w.size() - 1;
      while (!w.empty() &&
             std::string_view(",.;:!?\"()[]'").find(w.back()) != std::string_view::npos &&
             !(abbreviation && w.back() == '.'))
        w.pop_back();
      if (w.size() > 2) w.resize(w.size() - clitic_bytes(w));
      while (!w.empty() && std::string_view("\"(['").find(w.front()) != std::string_view::npos)
        w.erase(0, 1);
      if (!w.empty()) words.push_back(w);
      w.clear();
    };
    for (char c : text) {
      if (c == ' ' || c == '\n' || c == '\t')
        flush();
      else
        w += c;
    }
    flush();
    for (size_t i = 0; i < words.size(); ++i) {
      if (words[i].empty() || !capitalized(words[i])) continue;
      size_t longest = std::min(gz.max_words_from(words[i]), words.size() - i);
      for (size_t len = longest; len >= 1; --len) {
        std::string phrase = words[i];
        for (size_t k = 1; k < len; ++k) phrase += " " + words[i + k];
        // (Towns count only when large or capitals: small ones share their names with words,
        // "Police" in Poland, "Federal" in Argentina.)
        const GazetteerEntry* e = gz.find(phrase);
        // A town's name between a first name and a capitalised word is part of a person's
        // ("Jeff Van Drew").
        if (e && len == 1 && e->type == "CITY" && i > 0 && i + 1 < words.size() &&
            gz.first_name(words[i - 1]) && capitalized(words[i + 1]))
          break;
        if (e && !e->country.empty() &&
            (e->type == "GPE" || (e->type == "CITY" && (e->capital || e->population >= 100000)))) {
          count[e->country] += weight * (first_in_title && count.empty() ? 2 : 1);
          i += len - 1;
          break;
        }
        // A longer place name holds its words: "New York" is not York in England.
        if (e && len > 1 && (e->type == "LOC" || e->type == "CITY")) {
          i += len - 1;
          break;
        }
        if (len == 1)
          if (auto iso = gz.demonym(phrase))
            count[*iso] += weight * (first_in_title && count.empty() ? 2 : 1);
      }
    }
  };
  // The headline's first state is mostly its doer ("U.S. House issues subpoena ... Ukraine"):
  // it counts twice the others.
  first_in_title = true;
  add(a.title, 3);
  first_in_title = false;
  add(a.text, 1);
  std::string best;
  int most = 0;
  for (const auto& [iso, n] : count)
    if (n > most) best = iso, most = n;
  return best;
}

bool is_in_list(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// Is the role phrase at tokens [f, l] a noun standing for a group of the home state? Not an
// adjective ("remains firm"), not a modifier of another noun ("military control") unless the
// caller allows it ("police brutality": the police are meant), and not a
// group the text places abroad ("international forces", "foreign troops"). Without a parse,
// only the last check applies.
bool generic_actor_noun(const Gazetteer& gz, const Article& a, uint32_t f, uint32_t l,
                        bool modifier_ok = false) {
  if (f > 0 && gz.words().foreign_group_markers.contains(utf8::lower(a.token_text(f - 1))))
    return false;
  if (a.analysis.size() != a.words.size() || a.words.empty()) return true;
  // A title with its adjective after the noun ("attorneys general") is headed by the noun.
  // (The tagger sometimes reads that adjective as a verb.)
  if (l > f && a.tokens[l].first_word < a.analysis.size() &&
      is_in_list(a.analysis[a.tokens[l].first_word].upos, {"ADJ", "VERB"}))
    --l;
  const Token& tok = a.tokens[l];
  const uint32_t w = tok.first_word;
  if (w >= a.analysis.size()) return true;
  const WordAnalysis& x = a.analysis[w];
  if (x.upos != "NOUN" && x.upos != "PROPN" && x.upos != "PRON") return false;
  return (modifier_ok && x.deprel == "compound") || (x.deprel != "compound" && x.deprel != "amod");
}

std::string trim_article(std::string s) {
  for (const char* a : {"the ", "The "})
    if (s.rfind(a, 0) == 0) s = s.substr(4);
  return s;
}

}  // namespace

ActorResolver ActorResolver::load(const std::string& data_dir, const std::string& model_dir) {
  auto gz = std::make_shared<const Gazetteer>(Gazetteer::load(data_dir));
  ActorDictionaries dictionaries;
  if (auto kb = std::make_shared<ActorDictionary>(ActorDictionary::knowledge_base(data_dir));
      !kb->actors().empty())
    dictionaries.push_back(std::move(kb));
  ActorResolver r(gz, std::move(dictionaries));
  if (!model_dir.empty() && std::filesystem::exists(model_dir + "/ner.bin"))
    r.set_recognizer(EntityRecognizer::load(model_dir, gz));
  return r;
}

const ActorRecord* ActorResolver::office_holder(std::string_view surname, int32_t date) const {
  // Undated text has no "in office": a person's latest office is no evidence for a bare name.
  // A name of a place, a nation or an acronym ("USA", "Catholic") is no surname.
  if (surname.size() < 3 || date == 0 || !gazetteer_ ||
      std::all_of(surname.begin(), surname.end(),
                  [](char c) { return std::isupper(static_cast<unsigned char>(c)); }) ||
      gazetteer_->find(surname) || gazetteer_->demonym(surname))
    return nullptr;
  for (const auto& d : dictionaries_)
    if (const ActorRecord* holder = d->office_holder(surname, "", date)) {
      // ... and only a state's office-holder: no "in office" for churches' or bodies' people.
      const std::string code = holder->code_at(date);
      if (!gazetteer_->country(std::string_view(code).substr(0, 3))) return nullptr;
      return holder;
    }
  return nullptr;
}

void ActorResolver::process(Article& a) const {
  a.actors.clear();
  a.mentions.clear();
  const Gazetteer& gz = *gazetteer_;
  std::map<std::string, uint32_t> registry;  // merge key -> actor
  std::map<std::string, uint32_t> surnames;  // last name -> person actor
  // First word of an organisation's name -> its piece: "Mahan" after "Mahan Air".
  std::map<std::string, Piece, std::less<>> short_names;
  // Head noun of the latest body named in full -> its piece: "the House" after "the US House of
  // Representatives".
  std::map<std::string, Piece, std::less<>> heads_named;
  // acronyms introduced in brackets after an organisation's name -> its entry
  std::map<std::string, const GazetteerEntry*, std::less<>> acronyms;
  int last_person = -1;
  std::vector<std::pair<uint32_t, uint32_t>> person_mentions;  // (sentence, actor) in text order
  std::map<std::string, int> last_by_sector;  // sector -> most recent actor with it
  std::string last_country;                   // most recent country seen, for titles alone
  uint32_t last_country_sentence = 0;         // ... and the sentence it was seen in
  const int32_t date = ActorDictionary::parse_date(a.date);
  // The tagger read the token as a proper noun ("Merkel met", not "Under the law"); untagged
  // text gives no say.
  // The token heads the subject of a verb: "California sued", "Ohio has filed".
  auto acting_subject = [&](uint32_t token) {
    if (a.analysis.size() != a.words.size()) return false;
    const uint32_t w = a.tokens[token].first_word;
    if (w >= a.analysis.size() || a.analysis[w].deprel != "nsubj") return false;
    const int32_t h = a.analysis[w].head;  // 1-based within the sentence; 0 for the root
    if (h <= 0) return false;
    uint32_t first_word = w;
    for (const Sentence& sent : a.sentences)
      if (sent.first_word <= w && w < sent.first_word + sent.word_count)
        first_word = sent.first_word;
    const uint32_t head = first_word + static_cast<uint32_t>(h) - 1;
    return head < a.analysis.size() && a.analysis[head].upos == "VERB";
  };
  auto tagged_proper = [&](uint32_t token) {
    if (a.analysis.size() != a.words.size()) return true;
    const uint32_t w = a.tokens[token].first_word;
    return w < a.analysis.size() && a.analysis[w].upos == "PROPN";
  };
  std::deque<GazetteerEntry> dict_entries;        // dictionary actors met in this article
  std::vector<std::string_view> words;            // token texts, for dictionary lookups
  std::deque<GazetteerEntry> ner_entries;         // organisations the recognizer found
  std::vector<std::vector<EntitySpan>> entities;  // per sentence, sentence-local words
  if (recognizer_) entities = recognizer_->recognize(a);
  std::vector<int32_t> ner_end;  // per token of the sentence: last token of a span starting here
  std::vector<int8_t> ner_type;  // its type (index into kEntityTypes), -1 none

  // Where a token ends without its possessive clitic: "Israel's" names Israel, and "Israel's
  // military" is Israel + military, as "the Israeli military" is.
  auto bare_end = [&](uint32_t t) {
    const Token& tok = a.tokens[t];
    if (tok.word_count > 1) {
      std::string_view last = a.word_text(tok.first_word + tok.word_count - 1);
      if (last == "'s" || last == "'" || last == "\xE2\x80\x99s" || last == "\xE2\x80\x99")
        return a.words[tok.first_word + tok.word_count - 2].span.end;
    }
    return tok.span.end;
  };
  auto span_of = [&](uint32_t f, uint32_t l) { return Span{a.tokens[f].span.start, bare_end(l)}; };
  auto text_of = [&](uint32_t f, uint32_t l) {
    std::string s(a.view(span_of(f, l)));
    for (char& c : s)
      if (c == '\n' || c == '\t') c = ' ';
    return s;
  };
  // "33 Russian individuals", "Multiple assailants": a count before a group is part of its
  // mention. Returns where the mention starts.
  auto with_count = [&](uint32_t f, uint32_t first) {
    if (f <= first) return f;
    std::string before = utf8::lower(a.token_text(f - 1));
    const bool count = (!before.empty() && std::isdigit(static_cast<unsigned char>(before[0]))) ||
                       gz.words().quantity_words.contains(before);
    return count ? f - 1 : f;
  };
  auto add_mention = [&](uint32_t actor, Span span, uint32_t sentence, const char* kind) {
    a.mentions.push_back({span, sentence, actor, kind});
    a.actors[actor].mentions.push_back(static_cast<uint32_t>(a.mentions.size() - 1));
    if (a.actors[actor].type == "PER") {
      last_person = static_cast<int>(actor);
      person_mentions.push_back({sentence, actor});
    }
    if (!a.actors[actor].sector.empty())
      last_by_sector[a.actors[actor].sector] = static_cast<int>(actor);
    if (!a.actors[actor].country.empty())
      last_country = a.actors[actor].country, last_country_sentence = sentence;
  };
  // The organisation met before whose name begins with `name` and goes on ("Mahan" for "Mahan
  // Air"); -1 if none.
  auto cut_short = [&](std::string_view name) -> int {
    for (size_t k = 0; k < a.actors.size(); ++k) {
      const Actor& o = a.actors[k];
      if (o.type != "PER" && o.type != "GPE" && o.name.size() > name.size() + 1 &&
          o.name.starts_with(name) && o.name[name.size()] == ' ')
        return static_cast<int>(k);
    }
    return -1;
  };
  auto actor_for = [&](const std::string& key, Actor proto) -> uint32_t {
    auto it = registry.find(key);
    if (it != registry.end()) {
      Actor& existing = a.actors[it->second];
      if (proto.name.size() > existing.name.size() && proto.type == "PER")
        existing.name = proto.name;
      if (existing.code.empty() && !proto.code.empty())
        existing.code = proto.code, existing.country = proto.country,
        existing.sector = proto.sector;
      // An organisation coded by name with no state ("Mahan" BUS) takes the state a later mention
      // gives it ("Iranian airline Mahan Air" IRNBUS).
      if (!existing.code.empty() && existing.code == existing.sector && proto.code.size() == 6 &&
          proto.code.ends_with(existing.code))
        existing.code = proto.code;
      return it->second;
    }
    a.actors.push_back(std::move(proto));
    uint32_t id = static_cast<uint32_t>(a.actors.size() - 1);
    registry[key] = id;
    return id;
  };

  // The state the article is about: the one its title and text name most (the title counts
  // thrice). Generic actors ("police", "protesters", "lawmakers") with no country of their own
  // belong to it.
  const std::string home = home_country(a, gz);

  for (uint32_t si = 0; si < a.sentences.size(); ++si) {
    const Sentence& s = a.sentences[si];
    const uint32_t first = s.first_token, end = s.first_token + s.token_count;
    // Headlines in title case (no final punctuation) have no capitalisation cues for names.
    size_t alpha = 0, caps = 0;
    for (uint32_t t = first; t < end; ++t)
      if (alphabetic(a.token_text(t))) ++alpha, caps += capitalized(a.token_text(t));
    std::string_view last_token = a.token_text(end - 1);
    const bool punctuated = last_token == "." || last_token == "!" || last_token == "?" ||
                            last_token == "\"" || last_token == "\xE2\x80\x9D";
    const bool title_case = !punctuated && alpha >= 3 && caps * 10 >= alpha * 6;

    // Entity spans as token ranges (headlines in title case: capitalisation misleads, skipped).
    ner_end.assign(end - first, -1);
    ner_type.assign(end - first, -1);
    if (recognizer_ && si < entities.size() && !title_case) {
      for (const EntitySpan& e : entities[si]) {
        uint32_t fw = s.first_word + e.first, lw = s.first_word + e.last;
        if (lw >= a.words.size()) continue;
        uint32_t ft = a.words[fw].token, lt = a.words[lw].token;
        if (ft < first || lt >= end) continue;
        // "Turkish Foreign Ministry spokesman Hami Aksoy" read as one name: a lowercase role
        // word ends the name before it; the role and the person after it are resolved as such.
        auto lowercase = [&](uint32_t k) {
          std::string_view w = a.token_text(k);
          return !w.empty() && std::islower(static_cast<unsigned char>(w[0]));
        };
        // A name never starts with a lowercase word ("of Representatives" cut from "House of
        // Representatives"): only roles and function words get there.
        while (ft < lt && lowercase(ft)) ++ft;
        if (lowercase(ft)) continue;
        for (uint32_t k = ft + 1; k <= lt; ++k)
          if (lowercase(k) && gz.role(a.token_text(k))) {
            lt = k - 1;
            break;
          }
        ner_end[ft - first] = static_cast<int32_t>(lt);
        for (int k = 0; k < 4; ++k)
          if (e.type == kEntityTypes[k]) ner_type[ft - first] = static_cast<int8_t>(k);
      }
    }
    auto ner_is = [&](uint32_t t, int type) { return ner_type[t - first] == type; };

    // The home state's body a one-word name stands for: "United States House", "Senate of
    // Nigeria", "Congress of the Philippines"; null when the tables know none.
    auto home_body = [&](std::string_view word) -> const GazetteerEntry* {
      const GazetteerEntry* state = home.empty() ? nullptr : gz.country(home);
      if (!state) return nullptr;
      const std::string w(word);
      for (const std::string& phrase :
           {state->name + " " + w, w + " of " + state->name, w + " of the " + state->name})
        if (const GazetteerEntry* body = gz.find(phrase);
            body && body->country == home && !body->sector.empty() && !body->code.empty())
          return body;
      return nullptr;
    };

    // The head noun of a name in tokens [t, l]: the last word before its first "of", "for" or
    // "on" ("Federal Aviation Office of Germany"), else its last word.
    auto name_head = [&](uint32_t t, uint32_t l) {
      for (uint32_t k = t + 1; k <= l; ++k)
        if (is_in_list(a.token_text(k), {"of", "for", "on"})) return k - 1;
      return l;
    };

    // An organisation no table knows, from its own name: the head noun gives the sector, a
    // demonym or state in the name the country, else the home state for state bodies.
    auto organisation_entry = [&](uint32_t t, uint32_t l, const std::string& known_state = {}) {
      GazetteerEntry e;
      e.name = text_of(t, l);
      e.type = "ORG";
      // The head noun gives the sector; the state, a demonym or state name anywhere in the name.
      const uint32_t head_end = name_head(t, l);
      for (uint32_t k = head_end + 1; k-- > t && e.sector.empty();)
        e.sector = org_sector(gz, a.token_text(k));
      for (uint32_t k = t; k <= l; ++k) {
        std::string_view x = a.token_text(k);
        if (e.country.empty()) {
          if (auto iso = gz.demonym(x)) e.country = *iso;
          // A state, or a large city ("Tel Aviv University", "University of Lagos"; small towns
          // share their names with words: "Federal" is a town in Argentina), of up to 3 words.
          for (uint32_t len = std::min<uint32_t>(3, l - k + 1); len >= 1 && e.country.empty();
               --len)
            if (const GazetteerEntry* g = gz.find(text_of(k, k + len - 1));
                g && (g->type == "GPE" || (g->type == "CITY" && g->population >= 100000)))
              e.country = g->country;
        }
        if (e.sector.empty()) e.sector = org_sector(gz, x);
      }
      // "... Office of Germany" with the state outside the recognized span.
      if (e.country.empty() && l + 2 < end && a.token_text(l + 1) == "of")
        if (const GazetteerEntry* g = gz.find(a.token_text(l + 2)); g && g->type == "GPE")
          e.country = g->country;
      // "Charité in Berlin": an organisation no table knows, placed in a state or a large city
      // (not a state's mission abroad: "the US Embassy in London").
      const bool mission = is_in_list(a.token_text(head_end), {"Embassy", "Consulate", "Mission"});
      if (e.country.empty() && !mission && l + 2 < end && a.token_text(l + 1) == "in")
        for (uint32_t len = std::min<uint32_t>(3, end - l - 2); len >= 1 && e.country.empty();
             --len)
          if (const GazetteerEntry* g = gz.find(text_of(l + 2, l + 1 + len));
              g && (g->type == "GPE" || (g->type == "CITY" && g->population >= 100000)))
            e.country = g->country;
      if (e.country.empty()) e.country = known_state;
      // "the House" after "the U.S. House of Representatives", "the Commission" after "the
      // European Commission": an organisation's head noun alone is that organisation.
      if (e.sector.empty() && e.country.empty() && t == l)
        for (auto it = a.actors.rbegin(); it != a.actors.rend(); ++it) {
          const Actor& o = *it;
          if (o.code.empty() || o.type == "PER" || o.type == "GPE") continue;
          std::string_view name = o.name;
          if (size_t of = name.find(" of "); of != std::string_view::npos)
            name = name.substr(0, of);
          size_t space = name.rfind(' ');
          if (space == std::string_view::npos || name.substr(space + 1) != a.token_text(t))
            continue;
          e.country = o.country, e.sector = o.sector, e.code = o.code;
          e.type = o.type;
          return e;
        }
      // ... or the home state's body of that name ("the House" in an American article is the
      // "United States House", "the Senate" the "United States Senate").
      if (e.sector.empty() && e.country.empty() && t == l)
        if (const GazetteerEntry* body = home_body(a.token_text(t))) {
          e.country = home, e.sector = body->sector, e.code = body->code;
          return e;
        }
      // "the Democratic Party" in an American article: the home state's party of that name,
      // coded by whether it governs at the article's date.
      if (e.country.empty() && e.sector == "PTY")
        if (const GazetteerEntry* party = home_body(trim_article(e.name))) {
          ActorRecord roles;
          roles.code = party->code, roles.dated = party->dated;
          const std::string code = roles.code_at(date);
          e.country = home, e.code = code.empty() ? party->code : code;
          e.sector = e.code.size() > 3 ? e.code.substr(3) : party->sector;
          return e;
        }
      if (e.sector == "MED") e.type = "MED";
      // A state body with no state in its name is the home state's ("House of Commons" in
      // an article about Britain), and so is a foundation, charity, hospital or school no table
      // knows: international ones are in the knowledge base. Companies, media and universities
      // (foreign experts are often quoted) may have none.
      // (A foundation or forum named as international is no state's: "Third World Water
      // Forum", "Global Witness".)
      // (Nor a "Center", which as often names a venue or an agency: "Chase Center", "National
      // Hurricane Center".)
      auto no_local_charity = [&] {
        for (uint32_t k = t; k <= l; ++k)
          if (gz.words().foreign_group_markers.contains(utf8::lower(a.token_text(k))) ||
              is_in_list(a.token_text(k), {"Center", "Centre"}))
            return true;
        return false;
      };
      if (e.country.empty() && !home.empty() &&
          (is_in_list(e.sector, {"GOV", "LEG", "JUD", "MIL", "COP", "SPY", "HLH"}) ||
           (e.sector == "NGO" && !no_local_charity())))
        e.country = home;
      e.code = e.country + e.sector;
      return e;
    };

    // A capitalised run ending in an organisation's head noun ("Haifa University", "Greek
    // Energy Forum", "Cyprus Mail"), or a head noun with its "of"/"for" complement ("University
    // of Essex"): the last token of the organisation's name, -1 when the run is none.
    // *country: the state a dictionary name at the run's start belongs to ("the Calenardhon
    // Ministry of ...", "Hurriyet Daily News").
    auto organisation_run = [&](uint32_t t, std::string* country) -> int64_t {
      int64_t head_at = -1, last = -1;
      // "of"/"for" after the head noun, up to two ("Foundation for Defense of Democracies",
      // "Center for Strategic and International Studies"); or one "for" before it ("Cinema for
      // Peace Foundation": never "of", which joins a person to the body: "Smith of Amnesty").
      int complements = 0;
      bool head_after = false;  // the head noun follows the complement
      for (uint32_t k = t; k < end && k < t + 10; ++k) {
        std::string_view x = a.token_text(k);
        if (k > t && (x == "of" || x == "for" || x == "on" || (x == "and" && complements > 0)) &&
            k + 1 < end && capitalized(a.token_text(k + 1))) {
          if (x == "and") continue;
          const bool before_head =
              head_at < 0 && complements == 0 && x == "for" && !gz.first_name(a.token_text(t));
          if ((head_at < 0 && !before_head) || complements == 2 || head_after) break;
          ++complements;
          continue;
        }
        if (!capitalized(x) || !alphabetic(x) || is_function_word(gz, x) || is_temporal(gz, x) ||
            gz.role(utf8::lower(x)))
          break;
        if (!org_sector(gz, x).empty() && (complements == 0 || head_at < 0)) {
          head_after = complements > 0;
          head_at = k;
        }
        last = k;
      }
      // ("Cinema for Peace" with no head noun after the "for" is no organisation.)
      int64_t l = complements > 0 ? last : head_at;
      if (head_at < 0 || l <= static_cast<int64_t>(t)) return -1;
      if (head_at == static_cast<int64_t>(t) && complements == 0) return -1;
      // Names and roles the tables know are theirs ("Supreme Court", "House of Commons").
      for (uint32_t k = t; k <= static_cast<uint32_t>(l); ++k)
        if (gz.role(utf8::lower(text_of(t, k))) ||
            (k > t && gz.find(text_of(t, k)) && gz.find(text_of(t, k))->type != "CITY" &&
             gz.find(text_of(t, k))->type != "GPE"))
          return -1;
      // ... also where the run stops short of a longer name the tables know ("Progressive Party
      // of Working People": "People" ends the run as a role word).
      for (uint32_t k = static_cast<uint32_t>(l) + 1;
           k < end && k < t + std::max<size_t>(gz.max_words_from(a.token_text(t)), 1); ++k)
        if (const GazetteerEntry* g = gz.find(text_of(t, k));
            g && g->type != "CITY" && g->type != "GPE" && g->type != "LOC")
          return -1;
      std::span<const std::string_view> rest(words.data() + (t - first), end - t);
      for (const auto& d : dictionaries_)
        if (auto m = d->match_actor(rest, date)) {
          if (m->length >= static_cast<size_t>(l - t + 1)) return -1;
          if (country->empty() && m->code.size() >= 3 &&
              (m->code.size() == 3 || known_sector(gz, std::string_view(m->code).substr(3, 3))))
            *country = m->code.substr(0, 3);
        }
      return l;
    };

    // 1. Pieces, longest gazetteer match first.
    std::vector<Piece> pieces;
    // A nation's people as an actor: "Palestinians protested", "Hong Kongers turned out" (a
    // demonym in the plural). Adds the piece for tokens [t, l] when `plural` is one.
    auto nation_people = [&](uint32_t t, uint32_t l, std::string_view plural) {
      if (plural.size() <= 3 || plural.back() != 's') return false;
      auto people = gz.demonym(plural.substr(0, plural.size() - 1));
      if (!people) return false;
      Piece p{Piece::kDemonym, t, l, nullptr, *people, ""};
      p.people = true;
      pieces.push_back(std::move(p));
      return true;
    };
    // An agent noun (Gazetteer::qualified_role) names an actor only right after a nationality, a
    // state or a role ("British aircraft", "Palestinian prisoners", "Israeli army bulldozers";
    // alone, "the aircraft" is no actor), and not after a possessive ("the government's lawyer"
    // is the government's). `nationality_only`: after a nationality alone ("Iraqi Kurds").
    auto agent_may_follow = [&](uint32_t t, bool nationality_only) {
      if (pieces.empty() || pieces.back().last + 1 != t ||
          a.tokens[pieces.back().last].word_count != 1)
        return false;
      const Piece& before = pieces.back();
      if (before.kind == Piece::kDemonym) return true;
      return !nationality_only &&
             (before.kind == Piece::kRole ||
              (before.kind == Piece::kEntity && before.entry && before.entry->type == "GPE"));
    };
    // "Berlin-based": the two tokens after token k are "-" and "based".
    auto based_after = [&](uint32_t k) {
      return k + 2 < end && a.token_text(k + 1) == "-" &&
             utf8::lower(a.token_text(k + 2)) == "based";
    };
    // "the Berlin charity X", "Greek gas supplier X": the state of the nationality or place
    // before the description that ends right before the name starting at token t; "" if none.
    auto state_before_description = [&](uint32_t t) -> std::string {
      if (pieces.size() < 2 || pieces.back().kind != Piece::kRole || pieces.back().last + 1 != t)
        return {};
      const Piece& before = pieces[pieces.size() - 2];
      // ... right before it, or as "Berlin-based".
      const uint32_t gap = pieces.back().first - before.last - 1;
      if (gap != 0 && !(gap == 2 && based_after(before.last))) return {};
      if (before.kind == Piece::kDemonym) return before.country;
      if (before.kind == Piece::kEntity && before.entry &&
          is_in_list(before.entry->type, {"GPE", "CITY"}))
        return before.entry->country;
      return {};
    };
    // A word (its possessive clitic aside: "Mahan's") that names a body met earlier, by its first
    // word or its head noun: the body's piece again, at token t.
    auto body_named_before = [&](const std::map<std::string, Piece, std::less<>>& names,
                                 uint32_t t) {
      std::string_view w = a.token_text(t);
      auto it = names.find(w.substr(0, w.size() - clitic_bytes(w)));
      if (it == names.end()) return false;
      Piece p = it->second;
      p.first = p.last = t;
      pieces.push_back(std::move(p));
      return true;
    };
    if (!dictionaries_.empty()) {
      words.clear();
      for (uint32_t t = first; t < end; ++t) words.push_back(a.view(span_of(t, t)));
    }
    for (uint32_t t = first; t < end;) {
      bool matched = false;
      // Names start with a capital or a digit; lowercase starts can only be role phrases (<= 3
      // words).
      std::string_view head = a.token_text(t);
      bool name_start = capitalized(head) || std::isdigit(static_cast<unsigned char>(head[0]));
      if (auto known = acronyms.find(head); known != acronyms.end()) {
        pieces.push_back(
            {Piece::kEntity, t, t, known->second, known->second->country, known->second->sector});
        ++t;
        continue;
      }
      // "the House", "the Court": the body named in full earlier whose head noun this is (not
      // "the House of Lords", a name of its own).
      if (!title_case && name_start && t > first && utf8::lower(a.token_text(t - 1)) == "the" &&
          (t + 1 >= end || (!capitalized(a.token_text(t + 1)) &&
                            !is_in_list(a.token_text(t + 1), {"of", "for"}))) &&
          body_named_before(heads_named, t)) {
        ++t;
        continue;
      }
      std::string known_state;
      if (name_start && !dictionaries_.empty())
        if (int64_t l = organisation_run(t, &known_state); l >= 0) {
          if (known_state.empty()) known_state = state_before_description(t);
          const GazetteerEntry& kept = ner_entries.emplace_back(
              organisation_entry(t, static_cast<uint32_t>(l), known_state));
          Piece org{Piece::kEntity, t, static_cast<uint32_t>(l), &kept, kept.country, kept.sector};
          org.ner = true;
          pieces.push_back(std::move(org));
          t = static_cast<uint32_t>(l) + 1;
          continue;
        }
      if (!dictionaries_.empty()) {
        // Dictionaries first: a name (capitalised) or a role noun at least as long as the
        // gazetteer's own match here.
        std::span<const std::string_view> rest(words.data() + (t - first), end - t);
        std::optional<ActorMatch> name;
        std::optional<AgentMatch> agent;
        for (const auto& d : dictionaries_) {
          if (name_start)
            if (auto m = d->match_actor(rest, date); m && (!name || m->length >= name->length))
              name = m;
          if (d->agents().empty()) continue;  // the knowledge base holds names only
          if (auto m = d->match_agent(rest); m && (!agent || m->length >= agent->length)) agent = m;
        }
        size_t gz_len = 0;
        const GazetteerEntry* gz_entry = nullptr;
        for (size_t len = std::min<size_t>(gz.max_words_from(head), end - t);
             len >= 1 && name_start && !gz_len; --len)
          if ((gz_entry = gz.find(text_of(t, t + static_cast<uint32_t>(len) - 1)))) gz_len = len;
        // A dictionary that only says which state a built-in place or demonym belongs to ("Cairo"
        // [EGY], "Palestinian" [PSE], "Gaza" [PSEGZA]) adds nothing: the built-in reading, which
        // tells a place from its government by context, stays.
        if (name && !name->code.empty()) {
          std::string_view iso = std::string_view(name->code).substr(0, 3);
          bool bare = name->code.size() == 3 ||
                      !known_sector(gz, std::string_view(name->code).substr(3, 3));
          bool builtin = (gz_len == name->length && gz_entry && gz_entry->country == iso) ||
                         (name->length == 1 && gz.demonym(head) == std::string(iso));
          if (bare && builtin && gz.country(iso)) name.reset();
        }
        if (name && name->length >= gz_len && (!agent || name->length >= agent->length)) {
          const uint32_t l = t + static_cast<uint32_t>(name->length) - 1;
          if (!name->code.empty()) {  // a null code ("---") names something that is no actor
            const GazetteerEntry& e =
                dict_entries.emplace_back(dictionary_entry(gz, text_of(t, l), name->code));
            // CountryInfo-style people carry dated codes; NER, when run, also says so.
            const bool ner_person = ner_is(t, 0) && ner_end[t - first] == static_cast<int32_t>(l);
            if ((!name->record->dated.empty() && l > t) || ner_person) {
              // A title inside the dictionary phrase ("PRIME_MINISTER_BENJAMIN_NETANYAHU") is the
              // text's own evidence: its sector beats the dictionary's dated code.
              std::string country = e.country, sector = e.sector, code = e.code;
              for (uint32_t k = t; k <= l; ++k)
                if (auto role = gz.role(utf8::lower(a.token_text(k))); role && !country.empty())
                  sector = *role, code = country + *role;
              pieces.push_back({Piece::kPerson, t, l, nullptr, country, sector, code});
              pieces.back().retired = name->record->retired_at(date);
            } else {
              pieces.push_back({Piece::kEntity, t, l, &e, e.country, e.sector});
            }
          }
          t = l + 1;
          continue;
        }
        if (agent && agent->length >= gz_len && !agent->record->code.empty()) {
          const uint32_t l = t + static_cast<uint32_t>(agent->length) - 1;
          pieces.push_back({Piece::kRole, t, l, nullptr, "", agent->record->code});
          t = l + 1;
          continue;
        }
      }
      // Names: no longer than the longest gazetteer name starting with this word; roles <= 3 words.
      size_t max_len =
          std::min<size_t>(name_start ? std::max<size_t>(gz.max_words_from(head), 3) : 3, end - t);
      for (size_t len = max_len; len >= 1 && !matched; --len) {
        uint32_t l = t + static_cast<uint32_t>(len) - 1;
        std::string phrase = text_of(t, l);
        if (!capitalized(phrase) && !std::isdigit(static_cast<unsigned char>(phrase[0]))) {
          // A possessive ("government's") is looked up without its clitic.
          if (a.tokens[l].word_count > 1)
            phrase = std::string(
                a.view({a.tokens[t].span.start, a.words[a.tokens[l].first_word].span.end}));
          std::string lower = utf8::lower(phrase);
          auto sector = gz.role(lower);
          if (!sector && agent_may_follow(t, false)) sector = gz.qualified_role(lower);
          if (sector) {
            pieces.push_back({Piece::kRole, t, l, nullptr, "", *sector});
            t = l + 1;
            matched = true;
          }
          continue;
        }
        const GazetteerEntry* e = gz.find(phrase);
        // "the House of Representatives" in an American article is the United States House of
        // Representatives: a body's name that the tables know with the home state's name.
        if (!e && len > 1 && name_start && !gz.role(utf8::lower(phrase))) e = home_body(phrase);
        // "the Democratic party", "the Labour party": news often writes the head in lower case.
        if (!e && len > 1 && name_start && a.token_text(l) == "party") {
          const std::string titled = phrase.substr(0, phrase.size() - 5) + "Party";
          e = gz.find(titled);
          if (!e) e = home_body(titled);
        }
        // "Georgia" in an article set in the United States is the US state.
        if (e && e->type == "GPE" && e->country != home)
          if (const GazetteerEntry* region = gz.region_named_like_a_state(phrase);
              region && region->country == home)
            e = region;
        // A town that is also a first name, before a capitalised word no table knows, begins a
        // person's name: "Mary Smith", "Jacques Chirac" (not "Victoria Falls", "Paris, France");
        // so does any town right after a person's role ("spokesman Hami Aksoy").
        const bool after_role = t > first && gz.role(utf8::lower(a.token_text(t - 1))) &&
                                !gz.body_role(utf8::lower(a.token_text(t - 1)));
        if (e && len == 1 && e->type == "CITY" && (gz.first_name(phrase) || after_role) &&
            l + 1 < end && !(t > first && is_locative(gz, a.token_text(t - 1))) &&
            capitalized(a.token_text(l + 1)) && alphabetic(a.token_text(l + 1)) &&
            !gz.find(a.token_text(l + 1)) && !gz.role(utf8::lower(a.token_text(l + 1))) &&
            !is_org_head(gz, a.token_text(l + 1)))
          e = nullptr;
        // "Congress" in a Philippine article is the Congress of the Philippines, not the
        // American one the tables give the bare word to.
        if (e && len == 1 && e->type != "GPE" && !e->country.empty() && !home.empty() &&
            e->country != home)
          if (const GazetteerEntry* body = home_body(phrase)) e = body;
        if (e && !e->dated.empty() && date) {
          // A party's code depends on whether it governs at the article's date.
          ActorRecord roles;
          roles.dated = e->dated;
          std::string code = roles.code_at(date);
          if (!code.empty() && code != e->code) {
            GazetteerEntry& at_date = dict_entries.emplace_back(*e);
            at_date.code = code;
            at_date.sector = code.size() >= 6 ? code.substr(3, 3) : at_date.sector;
            e = &at_date;
          }
        }
        if (e) {
          pieces.push_back({Piece::kEntity, t, l, e, e->country, e->sector});
          t = l + 1;
          matched = true;
        } else if (len > 1 && capitalized(a.token_text(l)) && nation_people(t, l, phrase)) {
          t = l + 1;  // "Hong Kongers", "New Zealanders"
          matched = true;
        } else if (len == 1) {
          if (auto iso = gz.demonym(phrase)) {
            pieces.push_back({Piece::kDemonym, t, l, nullptr, *iso, ""});
            t = l + 1;
            matched = true;
          } else if (nation_people(t, l, phrase)) {
            t = l + 1;  // "Palestinians protested"
            matched = true;
          } else if (phrase == "He" || phrase == "She" || (phrase == "They" && t == first)) {
            pieces.push_back({Piece::kPronoun, t, l});
            t = l + 1;
            matched = true;
          }
        }
        if (!matched && capitalized(phrase)) {
          auto sector = gz.role(utf8::lower(phrase));  // "Prime Minister", "Director"
          // ... or an agent noun of a nationality's people: "Iraqi Kurds", "Bosnian Serbs".
          if (!sector && agent_may_follow(t, true))
            if (auto people = gz.qualified_role(utf8::lower(phrase)); people == "CVL")
              sector = people;  // (peoples only: a capitalised "Prince" is a title of a name)
          if (sector) {
            pieces.push_back({Piece::kRole, t, l, nullptr, "", *sector});
            t = l + 1;
            matched = true;
          }
        }
      }
      if (matched) continue;
      std::string_view w = a.token_text(t);
      if (w == "he" || w == "she") {
        pieces.push_back({Piece::kPronoun, t, t});
        ++t;
        continue;
      }
      // "Mahan has been the subject of sanctions" after "Mahan Air": an organisation named earlier
      // by its first word alone.
      if (!title_case && capitalized(w) && (t + 1 >= end || !capitalized(a.token_text(t + 1))) &&
          body_named_before(short_names, t)) {
        ++t;
        continue;
      }
      // An organisation no table lists (the recognizer's, or one a description introduces): one
      // actor per name, whatever code it gets.
      auto push_unlisted_organisation = [&](uint32_t from, uint32_t to, GazetteerEntry e) {
        const GazetteerEntry& kept = ner_entries.emplace_back(std::move(e));
        Piece p{Piece::kEntity, from, to, &kept, kept.country, kept.sector};
        p.ner = true;
        pieces.push_back(std::move(p));
      };
      // "the Greek gas supplier DEPA", "the company Energean": a capitalised name right after a
      // body's generic description is that body, with the description's sector and the state of
      // a demonym before it, though no table or recognizer knows the name.
      if (!title_case && !pieces.empty() && pieces.back().kind == Piece::kRole &&
          pieces.back().last + 1 == t && capitalized(w) && !is_function_word(gz, w) &&
          !is_temporal(gz, w) && ner_type[t - first] < 0 &&
          gz.body_role(utf8::lower(text_of(pieces.back().first, pieces.back().last)))) {
        uint32_t l = t;
        while (l + 1 < end && capitalized(a.token_text(l + 1)) && !gz.find(a.token_text(l + 1)))
          ++l;
        const Piece& role = pieces.back();
        GazetteerEntry e = organisation_entry(t, l, state_before_description(t));
        if (e.sector.empty()) e.sector = role.sector;
        if (e.code.size() <= 3) e.code = e.country + e.sector;  // "GRC" + the role's "BUS"
        push_unlisted_organisation(t, l, std::move(e));
        t = l + 1;
        continue;
      }
      // A word between capitalised words is part of a longer name ("Victoria Park"), not a
      // bare surname.
      auto in_longer_name = [&](uint32_t k) {
        auto name_word = [&](uint32_t j) {
          std::string_view x = a.token_text(j);
          return capitalized(x) && alphabetic(x) && !is_function_word(gz, x);
        };
        return (k > first && name_word(k - 1)) || (k + 1 < end && name_word(k + 1));
      };
      if (recognizer_) {
        // The recognizer decides what is a name: people, organisations in no table; places and
        // other names are passed over.
        int type = ner_type[t - first];
        if (type >= 0) {
          const uint32_t l = static_cast<uint32_t>(ner_end[t - first]);
          // One word the recognizer took for a place or a body that no table lists as one, but
          // the surname of an office-holder the knowledge base knows: the person ("Merkel met
          // Macron").
          if (type != 0 && l == t && !gz.find(w) && tagged_proper(t) && !is_temporal(gz, w) &&
              !in_longer_name(t) && office_holder(w, date))
            type = 0;
          // "spokesman Hami Aksoy": a name right after a person's role is that person, whatever
          // the recognizer took it for, unless an organisation's head noun says otherwise.
          if (type == 1 && t > first) {
            std::string_view before = a.token_text(t - 1);
            bool org_head = false;
            for (uint32_t k = t; k <= l; ++k) org_head |= is_org_head(gz, a.token_text(k));
            if (!org_head && !before.empty() &&
                std::islower(static_cast<unsigned char>(before[0])) && gz.role(before) &&
                !gz.body_role(before))
              type = 0;
          }
          if (type == 0) {
            // A first name the recognizer left out (it read "France Mary" as one place) belongs to
            // the person when nothing else took it.
            uint32_t from = t;
            if (t > first && (pieces.empty() || pieces.back().last + 1 < t) &&
                capitalized(a.token_text(t - 1)) && gz.first_name(a.token_text(t - 1)))
              from = t - 1;
            pieces.push_back({Piece::kPerson, from, l});
          } else if (type == 1 && gz.words().document_heads.contains(a.token_text(l))) {
            // "the United States Constitution", "the Electronic Commerce Directive": a document.
          } else if (type == 1) {
            push_unlisted_organisation(t, l, organisation_entry(t, l));
          }
          t = l + 1;
          continue;
        }
        // A surname the article gave in full before, or the knowledge base's office-holder's
        // ("Merkel met Macron") that the recognizer missed.
        if (capitalized(w) && alphabetic(w) &&
            (surnames.count(std::string(w)) ||
             (tagged_proper(t) && !is_temporal(gz, w) && !is_function_word(gz, w) &&
              !in_longer_name(t) && office_holder(w, date)))) {
          pieces.push_back({Piece::kPerson, t, t});
          ++t;
          continue;
        }
        ++t;
        continue;
      }
      // People: runs of two or more capitalised words, or a known surname.
      if (!title_case && capitalized(w) && alphabetic(w) && !is_function_word(gz, w) &&
          !is_temporal(gz, w)) {
        uint32_t l = t;
        while (l + 1 < end && capitalized(a.token_text(l + 1)) && alphabetic(a.token_text(l + 1)) &&
               !gz.find(a.token_text(l + 1)) && !gz.role(utf8::lower(a.token_text(l + 1))) &&
               !is_temporal(gz, a.token_text(l + 1)))
          ++l;
        bool organisation = false;
        for (uint32_t k = t; k <= l; ++k) organisation |= is_org_head(gz, a.token_text(k));
        if (organisation) {  // an unknown organisation or place: not resolved yet, not a person
          t = l + 1;
          continue;
        }
        if (l > t || surnames.count(std::string(w)) ||
            (tagged_proper(t) && office_holder(w, date))) {
          pieces.push_back({Piece::kPerson, t, l});
          t = l + 1;
          continue;
        }
      }
      ++t;
    }

    // "the United States Commission on International Religious Freedom (USCIRF)": an acronym in
    // brackets after an organisation is that organisation, here and wherever it recurs.
    for (size_t r = 0; r < pieces.size(); ++r) {
      const Piece& x = pieces[r];
      const uint32_t at = x.last + 2;
      if (x.kind != Piece::kEntity || !x.entry || x.entry->type == "GPE" ||
          x.entry->type == "CITY" || x.entry->type == "LOC" || at + 1 >= end ||
          a.token_text(x.last + 1) != "(" || a.token_text(at + 1) != ")")
        continue;
      std::string_view acronym = a.token_text(at);
      if (acronym.size() < 2 || acronym.size() > 8 ||
          !std::all_of(acronym.begin(), acronym.end(),
                       [](char c) { return std::isupper(static_cast<unsigned char>(c)); }))
        continue;
      auto taken = std::find_if(pieces.begin(), pieces.end(),
                                [&](const Piece& y) { return y.first <= at && at <= y.last; });
      if (taken != pieces.end() && !(taken->ner || (taken->entry && taken->entry->code.empty())))
        continue;  // a known name in its own right
      Piece alias = x;
      alias.first = alias.last = at;
      if (taken != pieces.end())
        *taken = alias;
      else
        pieces.insert(pieces.begin() + static_cast<std::ptrdiff_t>(r) + 1, alias);
      acronyms[std::string(acronym)] = x.entry;
    }

    // A description starting at piece `r`, token `from` (after an apposition comma): optional
    // article, then adjacent demonym/state/role/organisation pieces, then "of"/"for"/"at" and a
    // state, nation or organisation. Found when it has a role or an organisation.
    struct Description {
      bool found = false;
      std::string country, sector, org_code;
      size_t last_piece = 0;
    };
    auto describe = [&](size_t r, uint32_t from) {
      Description d;
      if (from < end && is_in_list(utf8::lower(a.token_text(from)), {"the", "a", "an"})) ++from;
      if (from < end && utf8::lower(a.token_text(from)) == "former") ++from, d.sector = "OPP";
      // "Rosselló's chief of staff": a person's staff serve the state that person serves.
      std::string owner_country;
      if (r < pieces.size() && pieces[r].first == from && pieces[r].kind == Piece::kPerson &&
          pieces[r].last + 2 < end &&
          (clitic_bytes(a.token_text(pieces[r].last)) > 0 ||
           (clitic_bytes(a.token_text(pieces[r].last + 1)) > 0 &&
            a.token_text(pieces[r].last + 1).size() ==
                clitic_bytes(a.token_text(pieces[r].last + 1))))) {
        std::string owner = text_of(pieces[r].first, pieces[r].last);
        const bool joined = clitic_bytes(a.token_text(pieces[r].last)) > 0;
        if (joined) owner.resize(owner.size() - clitic_bytes(owner));
        auto known = surnames.find(owner);
        auto named = registry.find("PER|" + owner);
        if (known != surnames.end())
          owner_country = a.actors[known->second].country;
        else if (named != registry.end())
          owner_country = a.actors[named->second].country;
        if (owner_country.empty()) return d;
        from = pieces[r].last + (joined ? 1 : 2);
        ++r;
      }
      // "deputy director of ...", "senior fellow at ...": words in lower case before the role.
      {
        uint32_t t = from;
        auto modifier = [&](uint32_t k) {
          if (a.analysis.size() != a.words.size())  // not tagged: no function word
            return !is_in_list(utf8::lower(a.token_text(k)),
                               {"of", "for", "to", "the", "a", "an", "and", "in", "at", "on"});
          return is_in_list(a.analysis[a.tokens[k].first_word].upos, {"ADJ", "NOUN"});
        };
        while (t < from + 2 && t < end && alphabetic(a.token_text(t)) &&
               !capitalized(a.token_text(t)) && modifier(t) &&
               !(r < pieces.size() && pieces[r].first == t))
          ++t;
        if (t != from && r < pieces.size() && pieces[r].first == t &&
            pieces[r].kind == Piece::kRole)
          from = t;
      }
      bool role = false, former = d.sector == "OPP";
      uint32_t expect = from;
      while (r < pieces.size() && pieces[r].first == expect) {
        const Piece& x = pieces[r];
        if (x.kind == Piece::kPerson || x.kind == Piece::kPronoun) break;
        if (x.kind == Piece::kRole)
          role = true, d.sector = former ? "OPP" : x.sector;
        else if (x.kind == Piece::kDemonym && d.country.empty())
          d.country = x.country;
        else if (x.kind == Piece::kEntity && x.entry->type == "GPE" && d.country.empty())
          d.country = x.entry->country;
        else if (x.kind == Piece::kEntity && x.entry->type == "CITY" && x.last + 3 < end &&
                 based_after(x.last)) {
          // "a Berlin-based non-profit": the city's state.
          if (d.country.empty()) d.country = x.entry->country;
          d.last_piece = r;
          expect = x.last + 3;
          ++r;
          continue;
        } else if (x.kind == Piece::kEntity && x.entry->type != "CITY" && x.entry->type != "LOC") {
          if (!x.entry->code.empty()) d.org_code = x.entry->code;
          if (d.country.empty()) d.country = x.entry->country;
          if (d.sector.empty()) d.sector = x.entry->sector;
        } else
          break;
        d.last_piece = r;
        expect = x.last + 1;
        ++r;
      }
      if (!role && d.org_code.empty()) return Description{};
      // "director of global news for AFP": a portfolio in lower case between the role and the
      // body it serves.
      if (role && expect < end && is_in_list(utf8::lower(a.token_text(expect)), {"of", "for"}) &&
          r < pieces.size() && pieces[r].first > expect + 1) {
        for (uint32_t t = expect + 1; t < expect + 6 && t + 1 < end; ++t) {
          std::string_view w = a.token_text(t);
          if (is_in_list(w, {"for", "at", "of"})) {
            const uint32_t body = a.token_text(t + 1) == "the" ? t + 2 : t + 1;
            if (pieces[r].first == body) expect = t;
            break;
          }
          if (!alphabetic(w) || capitalized(w)) break;
        }
      }
      // "... of Hong Kong", "... for the Popular Mobilization Forces", "... of Iran's Quds Force"
      if (expect + 1 < end &&
          is_in_list(utf8::lower(a.token_text(expect)), {"of", "for", "at", "to"}) &&
          r < pieces.size()) {
        const bool to = utf8::lower(a.token_text(expect)) ==
                        "to";  // "ambassador to Germany" serves another state
        uint32_t at = expect + 1;
        if (at < end && utf8::lower(a.token_text(at)) == "the") ++at;
        while (r < pieces.size() && pieces[r].first == at && !to) {
          const Piece& x = pieces[r];
          if (x.kind == Piece::kPerson || x.kind == Piece::kPronoun || x.kind == Piece::kRole)
            break;
          if (x.kind == Piece::kEntity && x.entry->type == "GPE") {
            // A state already named keeps the role ("the United States special envoy for
            // Ukraine negotiations" is American).
            if (d.country.empty()) d.country = x.entry->country;
          } else if (x.kind == Piece::kDemonym) {
            if (d.country.empty()) d.country = x.country;
          } else if (x.kind == Piece::kEntity && x.entry->type != "CITY" &&
                     x.entry->type != "LOC") {
            if (!x.entry->code.empty()) d.org_code = x.entry->code;
            if (!x.entry->country.empty()) d.country = x.entry->country;
            if (!x.entry->sector.empty() && !role) d.sector = x.entry->sector;
          } else
            break;
          d.last_piece = r;
          at = x.last + 1;
          ++r;
        }
      }
      // "a congressman from New Jersey", "a journalist from Yemen": the place a role-holder is
      // from is their state.
      if (role && d.country.empty() && d.org_code.empty() && expect + 1 < end &&
          a.token_text(expect) == "from" && r < pieces.size() && pieces[r].first == expect + 1 &&
          pieces[r].kind == Piece::kEntity && !pieces[r].entry->country.empty() &&
          is_in_list(pieces[r].entry->type, {"GPE", "LOC", "CITY"})) {
        d.country = pieces[r].entry->country;
        d.last_piece = r;
      }
      if (d.country.empty() && d.org_code.empty() && role) d.country = owner_country;
      if (d.country.empty() && d.org_code.empty() && !home.empty() && role && d.sector != "IGO" &&
          d.sector != "NGO")
        d.country = home;
      d.found = !d.country.empty() || !d.org_code.empty();
      return d;
    };

    // "Representatives Eliot Engel, Adam Schiff, and Elijah Cummings", "Presidents Muhammadu
    // Buhari of Nigeria and Patrice Talon of Benin": a title in the plural is each name's in the
    // list that follows it.
    struct TitledList {
      bool on = false;
      std::string sector, country;
      uint32_t after = 0;  // the list's last token so far
    } titled_list;
    auto continues_list = [&](uint32_t from_token) {
      if (!titled_list.on || from_token <= titled_list.after) return false;
      for (uint32_t g = titled_list.after + 1; g < from_token; ++g) {
        std::string_view w = a.token_text(g);
        if (w == "," || w == "and" || w == "of") continue;
        bool state = false;  // "... of Nigeria and ..."
        for (const Piece& x : pieces)
          state |=
              x.first <= g && g <= x.last && x.kind == Piece::kEntity && x.entry->type == "GPE";
        if (!state) return false;
      }
      return true;
    };

    // "the Trump administration", "the Netanyahu government": a leader's name right before a
    // government's generic name says whose state it is, as a demonym would.
    for (size_t r = 0; r + 1 < pieces.size(); ++r) {
      Piece& x = pieces[r];
      const Piece& role = pieces[r + 1];
      if (x.kind != Piece::kPerson || role.kind != Piece::kRole || role.first != x.last + 1 ||
          role.sector != "GOV" || !gz.body_role(utf8::lower(text_of(role.first, role.last))))
        continue;
      std::string iso = x.country;
      const std::string last_name(a.token_text(x.last));
      if (auto known = surnames.find(last_name); iso.empty() && known != surnames.end())
        iso = a.actors[known->second].country;
      if (iso.empty() && x.first == x.last)
        if (const ActorRecord* holder = office_holder(last_name, date))
          iso = holder->code_at(date).substr(0, 3);
      if (iso.empty() || !gz.country(iso)) continue;
      x.kind = Piece::kDemonym, x.country = iso, x.sector.clear(), x.code.clear();
    }

    // 2. Chains: pieces joined by spaces (or by a comma before a name) describe one actor.
    for (size_t p = 0; p < pieces.size();) {
      size_t q = p;
      auto joined = [&](size_t x, size_t y) {
        uint32_t gap_from = pieces[x].last + 1, gap_to = pieces[y].first;
        if (gap_from == gap_to) return true;
        if (gap_to == gap_from + 1 && a.token_text(gap_from) == "," &&
            pieces[y].kind == Piece::kPerson && pieces[x].kind == Piece::kRole)
          return true;  // "spokesman, John Kirby"
        // "AU trade and industry commissioner", "EU foreign policy chief": a portfolio in lower
        // case between a body and a role.
        if (gap_to > gap_from && gap_to - gap_from <= 4 && pieces[y].kind == Piece::kRole &&
            pieces[x].kind == Piece::kEntity && pieces[x].entry->type != "CITY" &&
            pieces[x].entry->type != "LOC") {
          bool portfolio = a.analysis.size() == a.words.size();
          for (uint32_t g = gap_from; g < gap_to && portfolio; ++g) {
            std::string_view w = a.token_text(g);
            const uint32_t word = a.tokens[g].first_word;
            portfolio = !w.empty() && !capitalized(w) && a.tokens[g].word_count == 1 &&
                        is_in_list(a.analysis[word].upos, {"NOUN", "ADJ", "CCONJ"});
          }
          // (Not a coordination of the two: "the Conservative Party and prime minister".)
          auto conjunction = [&](uint32_t g) {
            return a.analysis[a.tokens[g].first_word].upos == "CCONJ";
          };
          if (portfolio && !conjunction(gap_from) && !conjunction(gap_to - 1)) return true;
        }
        // "Taiwan's Vice Foreign Minister", "Nigerian junior foreign minister", "a Russian senior
        // official": words of rank between a state and a title (data/words/rank-words.tsv).
        if (gap_to > gap_from && gap_to - gap_from <= 2 && pieces[y].kind == Piece::kRole &&
            (pieces[x].kind == Piece::kDemonym ||
             (pieces[x].kind == Piece::kEntity && pieces[x].entry->type == "GPE"))) {
          bool rank = true;
          for (uint32_t g = gap_from; g < gap_to && rank; ++g)
            rank = gz.words().rank_words.contains(utf8::lower(a.token_text(g)));
          if (rank) return true;
        }
        // "US Ambassador to Germany Richard Grenell", "US Special Representative for Iran Brian
        // Hook": the envoy serves the state named first.
        if (gap_to == gap_from + 1 &&
            is_in_list(utf8::lower(a.token_text(gap_from)), {"to", "for"}) &&
            pieces[x].kind == Piece::kRole && pieces[y].kind == Piece::kEntity &&
            pieces[y].entry->type == "GPE" && y + 1 < pieces.size() &&
            pieces[y + 1].kind == Piece::kPerson && pieces[y + 1].first == pieces[y].last + 1)
          return true;
        // "the prosecutor general of Tehran, Ali Alghasi Mehr": a title of a place, then the
        // name after a comma.
        auto place_then_name = [&](size_t e) {
          return pieces[e].kind == Piece::kEntity &&
                 (pieces[e].entry->type == "GPE" || pieces[e].entry->type == "CITY") &&
                 e + 1 < pieces.size() && pieces[e + 1].kind == Piece::kPerson &&
                 pieces[e + 1].first == pieces[e].last + 2 &&
                 a.token_text(pieces[e].last + 1) == ",";
        };
        if (gap_to == gap_from + 1 && utf8::lower(a.token_text(gap_from)) == "of" &&
            pieces[x].kind == Piece::kRole && place_then_name(y))
          return true;
        if (x > 0 && y == x + 1 && pieces[y].kind == Piece::kPerson && place_then_name(x) &&
            pieces[x - 1].kind == Piece::kRole && pieces[x - 1].last + 2 == pieces[x].first &&
            utf8::lower(a.token_text(pieces[x - 1].last + 1)) == "of")
          return true;
        return false;
      };
      while (q + 1 < pieces.size() && pieces[q + 1].kind != Piece::kPronoun &&
             pieces[q].kind != Piece::kPronoun && joined(q, q + 1) &&
             pieces[q].kind != Piece::kPerson)
        ++q;
      std::string country, sector, type, org_code;
      const Piece* person = nullptr;
      const Piece* place = nullptr;
      bool has_role = false, has_org = false, has_state = false, demonym = false, ner_org = false;
      bool text_coded = false;   // a media or NGO code built from the text, one actor per name
      std::string coded_name;    // ... the table's own name for it ("Mahan" is "Mahan Air")
      std::string ner_name;      // the recognized organisation's own name (its acronym's too)
      bool body_sector = false;  // the sector came from a body's name ("hospital", "police")
      for (size_t k = p; k <= q; ++k) {
        const Piece& x = pieces[k];
        if (x.kind == Piece::kPerson) person = &x;
        if (x.kind == Piece::kRole) {
          has_role = true;
          // "hospital officials", "army spokesman": people of a body with a sector of its own
          // are of that sector, not the government's.
          if (!x.sector.empty() && !has_org && !(body_sector && x.sector == "GOV")) {
            sector = x.sector;
            body_sector = sector != "GOV" && gz.body_role(utf8::lower(text_of(x.first, x.last)));
          }
          // "Omsk hospital", "Moscow police": a city before the role is the body's state (a
          // large one: small towns share their names with words, "Federal" in Argentina).
          if (place && country.empty() && place->entry->type == "CITY" &&
              place->entry->population >= 100000)
            country = place->entry->country;
        }
        if (x.kind == Piece::kDemonym && country.empty()) country = x.country, demonym = true;
        if (x.kind == Piece::kEntity) {
          const GazetteerEntry& e = *x.entry;
          if (e.type == "GPE") {
            if (country.empty()) country = e.country;
            has_state = true;
          } else if (e.type == "CITY" || e.type == "LOC") {
            place = &x;
          } else {
            has_org = true;
            ner_org = x.ner;
            if (x.ner) ner_name = trim_article(e.name);
            org_code = e.code;
            type = e.type;
            sector = e.sector;
            // Media and NGOs are coded from what the text says of them (CAMEO practice): "the
            // BBC" is MED, "British broadcaster BBC" GBRMED; the table's state stays on the actor.
            if ((e.type == "MED" || e.type == "NGO" || company(e)) && !x.ner) {
              // ... a nationality inside the name counts ("Israeli Broadcasting Corporation").
              std::string named = country;
              for (uint32_t t = x.first; t <= x.last && named.empty(); ++t) {
                std::string_view word = a.token_text(t);
                if (auto iso = gz.demonym(word))
                  named = *iso;
                else if (const GazetteerEntry* g = gz.find(word); g && g->type == "GPE")
                  named = g->country;
              }
              // ... or a nationality before its description ("Iranian airline Mahan Air",
              // "German carmaker Daimler").
              for (uint32_t t = x.first, seen = 0; named.empty() && t > first && seen < 3; ++seen) {
                const std::string_view before = a.token_text(--t);
                if (auto iso = gz.demonym(before)) {
                  named = *iso;
                } else if (utf8::lower(before) == "based" && t >= first + 2 &&
                           based_after(t - 2)) {  // "UK-based retailer Tesco"
                  if (const GazetteerEntry* g = gz.find(a.token_text(t - 2));
                      g && (g->type == "GPE" || g->type == "CITY"))
                    named = g->country;
                  break;
                } else if (!alphabetic(before) || capitalized(before)) {
                  break;
                }
              }
              // ... and a state after it ("Mahan Air of Iran").
              if (named.empty() && x.last + 2 < end && a.token_text(x.last + 1) == "of")
                if (const GazetteerEntry* g = gz.find(a.token_text(x.last + 2));
                    g && g->type == "GPE")
                  named = g->country;
              // ... and so does a state's ownership ("state-owned news agency Fars", "semi-official
              // news agency ISNA", "state broadcaster CCTV"): the table's state.
              for (uint32_t t = pieces[p].first; t < x.first && named.empty(); ++t)
                if (is_in_list(utf8::lower(a.token_text(t)),
                               {"state", "state-owned", "state-run", "official", "semi-official",
                                "government-run", "government-owned", "public"}))
                  named = e.country;
              // ... and an article about the outlet's own state makes it that state's press
              // ("TVN24 reported" in a Polish story); outlets read worldwide have no state in the
              // table (data/actors/kb/institutions.tsv).
              if (named.empty() && !home.empty() && e.country == home) named = home;
              org_code = named.empty() ? e.sector : named + e.sector;
              // ... and what an earlier mention said of it stands ("Iranian airline Mahan Air" ...
              // "Mahan's director").
              if (named.empty())
                if (auto known = registry.find("ORG|" + utf8::lower(e.name));
                    known != registry.end() &&
                    a.actors[known->second].code.size() == 3 + e.sector.size() &&
                    a.actors[known->second].code.ends_with(e.sector))
                  org_code = a.actors[known->second].code;
              text_coded = true;
              coded_name = e.name;
            }
            // A party is one actor of its own, though it shares its code with the government it
            // forms or the opposition it leads ("the Republican Party" is not "the President").
            if (!e.dated.empty() && !x.ner) text_coded = true, coded_name = e.name;
            if (country.empty()) country = e.country;
          }
        }
      }
      const uint32_t f = pieces[p].first, l = pieces[q].last;
      Span span = span_of(f, l);
      // "former US President Barack Obama", "ex-minister": out of office, in opposition (CAMEO
      // OPP).
      // ("former federal prosecutor": up to two words in lower case between.)
      bool former = false;
      for (uint32_t k = f, seen = 0; k > first && seen < 3 && !former; ++seen) {
        const std::string before = utf8::lower(a.token_text(--k));
        former = before == "former" || before.starts_with("ex-");
        if (!alphabetic(before) || capitalized(a.token_text(k))) break;
      }
      if (former && has_role && !has_org && (sector == "GOV" || sector == "LEG" || sector == "MIL"))
        sector = "OPP";
      // ... a former prosecutor, executive or journalist holds no role any more: a national of
      // the state, with no sector ("former federal prosecutor Elie Honig", "former thinktank
      // executive Ken Gude"; the news-gold guidelines code a person by the role held at the
      // article's date).
      const bool out_of_role = former && has_role && !has_org && person &&
                               !is_in_list(sector, {"OPP", "GOV", "LEG", "MIL", "REB", "CVL"});
      if (out_of_role) sector.clear();
      // A role tied by "for"/"of" to a named organisation or a nation's body is its member: "a
      // spokesman for the PMF", "spokesperson for the German government". The mention then runs
      // to the end of that complement (`described_by`): it is the description's own.
      uint32_t described_by = 0;
      if (has_role && !person && !has_org && !country.empty() && demonym && l + 2 < end &&
          a.token_text(l + 1) == "to" && q + 1 < pieces.size() && pieces[q + 1].first == l + 2 &&
          pieces[q + 1].kind == Piece::kEntity && pieces[q + 1].entry->type == "GPE")
        described_by = pieces[q + 1].last;  // "the Libyan ambassador to Greece" is Libya's
      if (has_role && !person && !has_org && country.empty() && l + 2 < end) {
        std::string_view link = a.token_text(l + 1);
        size_t r = q + 1;
        uint32_t expect = l + 2;
        if (r < pieces.size() && expect < end && utf8::lower(a.token_text(expect)) == "the")
          ++expect;
        if ((link == "for" || link == "of" || link == "at" || link == "with") &&
            r < pieces.size() && pieces[r].first == expect) {
          const Piece& x = pieces[r];
          if (x.kind == Piece::kEntity && x.entry->type != "GPE" && x.entry->type != "CITY" &&
              x.entry->type != "LOC" && !x.entry->code.empty() && x.entry->country.empty()) {
            // An international body's officer is coded as the body ("a UN rapporteur").
            org_code = x.entry->code;
            described_by = x.last;
          } else if (x.kind == Piece::kEntity && x.entry->type != "CITY" &&
                     x.entry->type != "LOC" && x.entry->type != "GPE" &&
                     !x.entry->country.empty()) {
            // (States, and lists of them, are the affiliation rule's below.)
            country = x.entry->country;
            described_by = x.last;
          } else if (x.kind == Piece::kDemonym) {
            country = x.country;
            if (r + 1 < pieces.size() && pieces[r + 1].first == x.last + 1 &&
                pieces[r + 1].kind == Piece::kRole)
              described_by = pieces[r + 1].last;  // "for the German government"
          }
        }
      }
      // Pronouns: the most recent person.
      if (pieces[p].kind == Piece::kPronoun) {
        // The latest person named in this sentence; else the first person named in the latest
        // sentence that names one (subjects come first: "Kirby urged Hamas ... He pointed out").
        // A pronoun names its person too: "She spoke about her husband X. She asked ...".
        int antecedent = -1;
        // "The commission criticized the move. They released a statement": a sentence-initial
        // "They" is the first organisation or group the sentence before names.
        if (a.token_text(pieces[p].first) == "They") {
          const Mention* best = nullptr;
          for (const Mention& m : a.mentions) {
            const Actor& x = a.actors[m.actor];
            if (m.sentence + 1 != si || m.kind == "pronoun" || m.kind == "nested" ||
                x.type == "PER" || x.type == "GPE" || x.code.empty())
              continue;
            if (!best || m.span.start < best->span.start) best = &m;
          }
          if (best) add_mention(best->actor, span, si, "pronoun");
          p = q + 1;
          continue;
        }
        if (!person_mentions.empty()) {
          if (person_mentions.back().first == si) {
            antecedent = static_cast<int>(person_mentions.back().second);
          } else {
            size_t k = person_mentions.size() - 1;
            while (k > 0 && person_mentions[k - 1].first == person_mentions.back().first) --k;
            antecedent = static_cast<int>(person_mentions[k].second);
          }
        }
        if (antecedent >= 0) add_mention(static_cast<uint32_t>(antecedent), span, si, "pronoun");
        p = q + 1;
        continue;
      }
      // Affiliation: "negotiators from Israel, the United States, Egypt, and Qatar".
      // Also "the ambassadors of Arnor, Osgiliath and Gondor", "lawmakers in Fornost and Gondor":
      // a role tied to states by of/in is each state's (states only: "officials in Gaza City" are
      // not the city's).
      auto affiliation_word = [](std::string_view w) {
        return w == "from" || w == "of" || w == "in";
      };
      if (has_role && !person && !has_org && country.empty() && l + 1 < end &&
          affiliation_word(a.token_text(l + 1))) {
        size_t r = q + 1;
        uint32_t expect = l + 2;
        // "Former president of France Jacques Chirac": the title and its state describe the name.
        if (r + 1 < pieces.size() && pieces[r].first == expect &&
            pieces[r].kind == Piece::kEntity && pieces[r].entry->type == "GPE" &&
            pieces[r + 1].kind == Piece::kPerson && pieces[r + 1].first == pieces[r].last + 1) {
          const Piece& who = pieces[r + 1];
          const std::string& iso = pieces[r].entry->country;
          std::string name = text_of(who.first, who.last);
          uint32_t id = actor_for("PER|" + name, Actor{name, iso + sector, iso, sector, "PER", {}});
          if (who.first != who.last) surnames[std::string(a.token_text(who.last))] = id;
          add_mention(id, span_of(f, who.last), si, "name");
          p = r + 2;
          continue;
        }
        // One state: the mention is the whole description ("the chief executive of Hong Kong");
        // a list: each state's name stands for its own role-holders.
        std::vector<std::pair<uint32_t, Span>> affiliated;
        while (r < pieces.size() && pieces[r].first >= expect && pieces[r].kind == Piece::kEntity &&
               pieces[r].entry->type == "GPE") {
          bool adjacent = pieces[r].first == expect;
          for (uint32_t g = expect; g < pieces[r].first && !adjacent; ++g) {
            std::string_view w = a.token_text(g);
            if (w != "," && w != "and" && w != "the" && w != "mainland")
              break;  // "of mainland China"
            if (g + 1 == pieces[r].first) adjacent = true;
          }
          if (!adjacent) break;
          const std::string& iso = pieces[r].entry->country;
          Actor proto{utf8::lower(text_of(f, l)) + " " + std::string(a.token_text(l + 1)) + " " +
                          (gz.country(iso) ? gz.country(iso)->name : iso),
                      iso + sector,
                      iso,
                      sector,
                      "ORG",
                      {}};
          affiliated.emplace_back(actor_for(iso + sector, proto),
                                  span_of(pieces[r].first, pieces[r].last));
          expect = pieces[r].last + 1;
          ++r;
        }
        if (affiliated.size() == 1) affiliated[0].second.start = span.start;
        for (const auto& [id, part] : affiliated) add_mention(id, part, si, "description");
        if (!affiliated.empty()) {
          p = r;
          continue;
        }
      }
      if (person) {
        // An organisation named in the person's title is mentioned there too ("Hong Kong director
        // of Amnesty International Man-kei Tam", "ABS-CBN CEO Carlo Katigbak").
        for (size_t k = p; k <= q; ++k) {
          const Piece& x = pieces[k];
          if (&x == person || x.kind != Piece::kEntity || x.ner || x.entry->code.empty() ||
              is_in_list(x.entry->type, {"GPE", "CITY", "LOC"}))
            continue;
          const GazetteerEntry& e = *x.entry;
          const bool by_name = e.type == "MED" || e.type == "NGO" || company(e);
          if (!by_name && e.type != "IGO" && e.type != "GRP") continue;  // offices are titles
          const std::string code =
              !by_name ? e.code : (!home.empty() && e.country == home ? home : "") + e.sector;
          const std::string key =
              by_name || !e.dated.empty() ? "ORG|" + utf8::lower(e.name) : e.code;  // (parties)
          // (A name cut short, "Mahan's", is the organisation named in full before.)
          int earlier = -1;
          if (!registry.count(key)) {
            std::string written = text_of(x.first, x.last);
            written.resize(written.size() - clitic_bytes(written));
            earlier = cut_short(written);
          }
          add_mention(earlier >= 0
                          ? static_cast<uint32_t>(earlier)
                          : actor_for(key, Actor{e.name, code, e.country, e.sector, e.type, {}}),
                      span_of(x.first, x.last), si, "name");
        }
        std::string name = text_of(person->first, person->last);
        std::string last_name(a.token_text(person->last));
        const std::string chain_country = country;
        bool plural_title = false;
        for (size_t k = p; k <= q; ++k)
          if (pieces[k].kind == Piece::kRole) {
            plural_title = plural_word(utf8::lower(a.token_text(pieces[k].last)));
          }
        const bool listed = !has_role && p == q && continues_list(f);
        // A name the recognizer took with its state ("Patrice Talon of Benin").
        std::string own_state;
        uint32_t own_of = 0;  // the "of" token
        for (uint32_t k = person->first + 1; k + 1 <= person->last && own_state.empty(); ++k)
          if (a.token_text(k) == "of")
            if (const GazetteerEntry* g = gz.find(text_of(k + 1, person->last));
                g && g->type == "GPE")
              own_state = g->country, own_of = k;
        if (country.empty()) country = own_state;
        // The person is named without the state, and the state is mentioned on its own.
        if (!own_state.empty() && person->last == l) {
          name = text_of(person->first, own_of - 1);
          last_name = std::string(a.token_text(own_of - 1));
          span.end = a.tokens[own_of - 1].span.end;
          const GazetteerEntry* st = gz.country(own_state);
          add_mention(
              actor_for("GPE|" + own_state,
                        Actor{st ? st->name : own_state, own_state, own_state, "", "GPE", {}}),
              span_of(own_of + 1, person->last), si, "name");
        }
        if (listed) {
          has_role = true, sector = titled_list.sector;
          if (country.empty()) country = titled_list.country;
        }
        if (plural_title)
          titled_list = {true, sector, chain_country, l};
        else if (listed)
          titled_list.after = l;
        else
          titled_list.on = false;
        // A single name that begins a named organisation seen earlier is that organisation cut
        // short ("Mahan" after "Mahan Air", "Cinema" no: only capitalised proper names).
        const int short_for =
            person->first == person->last && !surnames.count(name) && person->code.empty() && p == q
                ? cut_short(name)
                : -1;
        if (short_for >= 0) {
          add_mention(static_cast<uint32_t>(short_for), span, si, "name");
        } else if (person->first == person->last && surnames.count(name)) {
          add_mention(surnames[name], span, si, "name");
        } else {
          // A description after the name: "Carrie Lam, the chief executive of Hong Kong", "Qasem
          // Soleimani, head of Iran's Quds Force", "Hami Aksoy, a spokesman for the ministry".
          size_t apposition_end = q;
          if (!has_role && country.empty() && org_code.empty() && l + 2 < end &&
              a.token_text(l + 1) == ",") {
            Description d = describe(q + 1, l + 2);
            if (d.found) {
              country = d.country, sector = d.sector, org_code = d.org_code, has_role = true;
              apposition_end = d.last_piece;
            }
          }
          // "President Abdel Fattah el-Sisi of Egypt", "Patrice Talon of Benin": the state after
          // the name. It is the state of the title right before the name even where a body's
          // title comes first ("AU chairperson President el-Sisi of Egypt" is Egypt's president).
          const bool state_title = person > &pieces[p] && (person - 1)->kind == Piece::kRole &&
                                   (person - 1)->last + 1 == person->first &&
                                   (person - 1)->sector == "GOV";
          if (state_title && !org_code.empty() && l + 2 < end && a.token_text(l + 1) == "of" &&
              q + 1 < pieces.size() && pieces[q + 1].first == l + 2 &&
              pieces[q + 1].kind == Piece::kEntity && pieces[q + 1].entry->type == "GPE")
            org_code.clear(), country.clear(), sector = "GOV";
          if (country.empty() && org_code.empty() && l + 2 < end && a.token_text(l + 1) == "of" &&
              q + 1 < pieces.size() && pieces[q + 1].first == l + 2 &&
              pieces[q + 1].kind == Piece::kEntity && pieces[q + 1].entry->type == "GPE") {
            country = pieces[q + 1].entry->country;
            if (!has_role && !person->code.empty() && person->country == country)
              sector = person->sector;
            has_role = has_role || !sector.empty();
          }
          // "Sabrina Bennoui of Reporters Without Borders", "Joanna Cherry of the Scottish
          // National Party": a person of a named organisation is its member.
          if (country.empty() && org_code.empty() && !has_role && l + 2 < end &&
              a.token_text(l + 1) == "of" && q + 1 < pieces.size()) {
            uint32_t at = l + 2;
            if (at < end && utf8::lower(a.token_text(at)) == "the") ++at;
            const Piece& x = pieces[q + 1];
            if (x.first == at && x.kind == Piece::kEntity && x.entry->type != "GPE" &&
                x.entry->type != "CITY" && x.entry->type != "LOC" && !x.entry->code.empty()) {
              const bool by_name =
                  x.entry->type == "MED" || x.entry->type == "NGO" || company(*x.entry);
              org_code = by_name ? x.entry->country + x.entry->sector : x.entry->code;
              country = x.entry->country, sector = x.entry->sector;
              has_role = true;
            }
          }
          if (former && sector != "OPP" && !country.empty() && (sector == "GOV" || sector == "LEG"))
            sector = "OPP";
          // "President Trump" in an article that never names him in full: the one person of
          // that name holding an office of that kind at the article's date, if the knowledge
          // base knows exactly one.
          if (country.empty() && has_role && !sector.empty() && person->first == person->last &&
              person->code.empty() && !surnames.count(name))
            for (const auto& d : dictionaries_)
              if (const ActorRecord* holder = d->office_holder(name, sector, date)) {
                country = holder->code_at(date).substr(0, 3);
                break;
              }
          // A bare surname with no title and no full name before it ("Trump said"): news names
          // only the best-known office-holders so; the one the knowledge base has in office at
          // the article's date, if all its people of that surname in office agree.
          // Not a first name ("Nabil"), nor any word of a person the article named before
          // ("Tam" after "Man-kei Tam"): that is the article's own person.
          auto named_before = [&] {
            auto boundary = [](const std::string& full, size_t at) {
              return at == 0 || at >= full.size() || full[at] == ' ' || full[at] == '-';
            };
            for (const Actor& o : a.actors) {
              if (o.type != "PER" || o.name.size() <= name.size()) continue;
              for (size_t at = o.name.find(name); at != std::string::npos;
                   at = o.name.find(name, at + 1))
                if (boundary(o.name, at == 0 ? 0 : at - 1) && boundary(o.name, at + name.size()))
                  return true;
            }
            return false;
          };
          if (country.empty() && !has_role && !has_org && person->first == person->last &&
              person->code.empty() && !surnames.count(name) && !gz.first_name(name) &&
              !named_before())
            if (const ActorRecord* holder = office_holder(name, date)) {
              const std::string held = holder->code_at(date);
              country = held.substr(0, 3), sector = held.substr(3, 3);
              has_role = true;
            }
          // A title with no state ("President Trump") is the state the knowledge base gives the
          // person, else the latest state named, else the article's.
          if (country.empty() && has_role && !person->country.empty()) country = person->country;
          if (country.empty() && place)
            country = place->entry->country;  // "California Attorney General X"
          if (country.empty() &&
              is_in_list(sector, {"GOV", "OPP", "LEG", "JUD", "COP", "MIL", "SPY", "CVL"}))
            // A state named earlier in the same sentence, else the article's.
            country = !last_country.empty() && (last_country_sentence == si || home.empty())
                          ? last_country
                          : home;
          std::string code = org_code.empty() ? country + sector : org_code;
          // A dictionary's code for a person counts when the text gives no title or country:
          // titles in the article are newer than any dictionary ("spokesman, John Kirby").
          // (A state alone that agrees with the dictionary adds nothing: "Scotland's X".)
          if (!person->code.empty() && !has_role && !has_org &&
              (country.empty() || country == person->country))
            code = person->code, country = person->country, sector = person->sector;
          // "Ex-Prime Minister Donald Tusk, the current President of the European Council": a
          // former office says the person left it, not every office; one the dictionary gives
          // at the article's date holds.
          if (former && person->code.size() > 3 && person->code != code &&
              !std::string_view(person->code).substr(3).starts_with("OPP"))
            code = person->code, country = person->country, sector = person->sector;
          // "A third president, Richard Nixon" in 2019: a title the knowledge base has the person
          // out of long since names the office once held (all its roles ended before the date).
          if (person->retired && person->code.ends_with("OPP") && country == person->country &&
              (sector == "GOV" || sector == "LEG"))
            code = person->code, sector = "OPP";
          uint32_t id = actor_for("PER|" + name, Actor{name, code, country, sector, "PER", {}});
          if (person->first != person->last) surnames[last_name] = id;
          // "Wanda Vázquez Garced", "Andrés Manuel López Obrador": Spanish and Portuguese names
          // carry two surnames, and news calls the person by the first ("Vázquez").
          if (person->last >= person->first + 2 && last_name == a.token_text(person->last)) {
            std::string_view first_surname = a.token_text(person->last - 1);
            if (capitalized(first_surname) && alphabetic(first_surname) &&
                !gz.first_name(first_surname) && !surnames.count(std::string(first_surname)))
              surnames[std::string(first_surname)] = id;
          }
          add_mention(id, span, si, "name");
          // The states and named bodies in a person's description are actors mentioned too:
          // "Amnesty International Hong Kong's director Man-kei Tam" names Amnesty International,
          // "Germany's Chancellor Angela Merkel" Germany, "Alex Lagakos, deputy director of the
          // Greek Energy Forum" the forum.
          for (size_t k = p; k <= apposition_end; ++k) {
            const Piece& x = pieces[k];
            // (A recognized name no table lists counts when its head noun gave it a sector.)
            if (x.kind != Piece::kEntity || (x.ner && x.entry->sector.empty())) continue;
            const GazetteerEntry& e = *x.entry;
            const Span part = span_of(x.first, x.last);
            if (e.type == "GPE") {
              const GazetteerEntry* st = gz.country(e.country);
              add_mention(
                  actor_for("GPE|" + e.country,
                            Actor{st ? st->name : e.country, e.country, e.country, "", "GPE", {}}),
                  part, si, "name");
            } else if (e.type != "CITY" && e.type != "LOC" && !e.code.empty()) {
              std::string org_name = trim_article(text_of(x.first, x.last));
              const bool by_name = e.type == "MED" || e.type == "NGO" || company(e);
              std::string org = by_name ? (e.country.empty() ? e.sector : e.sector) : e.code;
              add_mention(actor_for(by_name ? "ORG|" + utf8::lower(org_name) : e.code,
                                    Actor{org_name, org, e.country, e.sector, e.type, {}}),
                          part, si, "name");
            }
          }
          if (apposition_end != q) {
            add_mention(id, span_of(pieces[q + 1].first, pieces[apposition_end].last), si,
                        "description");
            p = apposition_end + 1;
            continue;
          }
        }
      } else if (has_org) {
        for (size_t k = p; k <= q; ++k) {
          const Piece& x = pieces[k];
          if (x.kind != Piece::kEntity || x.first == x.last || x.entry->type == "GPE" ||
              x.entry->type == "CITY" || x.entry->type == "LOC")
            continue;
          std::string_view head = a.token_text(x.first);
          if (head.size() >= 3 && capitalized(head) && alphabetic(head) &&
              !is_function_word(gz, head) && !gz.find(head) && !gz.demonym(head) &&
              !gz.role(utf8::lower(head)) && !is_org_head(gz, head))
            short_names.try_emplace(std::string(head), x);
          const uint32_t h = name_head(x.first, x.last);
          if (!x.entry->code.empty() && gz.words().back_reference_heads.contains(a.token_text(h)))
            heads_named.insert_or_assign(std::string(a.token_text(h)), x);
        }
        std::string name = trim_article(text_of(f, l));
        // "the Greek gas producer Energean" is named Energean; the words before describe it
        // ("semi-official news agency ISNA" is ISNA).
        if (ner_org && has_role && !ner_name.empty()) name = ner_name;
        if (!ner_org && has_role && pieces[q].kind == Piece::kEntity && pieces[q].first > f &&
            !is_in_list(pieces[q].entry->type, {"GPE", "CITY", "LOC"}))
          name = trim_article(text_of(pieces[q].first, pieces[q].last));
        if (f > first && utf8::lower(a.token_text(f - 1)) == "the")
          span.start = a.tokens[f - 1].span.start;
        // Organisations from the recognizer are one actor per name, whatever code they get.
        std::string key = ner_org ? "ORG|" + utf8::lower(ner_name)
                          : text_coded
                              ? "ORG|" + utf8::lower(coded_name.empty() ? name : coded_name)
                          : org_code.empty() ? "ORG|" + utf8::lower(name)
                                             : org_code;
        // "Belarusian KGB": the nationality before a recognized name gives its state.
        if (ner_org && !country.empty() && !sector.empty() && !org_code.starts_with(country))
          org_code = country + sector;
        // "Cinema for Peace Foundation, a Berlin-based non-profit": a description after a
        // recognized name no table codes gives its state (and its sector, when it has none).
        size_t described_to = q;
        if (ner_org && l + 2 < end && a.token_text(l + 1) == ",") {
          Description d = describe(q + 1, l + 2);
          if (d.found && !d.country.empty() && d.org_code.empty()) {
            country = d.country;
            if (sector.empty()) sector = d.sector;
            org_code = country + sector;
            described_to = d.last_piece;
          }
        }
        const uint32_t org_id = actor_for(key, Actor{name, org_code, country, sector, type, {}});
        add_mention(org_id, span, si, "name");
        if (described_to != q) {
          add_mention(org_id, span_of(pieces[q + 1].first, pieces[described_to].last), si,
                      "description");
          p = described_to + 1;
          continue;
        }
      } else if (!country.empty() && (has_role || (demonym && !place))) {
        if (demonym && !has_role &&
            !(q == p && pieces[p].people)) {  // "Palestinian enclave": an adjective
          p = q + 1;
          continue;
        }
        // A nation's people acting as such ("Palestinians protested", "Britons voted") are its
        // civilians (CAMEO CVL; the news-gold guidelines).
        if (demonym && !has_role && q == p && pieces[p].people) sector = "CVL";
        std::string name = trim_article(text_of(f, l));
        if (f > first && utf8::lower(a.token_text(f - 1)) == "the")
          span.start = a.tokens[f - 1].span.start;
        else
          span.start = a.tokens[with_count(f, first)].span.start;
        std::string key = country + sector + (sector.empty() ? "|" + utf8::lower(name) : "");
        if (described_by > l) span.end = a.tokens[described_by].span.end;
        add_mention(actor_for(key, Actor{name, country + sector, country, sector, "ORG", {}}), span,
                    si, "description");
        // "Israeli and Palestinian negotiators", "Hungarian, Romanian and Polish officials": the
        // nationalities coordinated before it share the role noun; each is a group of its own,
        // its mention the nationality alone (kind "elided").
        if (demonym && has_role && !sector.empty() && pieces[p].kind == Piece::kDemonym)
          for (size_t k = p; k-- > 0;) {
            const Piece& before = pieces[k];
            const uint32_t next_first = pieces[k + 1].first;
            if (before.kind != Piece::kDemonym || before.people || before.last + 2 != next_first ||
                !is_in_list(utf8::lower(a.token_text(before.last + 1)), {"and", "or", ","}))
              break;
            const GazetteerEntry* st = gz.country(before.country);
            const std::string role_name = trim_article(text_of(pieces[q].first, pieces[q].last));
            add_mention(actor_for(before.country + sector,
                                  Actor{(st ? st->name : before.country) + " " + role_name,
                                        before.country + sector,
                                        before.country,
                                        sector,
                                        "ORG",
                                        {}}),
                        span_of(before.first, before.last), si, "elided");
          }
      } else if (has_state && !has_role) {
        const GazetteerEntry* st = gz.country(country);
        add_mention(actor_for("GPE|" + country,
                              Actor{st ? st->name : country, country, country, "", "GPE", {}}),
                    span, si, "name");
      } else if (place && place->entry->capital && q == p) {
        // A capital standing for its government: not after "in"/"at"/..., not a modifier ("Cairo
        // talks").
        bool locative = f > first && is_locative(gz, a.token_text(f - 1));
        // Nor the name of a treaty or meeting: "the Paris Agreement", "the Cairo Conference".
        // "a Kabul car bombing" is a place too: an article before a capital that modifies a noun.
        const std::string before = f > first ? utf8::lower(a.token_text(f - 1)) : "";
        bool modifier =
            (l + 1 < end && !capitalized(a.token_text(l + 1)) && alphabetic(a.token_text(l + 1)) &&
             (before == "the" || before == "a" || before == "an")) ||
            (l + 1 < end && is_org_head(gz, a.token_text(l + 1)));
        if (!locative && !modifier) {
          const std::string& iso = place->entry->country;
          const GazetteerEntry* st = gz.country(iso);
          add_mention(
              actor_for(
                  iso + "GOV",
                  Actor{(st ? st->name : iso) + " government", iso + "GOV", iso, "GOV", "ORG", {}}),
              span, si, "metonym");
        }
      } else if (place && !place->entry->capital && place->entry->type == "LOC" &&
                 place->entry->code.empty() && !place->entry->country.empty() && q == p &&
                 acting_subject(l)) {
        // A region that acts ("California sued the administration", "Ohio filed a lawsuit")
        // stands for its government: a sub-national government is its state's GOV (CAMEO).
        const std::string& iso = place->entry->country;
        add_mention(
            actor_for("REGION|" + utf8::lower(text_of(f, l)),
                      Actor{text_of(f, l) + " government", iso + "GOV", iso, "GOV", "ORG", {}}),
            span, si, "metonym");
      } else if (has_role && !person && !org_code.empty() && !has_org) {
        // A member of an international body: "a UN rapporteur" is coded as the UN.
        if (described_by > l) span.end = a.tokens[described_by].span.end;
        add_mention(actor_for(org_code, Actor{text_of(f, l), org_code, "", sector, "ORG", {}}),
                    span, si, "description");
      } else if (has_role && sector == "MED" && !person && !has_org &&
                 generic_actor_noun(gz, a, f, l)) {
        // "local media", "state media" are the home state's press; "news media", "journalists"
        // the press at large (MED, no state), as the text says of them.
        std::string lowered = utf8::lower(text_of(f, l));
        const bool local =
            !home.empty() && (lowered.starts_with("local ") || lowered.starts_with("state ") ||
                              lowered.starts_with("national "));
        std::string code = local ? home + "MED" : std::string("MED");
        add_mention(
            actor_for(
                code + "|" + (local ? std::string() : lowered),
                Actor{trim_article(text_of(f, l)), code, local ? home : "", "MED", "MED", {}}),
            span, si, "description");
      } else if (has_role && !person && !has_org && sector != "IGO" && sector != "NGO") {
        // Definite descriptions refer back: "the movement" -> the latest armed group. Other
        // generic actors ("police", "protesters", "the court") are the home state's.
        auto it = last_by_sector.find(sector);
        const bool definite = f > first && utf8::lower(a.token_text(f - 1)) == "the" && q == p;
        // "the government" refers back to a body, "the president" to a person or a body.
        const bool body = gz.body_role(utf8::lower(trim_article(text_of(f, l))));
        // ... and a plural ("the protesters") to a group, not to one person.
        const bool plural = plural_word(utf8::lower(a.token_text(l)));
        // "taken to the hospital", "in one hospital": a place, not an actor.
        auto after_locative = [&](uint32_t from) {
          if (from > first &&
              is_in_list(utf8::lower(a.token_text(from - 1)), {"the", "a", "an", "one"}))
            --from;
          return from > first && is_locative(gz, a.token_text(from - 1));
        };
        // "an Interpol spokesperson ... The spokesperson added": the latest earlier mention ending
        // in the same role noun, in this sentence or the two before, is the one meant.
        int same_noun = -1;
        if (definite && !plural) {
          const std::string noun = utf8::lower(a.token_text(l));
          for (auto m = a.mentions.rbegin(); m != a.mentions.rend() && same_noun < 0; ++m) {
            if (m->kind == "pronoun" || m->kind == "nested" || m->sentence + 2 < si ||
                m->span.end > span.start)
              continue;
            const std::string_view written = a.view(m->span);
            const size_t space = written.rfind(' ');
            if (space != std::string_view::npos && utf8::lower(written.substr(space + 1)) == noun)
              same_noun = static_cast<int>(m->actor);
          }
        }
        if (same_noun >= 0) {
          span.start = a.tokens[f - 1].span.start;
          add_mention(static_cast<uint32_t>(same_noun), span, si, "description");
        } else if (definite && it != last_by_sector.end() && it->second >= 0 &&
                   !((body || plural) && a.actors[static_cast<size_t>(it->second)].type == "PER")) {
          span.start = a.tokens[f - 1].span.start;
          add_mention(static_cast<uint32_t>(it->second), span, si, "description");
        } else if (is_in_list(sector, {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "CVL", "REF",
                                       "OPP", "UAF", "HLH"}) &&
                   generic_actor_noun(gz, a, f, l, sector == "COP" && body) &&
                   !(sector == "HLH" && body && after_locative(f))) {
          // "civilians in Gaza", "police in Moscow": a place right after the group is its state.
          std::string state = home;
          if (q + 1 < pieces.size() && l + 2 < end &&
              is_in_list(utf8::lower(a.token_text(l + 1)), {"in", "from"}) &&
              pieces[q + 1].first == l + 2 && pieces[q + 1].kind == Piece::kEntity &&
              !pieces[q + 1].entry->country.empty()) {
            state = pieces[q + 1].entry->country;
            described_by = pieces[q + 1].last;
          }
          if (!state.empty()) {
            span.start = a.tokens[definite ? f - 1 : with_count(f, first)].span.start;
            if (described_by > l) span.end = a.tokens[described_by].span.end;
            const GazetteerEntry* st = gz.country(state);
            std::string name = trim_article(text_of(f, l));
            add_mention(actor_for(state + sector, Actor{(st ? st->name : state) + " " + name,
                                                        state + sector,
                                                        state,
                                                        sector,
                                                        "ORG",
                                                        {}}),
                        span, si, "description");
          }
        }
      } else if (has_role && sector == "NGO" && !home.empty() &&
                 !plural_word(utf8::lower(a.token_text(l))) && generic_actor_noun(gz, a, f, l)) {
        // "an environmental group", "a Berlin non-profit": one unnamed group is the home
        // state's, as unknown named charities are ("rights groups" at large are no state's).
        add_mention(actor_for(home + "NGO|" + utf8::lower(text_of(f, l)),
                              Actor{text_of(f, l), home + "NGO", home, sector, sector, {}}),
                    span, si, "description");
      } else if (has_role && (sector == "IGO" || sector == "NGO")) {
        add_mention(actor_for(sector + "|" + utf8::lower(text_of(f, l)),
                              Actor{text_of(f, l), sector, "", sector, sector, {}}),
                    span, si, "description");
      }
      p = q + 1;
    }
  }

  // "Hatice Cengiz is a Turkish national", "Smith, a British citizen,": what the text says of
  // a person nothing else identifies gives the nationality (and "a Turkish journalist" the
  // sector).
  for (const Mention& m : a.mentions) {
    Actor& person = a.actors[m.actor];
    if (person.type != "PER" || !person.code.empty() || m.kind != "name") continue;
    auto next = std::lower_bound(a.tokens.begin(), a.tokens.end(), m.span.end,
                                 [](const Token& t, uint32_t at) { return t.span.start < at; });
    size_t k = static_cast<size_t>(next - a.tokens.begin());
    if (k + 3 >= a.tokens.size()) continue;
    std::string_view link = a.token_text(static_cast<uint32_t>(k));
    if (link != "is" && link != "was" && link != ",") continue;
    if (!is_in_list(utf8::lower(a.token_text(static_cast<uint32_t>(k + 1))), {"a", "an"})) continue;
    auto iso = gz.demonym(a.token_text(static_cast<uint32_t>(k + 2)));
    if (!iso) continue;
    std::string sector;
    const std::string noun = utf8::lower(a.token_text(static_cast<uint32_t>(k + 3)));
    if (auto role = gz.role(noun))
      sector = *role;
    else if (is_in_list(noun, {"national", "citizen", "resident"}))
      sector = "CVL";  // a private person of that nation
    person.country = *iso, person.sector = sector, person.code = *iso + sector;
  }

  // A person nothing else identifies is presumed a national of the article's state, sector
  // unknown (CAMEO's bare country code, as for "an American"); the registry marks it presumed.
  if (!home.empty())
    for (Actor& actor : a.actors)
      if (actor.type == "PER" && actor.code.empty())
        actor.code = home, actor.country = home, actor.presumed = true;

  // "associates of Navalny", "Navalny's aides", "his lawyers", "members of the House of
  // Commons": people who act for an actor, or belong to it, are an actor of their own with its
  // code (data/words/proxy-nouns.tsv).
  {
    std::vector<int> mention_at(a.words.size(), -1);
    for (size_t m = 0; m < a.mentions.size(); ++m) {
      const Span sp = a.mentions[m].span;
      auto it = std::lower_bound(a.words.begin(), a.words.end(), sp.start,
                                 [](const Word& w, uint32_t at) { return w.span.end <= at; });
      for (; it != a.words.end() && it->span.start < sp.end; ++it)
        mention_at[static_cast<size_t>(it - a.words.begin())] = static_cast<int>(m);
    }
    std::map<std::pair<uint32_t, std::string>, uint32_t> proxies;
    for (uint32_t si = 0; si < a.sentences.size(); ++si) {
      const Sentence& s = a.sentences[si];
      for (uint32_t i = s.first_word; i < s.first_word + s.word_count; ++i) {
        if (mention_at[i] >= 0) continue;
        std::string noun = utf8::lower(a.word_text(i));
        if (!gz.words().proxy_nouns.contains(noun)) continue;
        const uint32_t end = s.first_word + s.word_count;
        int of = -1;
        bool by_pronoun = false;  // the owner is a possessive pronoun's antecedent
        if (i + 2 < end && utf8::lower(a.word_text(i + 1)) == "of") {
          uint32_t j = i + 2;
          if (j + 1 < end && utf8::lower(a.word_text(j)) == "the") ++j;
          of = mention_at[j];
        } else if (i >= s.first_word + 2 &&
                   (a.word_text(i - 1) == "'s" || a.word_text(i - 1) == "\xE2\x80\x99s")) {
          of = mention_at[i - 2];
        } else if (i > s.first_word &&
                   is_in_list(utf8::lower(a.word_text(i - 1)), {"his", "her", "their"})) {
          of = mention_at[i - 1];
          // "his associates": a possessive the pronoun pass left alone is the first person named
          // in this sentence (the subject, mostly), else in the latest sentence that names one.
          if (of < 0 && utf8::lower(a.word_text(i - 1)) != "their") {
            const uint32_t at = a.words[i - 1].span.start;
            int first_named = -1;
            for (size_t m = 0; m < a.mentions.size(); ++m) {
              const Mention& x = a.mentions[m];
              if (x.span.end > at || x.kind == "nested" || a.actors[x.actor].type != "PER")
                continue;
              const Mention* best =
                  first_named < 0 ? nullptr : &a.mentions[static_cast<size_t>(first_named)];
              if (!best || x.sentence > best->sentence ||
                  (x.sentence == best->sentence && x.span.start < best->span.start))
                first_named = static_cast<int>(m);
            }
            of = first_named;
            by_pronoun = true;
          }
        }
        if (of < 0) continue;
        const uint32_t owner = a.mentions[static_cast<size_t>(of)].actor;
        if (a.actors[owner].code.empty()) continue;
        auto [it, fresh] = proxies.try_emplace({owner, noun}, 0u);
        if (fresh) {
          const Actor& x = a.actors[owner];
          // Named as written: "Associates of Navalny", "Navalny's aides"; after a pronoun,
          // "associates of" its antecedent.
          const Span owner_span = a.mentions[static_cast<size_t>(of)].span;
          // "Democratic members of the House": a capitalised adjective before the noun is part
          // of the phrase.
          uint32_t from = i;
          if (i > s.first_word && mention_at[i - 1] < 0 && a.analysis.size() == a.words.size() &&
              a.analysis[i - 1].upos == "ADJ" && capitalized(a.word_text(i - 1)))
            from = i - 1;
          const Span phrase{std::min(owner_span.start, a.words[from].span.start),
                            std::max(owner_span.end, a.words[i].span.end)};
          std::string name = by_pronoun ? noun + " of " + x.name : std::string(a.view(phrase));
          a.actors.push_back(Actor{std::move(name), x.code, x.country, x.sector, "GRP", {}});
          it->second = static_cast<uint32_t>(a.actors.size() - 1);
        }
        add_mention(it->second, a.words[i].span, si, "description");
      }
    }
  }

  // An actor known by several descriptions ("The White House", "Washington", "American
  // officials") is named for what it is: the country's government, military, ...
  static const std::map<std::string, std::string> kSectorNoun = {
      {"GOV", "government"},  {"MIL", "military"},  {"COP", "police"}, {"SPY", "intelligence"},
      {"LEG", "legislature"}, {"JUD", "judiciary"}, {"MED", "media"},  {"REB", "rebels"}};
  for (Actor& actor : a.actors) {
    // Named groups and organisations ("Hamas") keep their own name.
    if (actor.type != "ORG" || actor.country.empty() || actor.code != actor.country + actor.sector)
      continue;
    auto noun = kSectorNoun.find(actor.sector);
    const GazetteerEntry* st = gz.country(actor.country);
    if (noun == kSectorNoun.end() || !st) continue;
    bool varied = false;
    for (uint32_t m : actor.mentions)
      varied |= utf8::lower(a.view(a.mentions[m].span)) !=
                utf8::lower(a.view(a.mentions[actor.mentions[0]].span));
    if (varied) actor.name = st->name + " " + noun->second;
  }

  // A state named inside another actor's name ("the Parliament of the United Kingdom", "United
  // States President Donald Trump") is mentioned too. These nested mentions (kind "nested") list
  // the state among the article's actors; the coders keep reading the words as the outer actor.
  const size_t named_mentions = a.mentions.size();
  for (size_t m = 0; m < named_mentions; ++m) {
    const Mention outer = a.mentions[m];
    if (outer.kind == "pronoun" || a.actors[outer.actor].type == "GPE") continue;
    auto first_token =
        std::lower_bound(a.tokens.begin(), a.tokens.end(), outer.span.start,
                         [](const Token& t, uint32_t at) { return t.span.end <= at; });
    std::vector<uint32_t> inside;
    for (auto it = first_token; it != a.tokens.end() && it->span.end <= outer.span.end; ++it)
      inside.push_back(static_cast<uint32_t>(it - a.tokens.begin()));
    for (size_t i = 0; i < inside.size(); ++i) {
      if (!capitalized(a.token_text(inside[i]))) continue;
      for (size_t len = std::min<size_t>(3, inside.size() - i); len >= 1; --len) {
        if (len == inside.size()) continue;  // the whole mention: not nested
        std::string_view tail = a.token_text(inside[i + len - 1]);
        if (tail.size() == clitic_bytes(tail) && !tail.empty()) continue;  // the clitic alone
        const GazetteerEntry* e = gz.find(text_of(inside[i], inside[i + len - 1]));
        if (!e || e->type != "GPE" || !gz.country(e->country)) continue;
        // A longer place name holds its words: "New Jersey" does not name Jersey.
        auto place = [&](uint32_t from, uint32_t to) {
          const GazetteerEntry* g = gz.find(text_of(from, to));
          return capitalized(a.token_text(from)) && capitalized(a.token_text(to)) && g &&
                 (g->type == "LOC" || g->type == "CITY" || g->type == "GPE");
        };
        if ((i > 0 && place(inside[i - 1], inside[i + len - 1])) ||
            (i + len < inside.size() && place(inside[i], inside[i + len])))
          break;
        Span part{a.tokens[inside[i]].span.start, a.tokens[inside[i + len - 1]].span.end};
        part.end -= static_cast<uint32_t>(clitic_bytes(tail));  // "Niger's"
        bool known = false;
        for (const Mention& other : a.mentions) known |= other.span == part;
        if (!known) {
          const uint32_t state =
              actor_for("GPE|" + e->country,
                        Actor{gz.country(e->country)->name, e->country, e->country, "", "GPE", {}});
          a.mentions.push_back({part, outer.sentence, state, "nested"});
          a.actors[state].mentions.push_back(static_cast<uint32_t>(a.mentions.size() - 1));
        }
        i += len - 1;
        break;
      }
    }
  }
}

}  // namespace parley

#include "parley/actors/gazetteer.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "parley/text/tsv.hpp"
#include "parley/text/utf8.hpp"

namespace parley {

namespace {

std::vector<std::vector<std::string>> read_tsv(const std::string& path, bool header) {
  return text::read_tsv(path, header, "gazetteer");
}

size_t word_count(const std::string& s) {
  size_t n = 1;
  for (char c : s) n += c == ' ';
  return n;
}

}  // namespace

void Gazetteer::add_name(const std::string& name, uint32_t entry, bool override_existing) {
  if (name.size() < 2) return;
  if (override_existing)
    by_name_[name] = entry;
  else
    by_name_.emplace(name, entry);
  const size_t words = word_count(name);
  max_words_ = std::max(max_words_, words);
  size_t& from = by_first_[name.substr(0, name.find(' '))];
  from = std::max(from, words);
}

Gazetteer Gazetteer::load(const std::string& dir) {
  Gazetteer g;
  g.words_ = text::WordLists::load(dir);
  // Cities first, most populous first, so a name means its largest place; states and the
  // hand-written entities then override city names ("Gaza" the territory, not only the city).
  std::unordered_map<std::string, std::vector<std::string>> capitals;  // iso3 -> capital names
  auto countries = read_tsv(dir + "/gazetteer/countries.tsv", true);
  for (const auto& r : countries)
    if (r.size() >= 7)
      for (const auto& c : text::split_fields(r[6], '|')) capitals[r[0]].push_back(c);
  for (const auto& r : read_tsv(dir + "/gazetteer/cities.tsv", true)) {
    if (r.size() < 5) continue;
    GazetteerEntry e;
    e.name = r[0];
    e.type = "CITY";
    e.country = r[1];
    e.lat = std::atof(r[2].c_str());
    e.lon = std::atof(r[3].c_str());
    e.population = std::strtoull(r[4].c_str(), nullptr, 10);
    // "Washington, D.C." and "Washington D.C." are the capital "Washington D.C.", also called
    // plainly "Washington"; a capital outranks its namesakes, however populous.
    auto bare = [](std::string n) {
      n.erase(std::remove(n.begin(), n.end(), ','), n.end());
      return n;
    };
    std::string capital_name;
    for (const auto& cap : capitals[e.country])
      if (bare(cap) == bare(e.name)) e.capital = true, capital_name = cap;
    if (!e.capital && g.by_name_.count(e.name)) continue;  // a smaller namesake
    g.entries_.push_back(e);
    uint32_t id = static_cast<uint32_t>(g.entries_.size() - 1);
    g.add_name(e.name, id, e.capital);
    // News spells transliterated names plainly: without diacritics or the marks for ayn and
    // hamza ("Kandahār" as "Kandahar", "Ta‘izz" as "Taizz"), and without the Arabic article
    // ("Ar Raqqah" as "Raqqah", "Al Fallūjah" as "Fallujah"). Those spellings name the city too,
    // unless another place has them. Large cities only: the plain spellings of small towns are
    // often words or names ("Usman’" in Russia would take "Usman Khan").
    if (e.population >= 100000) {
      std::string plain = utf8::strip_marks(e.name);
      for (std::string_view mark : {"\u2018", "\u2019", "\u02bf", "\u02be", "'"})
        for (size_t at = plain.find(mark); at != std::string::npos; at = plain.find(mark, at))
          plain.erase(at, mark.size());
      if (plain != e.name) g.add_name(plain, id, false);
      for (std::string_view article :
           {"Al ", "Ar ", "As ", "Ash ", "Ad ", "An ", "Az ", "At ", "El "})
        if (plain.size() > article.size() + 3 && plain.starts_with(article))
          g.add_name(plain.substr(article.size()), id, false);
    }
    if (e.capital) {
      g.add_name(capital_name, id, true);
      size_t comma = e.name.find(',');
      if (comma != std::string::npos) g.add_name(e.name.substr(0, comma), id, true);
    }
  }
  // English names of cities listed under local ones ("Geneva" for Genève, "Kiev" for Kyiv): they
  // mean that city, over any smaller namesake.
  if (std::filesystem::exists(dir + "/gazetteer/exonyms.tsv"))
    for (const auto& r : read_tsv(dir + "/gazetteer/exonyms.tsv", false)) {
      if (r.size() < 3) continue;
      auto it = g.by_name_.find(r[1]);
      if (it != g.by_name_.end() && g.entries_[it->second].country == r[2])
        g.add_name(r[0], it->second, true);
    }
  for (const auto& r : countries) {
    if (r.size() < 9) continue;
    GazetteerEntry e;
    e.name = r[2];
    e.type = "GPE";
    e.code = r[0];
    e.country = r[0];
    e.lat = std::atof(r[7].c_str());
    e.lon = std::atof(r[8].c_str());
    g.entries_.push_back(e);
    uint32_t id = static_cast<uint32_t>(g.entries_.size() - 1);
    g.by_country_[r[0]] = id;
    g.add_name(r[2], id, true);
    g.add_name(r[3], id, true);
    for (const auto& alt : text::split_fields(r[4], '|'))
      if (alt.size() > 3 || alt == "US" || alt == "UK") g.add_name(alt, id, true);
    g.add_name("the " + r[2], id, false);
    // "American" is also the demonym of US territories; UN members take precedence.
    bool member = r.size() > 11 && r[11] == "1";
    for (const auto& d : text::split_fields(r[5], '|'))
      if (!d.empty()) {
        if (member)
          g.demonyms_[d] = r[0];
        else
          g.demonyms_.emplace(d, r[0]);
      }
  }
  // Regions: places with a state, never displacing a state's name ("Georgia") or a city's of the
  // same state.
  if (std::filesystem::exists(dir + "/actors/regions.tsv"))
    for (const auto& r : read_tsv(dir + "/actors/regions.tsv", false)) {
      if (r.size() < 2) continue;
      GazetteerEntry e;
      e.name = r[0];
      e.type = "LOC";
      e.country = r[1];
      if (const auto* c = g.country(e.country)) e.lat = c->lat, e.lon = c->lon;
      g.entries_.push_back(e);
      const auto id = static_cast<uint32_t>(g.entries_.size() - 1);
      if (auto it = g.by_name_.find(r[0]); it != g.by_name_.end()) {
        const GazetteerEntry& taken = g.entries_[it->second];
        if (taken.type == "GPE") g.clashing_regions_.emplace(r[0], id);
        // ... but a region outranks a town of another state ("Colorado" is the US state, not
        // the Brazilian town; "Virginia" not the South African one).
        if (taken.type == "CITY" && taken.country != e.country) g.add_name(e.name, id, true);
        continue;
      }
      g.add_name(e.name, id, false);
    }
  for (const auto& r : read_tsv(dir + "/actors/state-names.tsv", false)) {
    auto it = r.size() >= 2 ? g.by_country_.find(r[1]) : g.by_country_.end();
    if (it != g.by_country_.end()) g.add_name(r[0], it->second, true);
  }
  if (std::filesystem::exists(dir + "/actors/demonyms.tsv"))
    for (const auto& r : read_tsv(dir + "/actors/demonyms.tsv", false))
      if (r.size() >= 2 && g.by_country_.count(r[1])) g.demonyms_.emplace(r[0], r[1]);
  for (const auto& r : read_tsv(dir + "/actors/roles.tsv", false)) {
    if (r.size() < 2) continue;
    const bool qualified = r.size() >= 3 && r[2] == "qualified";
    for (const auto& phrase : text::split_fields(r[0], '|')) {
      (qualified ? g.qualified_roles_ : g.roles_).emplace(phrase, r[1]);
      if (r.size() >= 3 && r[2] == "body") g.body_roles_.insert(phrase);
    }
  }
  // Agent nouns generated from the Phoenix agents: the hand-written roles above win.
  if (const std::string agents = dir + "/actors/kb/agents.tsv"; std::filesystem::exists(agents))
    for (const auto& r : read_tsv(agents, false))
      if (r.size() >= 2 && !g.roles_.count(r[0])) g.qualified_roles_.emplace(r[0], r[1]);
  // The knowledge base's organisations (data/actors/kb/: generated from the Phoenix
  // dictionaries, then Parley's own institutions table, which wins): "names<TAB>code<TAB>type".
  // Generated names never displace a state, city or earlier name; the hand-written table does.
  for (const char* file : {"organisations.tsv", "institutions.tsv"}) {
    const std::string path = dir + "/actors/kb/" + file;
    if (!std::filesystem::exists(path)) continue;
    const bool curated = std::string_view(file) == "institutions.tsv";
    for (const auto& r : read_tsv(path, false)) {
      if (r.size() < 3 || r[1].empty()) continue;
      auto names = text::split_fields(r[0], '|');
      GazetteerEntry e;
      e.name = names[0];
      e.code = r[1];
      if (e.code.find('@') != std::string::npos) {
        // Dated codes, as in people.tsv: the entry's own code is the one in force last.
        struct {
          std::vector<DatedCode> dated;
        } roles;
        for (const auto& role : text::split_fields(e.code, ';')) {
          const size_t at = role.find('@');
          if (at == std::string::npos) continue;
          const size_t dash = role.find('-', at);
          DatedCode d;
          d.code = role.substr(0, at);
          const std::string from =
              role.substr(at + 1, dash == std::string::npos ? std::string::npos : dash - at - 1);
          const std::string to = dash == std::string::npos ? "" : role.substr(dash + 1);
          if (!from.empty()) d.from = ActorDictionary::parse_date(from);
          if (!to.empty()) d.to = ActorDictionary::parse_date(to);
          roles.dated.push_back(std::move(d));
        }
        if (roles.dated.empty()) continue;
        // Undated: the latest (the open role that began last, not the catch-all "@-").
        const DatedCode* latest = &roles.dated[0];
        for (const DatedCode& d : roles.dated)
          if (d.to > latest->to || (d.to == latest->to && d.from > latest->from)) latest = &d;
        e.code = latest->code;
        e.dated = std::move(roles.dated);
      }
      if (e.code.size() >= 3 && g.by_country_.count(e.code.substr(0, 3))) {
        e.country = e.code.substr(0, 3);
        if (e.code.size() >= 6) e.sector = e.code.substr(3, 3);
      } else {
        e.sector = e.code.substr(0, 3);
      }
      const std::string& type = r[2];
      e.type = type == "IGO" || type == "NGO" || type == "MED" || type == "GRP" ? type : "ORG";
      g.entries_.push_back(e);
      const uint32_t id = static_cast<uint32_t>(g.entries_.size() - 1);
      for (const auto& n : names) {
        // Generated tables list offices as if they were bodies ("US President"): a name ending
        // in a person's role is a title, read from context (state + role), not an organisation.
        if (!curated) {
          std::string lower = n;
          for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          bool office =
              false;  // the last one to three words are a person's role ("secretary of state")
          size_t cut = lower.size();
          for (int words = 0; words < 3 && cut != std::string::npos && !office; ++words) {
            cut = cut == 0 ? std::string::npos : lower.rfind(' ', cut - 1);
            std::string tail = lower.substr(cut == std::string::npos ? 0 : cut + 1);
            office = g.roles_.count(tail) && !g.body_roles_.count(tail);
          }
          if (office) continue;
        }
        g.add_name(n, id, curated);
      }
    }
  }
  for (const auto& r : read_tsv(dir + "/actors/entities.tsv", false)) {
    if (r.size() < 5) continue;
    auto names = text::split_fields(r[0], '|');
    GazetteerEntry e;
    e.name = names[0];
    e.type = r[1];
    e.code = r[2];
    e.country = r[3];
    e.sector = r[4];
    if (const auto* c = g.country(e.country); c && e.type == "LOC") e.lat = c->lat, e.lon = c->lon;
    g.entries_.push_back(e);
    for (const auto& n : names) g.add_name(n, static_cast<uint32_t>(g.entries_.size() - 1), true);
  }
  if (std::ifstream names(dir + "/names/first-names.txt"); names) {
    for (std::string line; std::getline(names, line);)
      if (!line.empty() && line[0] != '#') g.first_names_.insert(line);
  }
  g.build_filter();
  return g;
}

void Gazetteer::build_filter() {
  // About 16 bits per key: one probe in ten of a missing key gets past the filter.
  size_t bits = 1 << 16;
  while (bits < (by_name_.size() + roles_.size() + demonyms_.size()) * 16) bits <<= 1;
  filter_.assign(bits / 64, 0);
  auto add = [&](std::string_view s) {
    const size_t b = filter_bit(s);
    filter_[b / 64] |= uint64_t{1} << (b % 64);
  };
  for (const auto& [k, v] : by_name_) add(k);
  for (const auto& [k, v] : roles_) add(k);
  for (const auto& [k, v] : demonyms_) add(k);
}

const GazetteerEntry* Gazetteer::find(std::string_view name) const {
  if (!may_hold(name)) return nullptr;
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &entries_[it->second];
}

const GazetteerEntry* Gazetteer::region_named_like_a_state(std::string_view name) const {
  auto it = clashing_regions_.find(name);
  return it == clashing_regions_.end() ? nullptr : &entries_[it->second];
}

const GazetteerEntry* Gazetteer::country(std::string_view iso3) const {
  auto it = by_country_.find(iso3);
  return it == by_country_.end() ? nullptr : &entries_[it->second];
}

std::optional<std::string> Gazetteer::demonym(std::string_view word) const {
  if (!may_hold(word)) return std::nullopt;
  auto it = demonyms_.find(word);
  if (it == demonyms_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Gazetteer::qualified_role(std::string_view phrase) const {
  auto it = qualified_roles_.find(phrase);
  if (it == qualified_roles_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Gazetteer::role(std::string_view phrase) const {
  if (!may_hold(phrase)) return std::nullopt;
  auto it = roles_.find(phrase);
  if (it == roles_.end()) return std::nullopt;
  return it->second;
}

}  // namespace parley

// PETRARCH/TABARI actor and agent dictionaries, and Parley's people TSV: reading, then matching
// the file's own words against what was read.
#include <vector>

#include "fuzz_support.hpp"
#include "parley/actors/actor_dictionary.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  bool tabari = size > 0 && (data[0] & 1);
  parley::ActorDictionary d;
  d.add_text(text, "fuzz", tabari);
  d.add_people_tsv(text, "fuzz.tsv");
  std::vector<std::string> words;
  for (size_t i = 0; i < text.size() && words.size() < 64;) {
    size_t e = text.find_first_of(" \t\r\n_[]", i);
    if (e == std::string_view::npos) e = text.size();
    if (e > i) words.emplace_back(text.substr(i, e - i));
    i = e + 1;
  }
  for (size_t k = 0; k < words.size(); ++k) {
    std::vector<std::string> rest(words.begin() + static_cast<long>(k), words.end());
    if (auto m = d.match_actor(rest, 20240101)) parley::fuzz::require(m->length <= rest.size());
    if (auto m = d.match_agent(rest)) parley::fuzz::require(m->length <= rest.size());
  }
  parley::ActorDictionary::parse_date(text.substr(0, 32));
  return 0;
}

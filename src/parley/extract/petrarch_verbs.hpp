// Reads PETRARCH-1/2 verb dictionaries (PETR.Validate.verbs.txt, CAMEO.2.0.txt) and TABARI .verbs
// files into a Parley Lexicon, so users can load the dictionaries they already maintain.
//
// What converts: verb blocks (`--- NAME [CODE] ---` in PETRARCH; one `VERB [CODE]` line per block
// in TABARI) and their member verbs (the lemma; `{...}` inflections are read and counted, Parley
// matches lemmas), multi-word verbs (`+CORDON_OFF` -> `cordon prt=off`), synsets (`&NAME`
// expanded into lists of phrases, with regular plurals; synsets may hold synsets), and patterns
// `- PRE * POST [CODE]`, read in word order as TABARI does: words before the verb become `pre=`
// (in order; `NOT_*` right before it), words after it `post=` (in order, in the verb's clause),
// `_`-joined words and synset phrases consecutive words, `(PREP NOUN)` groups and `PREP NOUN`
// `obl:prep=noun`, `$`/`+` the source/target (after the verb: the following constraint or the
// object; before it: the actor right before the next word), `%` before the verb a compound
// subject (`joint`), `*_PRT` a particle.
// What does not (counted per reason in PetrarchReadStats): codes that are not CAMEO digits
// ("075A"), verb-verb chains inside the pattern ("*_AND_KILLED"), `%` after the verb without a
// preposition, PETRARCH-2 transformation lines (`~`).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "parley/extract/lexicon.hpp"

namespace parley::extract {

struct PetrarchReadStats {
  size_t blocks = 0;              // verb blocks
  size_t verbs = 0;               // verbs (lemmas) read
  size_t forms = 0;               // irregular forms listed in {...}
  size_t synsets = 0;             // &SYNSETS defined
  size_t patterns_read = 0;       // "- ... [code]" lines
  size_t patterns_converted = 0;  // Lexicon patterns added from them (one per verb of the block)
  size_t patterns_skipped = 0;    // pattern lines that could not be converted
  size_t verb_codes = 0;          // bare-verb codes added
  std::map<std::string, size_t> skipped_by_reason;
  std::vector<std::string> problems;  // "path:line: message" for malformed lines (first 50)
  size_t lines_with_problems = 0;     // lines malformed or with a pattern not converted
};

// Throws std::runtime_error when the file cannot be opened, is binary (NUL bytes) or holds no
// verb; malformed lines are skipped and listed in stats->problems with file and line.
Lexicon read_petrarch_verbs(const std::string& path, PetrarchReadStats* stats = nullptr);

}  // namespace parley::extract

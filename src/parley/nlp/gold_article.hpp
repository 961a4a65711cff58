// Turns gold CoNLL-U sentences into an Article with gold tokens, words and sentences, so the
// tagger and parser can be trained, scored and benchmarked on gold tokenization.
#pragma once

#include <vector>

#include "parley/doc/document.hpp"
#include "parley/text/conllu.hpp"

namespace parley::nlp {

// Text is rebuilt as conllu::rebuild_text does; words of a multi-word token get the token's
// span split into their forms when these spell it, else evenly. With `with_analysis`,
// `analysis` receives the gold columns.
Article gold_article(const std::vector<conllu::Sentence>& sentences, bool with_analysis);

}  // namespace parley::nlp

// JSON output of analysed articles (one object per line). Offsets are byte offsets into the
// article's "text", which is included so every span can be checked against its evidence.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "parley/doc/document.hpp"

namespace parley::json {

// Appends `s` as a JSON string literal (quoted, escaped; input must be valid UTF-8).
void append_string(std::string& out, std::string_view s);

// {"id", "title", "date", "url", "source", "path", "text", "sentences": [{"start", "end",
// "tokens": [{"text", "norm"?, "start", "end", "words"?: [...]}]}]}; "norm" is the normalised
// form (NFC, ASCII quotes and dashes) when it differs; words appear for multi-word tokens,
// and linguistic fields (upos, lemma, head, deprel...) once the nlp stage has run.
void write_article(std::ostream& out, const Article& article);

}  // namespace parley::json

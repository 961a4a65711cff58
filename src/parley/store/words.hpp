// The words full-text search indexes and looks for, split and folded by Parley itself the way
// SQLite's FTS5 `unicode61 remove_diacritics 2` tokenizer does: runs of letters, digits and
// marks; lower-cased; accents stripped. PostgreSQL stores them as a ready-made tsvector (schema
// version 4), so the server never runs its own text parser while a batch is being stored (that
// parser was a third of the time PostgreSQL took to store the samples), and both back ends find
// the same words for the same query.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace parley::store {

// The distinct search words of `text`, sorted. Invalid UTF-8 bytes separate words. Words longer
// than PostgreSQL's limit for a lexeme (2,047 bytes) are left out.
std::vector<std::string> search_words(std::string_view text);

// A tsvector literal holding `text`'s search words (no positions: queries AND whole words).
// Bounded below PostgreSQL's 1 MB limit on a tsvector: the words past it are dropped.
std::string tsvector_literal(std::string_view text);

// The same search vector in PostgreSQL's binary form (tsvectorsend's: the number of words,
// then each word NUL-terminated with no positions), for a binary COPY: the server then neither
// parses nor sorts it (~20% of its time for the samples' search rows).
std::string tsvector_binary(std::string_view text);

// A tsquery literal ANDing the search words of a user's query ('a' & 'b'); empty when the query
// has no word (then it matches nothing).
std::string tsquery_literal(std::string_view query);

}  // namespace parley::store

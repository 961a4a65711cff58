// The schema, as a list of versioned migrations. A database records its version in
// parley_meta; opening it read-write runs the missing migrations in one transaction each, so an
// interrupted upgrade leaves the previous version intact. A database of a newer version is
// refused rather than misread.
#include "parley/store/schema.hpp"

#include <sstream>

namespace parley::store {

namespace {

// Version 1: everything `parley code` produces, with byte offsets into articles.text.
// Keys are natural (the article's content hash plus the record's index in the article; an
// event's id is that of its first mention), so a re-run after a crash writes exactly the rows a
// clean run would have written, on either back end.
const char* kV1 = R"SQL(
CREATE TABLE parley_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs (
  id BIGINT PRIMARY KEY, started TEXT NOT NULL, parley_version TEXT NOT NULL,
  models TEXT NOT NULL, lexicon TEXT NOT NULL, options TEXT NOT NULL);
CREATE TABLE articles (
  id TEXT PRIMARY KEY, run_id BIGINT NOT NULL, title TEXT NOT NULL, date TEXT NOT NULL,
  day BIGINT, source TEXT NOT NULL, url TEXT NOT NULL, path TEXT NOT NULL, text TEXT NOT NULL,
  bytes BIGINT NOT NULL, story_id TEXT NOT NULL);
CREATE INDEX articles_day ON articles (day);
CREATE INDEX articles_source ON articles (source);
CREATE INDEX articles_story ON articles (story_id);
CREATE TABLE actors (
  article_id TEXT NOT NULL, idx INTEGER NOT NULL, name TEXT NOT NULL, code TEXT NOT NULL,
  country TEXT NOT NULL, sector TEXT NOT NULL, type TEXT NOT NULL, presumed INTEGER NOT NULL,
  PRIMARY KEY (article_id, idx));
CREATE INDEX actors_code ON actors (code);
CREATE TABLE actor_mentions (
  article_id TEXT NOT NULL, idx INTEGER NOT NULL, actor_idx INTEGER NOT NULL,
  sentence INTEGER NOT NULL, kind TEXT NOT NULL, start_byte BIGINT NOT NULL,
  end_byte BIGINT NOT NULL, PRIMARY KEY (article_id, idx));
CREATE TABLE events (
  id TEXT PRIMARY KEY, date TEXT NOT NULL, day BIGINT,
  source_code TEXT NOT NULL, source_name TEXT NOT NULL, source_country TEXT NOT NULL,
  target_code TEXT NOT NULL, target_name TEXT NOT NULL, target_country TEXT NOT NULL,
  cameo TEXT NOT NULL, root TEXT NOT NULL, cameo_name TEXT NOT NULL, quad_class INTEGER NOT NULL,
  goldstein DOUBLE PRECISION NOT NULL, plover_type TEXT NOT NULL, plover_mode TEXT NOT NULL,
  plover_context TEXT NOT NULL, negated INTEGER NOT NULL, modality TEXT NOT NULL,
  place_name TEXT NOT NULL, place_country TEXT NOT NULL, lat DOUBLE PRECISION,
  lon DOUBLE PRECISION, num_mentions INTEGER NOT NULL, num_sources INTEGER NOT NULL,
  num_articles INTEGER NOT NULL, first_article TEXT NOT NULL);
CREATE INDEX events_day ON events (day);
CREATE INDEX events_merge ON events (cameo, source_code, target_code, day);
CREATE INDEX events_source ON events (source_code, day);
CREATE INDEX events_target ON events (target_code, day);
CREATE INDEX events_root ON events (root, day);
CREATE TABLE event_mentions (
  article_id TEXT NOT NULL, idx INTEGER NOT NULL, mention INTEGER NOT NULL,
  event_id TEXT NOT NULL, sentence INTEGER NOT NULL, source_actor INTEGER NOT NULL,
  target_actor INTEGER NOT NULL, trigger_start BIGINT NOT NULL, trigger_end BIGINT NOT NULL,
  evidence_start BIGINT NOT NULL, evidence_end BIGINT NOT NULL, trigger_text TEXT NOT NULL,
  evidence_text TEXT NOT NULL, outlet TEXT NOT NULL, date TEXT NOT NULL,
  confidence INTEGER NOT NULL, reported_by INTEGER NOT NULL, pattern TEXT NOT NULL,
  PRIMARY KEY (article_id, idx, mention));
CREATE INDEX event_mentions_event ON event_mentions (event_id);
CREATE TABLE quotes (
  article_id TEXT NOT NULL, idx INTEGER NOT NULL, sentence INTEGER NOT NULL,
  start_byte BIGINT NOT NULL, end_byte BIGINT NOT NULL, speaker_actor INTEGER NOT NULL,
  speaker_code TEXT NOT NULL, speaker_name TEXT NOT NULL, speaker_start BIGINT NOT NULL,
  speaker_end BIGINT NOT NULL, cue_start BIGINT NOT NULL, cue_end BIGINT NOT NULL,
  cue_lemma TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
  PRIMARY KEY (article_id, idx));
CREATE INDEX quotes_speaker ON quotes (speaker_code);
CREATE TABLE claims (
  article_id TEXT NOT NULL, idx INTEGER NOT NULL, sentence INTEGER NOT NULL,
  source_actor INTEGER NOT NULL, source_code TEXT NOT NULL, source_name TEXT NOT NULL,
  topic TEXT NOT NULL, topic_key TEXT NOT NULL, affirmed INTEGER NOT NULL,
  certainty TEXT NOT NULL, evidence_start BIGINT NOT NULL, evidence_end BIGINT NOT NULL,
  evidence_text TEXT NOT NULL, quote INTEGER NOT NULL, PRIMARY KEY (article_id, idx));
CREATE TABLE positions (
  article_id TEXT NOT NULL, idx INTEGER NOT NULL, sentence INTEGER NOT NULL,
  actor INTEGER NOT NULL, actor_code TEXT NOT NULL, actor_name TEXT NOT NULL,
  issue TEXT NOT NULL, issue_key TEXT NOT NULL, stance TEXT NOT NULL,
  evidence_start BIGINT NOT NULL, evidence_end BIGINT NOT NULL, evidence_text TEXT NOT NULL,
  PRIMARY KEY (article_id, idx));
CREATE INDEX positions_issue ON positions (issue_key);
CREATE TABLE divergences (
  article_id TEXT NOT NULL, idx INTEGER NOT NULL, topic TEXT NOT NULL, kind TEXT NOT NULL,
  PRIMARY KEY (article_id, idx));
CREATE TABLE divergence_sides (
  article_id TEXT NOT NULL, divergence INTEGER NOT NULL, idx INTEGER NOT NULL,
  actor INTEGER NOT NULL, actor_code TEXT NOT NULL, value TEXT NOT NULL,
  evidence_start BIGINT NOT NULL, evidence_end BIGINT NOT NULL, evidence_text TEXT NOT NULL,
  PRIMARY KEY (article_id, divergence, idx));
)SQL";

// Version 2: near-duplicate detection. Each article's MinHash signature and its LSH band
// hashes; articles.story_id links near-duplicates to the first article of their story. The
// migration computes both for the articles a version-1 store already holds (store.cpp).
const char* kV2 = R"SQL(
CREATE TABLE article_minhash (article_id TEXT PRIMARY KEY, signature TEXT NOT NULL);
CREATE TABLE article_bands (
  band INTEGER NOT NULL, hash BIGINT NOT NULL, article_id TEXT NOT NULL,
  PRIMARY KEY (band, hash, article_id));
)SQL";

// Version 3: the three event indexes an aggregate starts from (by day, by source code, by target
// code) carry every column the timeline and the network read, so a filtered timeline is a scan
// of index ranges and never visits the table: on SQLite the table lookups cost about 5 us a row
// (37k rows for three actor codes over a year of a 1M-event store: 250-350 ms before, see README
// "Store and query").
const char* kV3 = R"SQL(
DROP INDEX events_day;
DROP INDEX events_source;
DROP INDEX events_target;
CREATE INDEX events_day ON events (
  day, quad_class, root, source_code, target_code, goldstein, num_mentions);
CREATE INDEX events_source ON events (
  source_code, day, target_code, quad_class, root, goldstein, num_mentions);
CREATE INDEX events_target ON events (
  target_code, day, source_code, quad_class, root, goldstein, num_mentions);
)SQL";

// Version 4 (PostgreSQL; nothing changes on SQLite): the full-text table holds the search words
// the store computes (words.hpp) as a plain tsvector column instead of a column generated by
// `to_tsvector('english', body)`. Running the server's text parser inside every batch's
// transaction was about a third of PostgreSQL's storing time, and the English stemming made
// PostgreSQL find other words than SQLite's FTS5 for the same query. The old table is renamed;
// the migration (store.cpp) fills the new one from its bodies, drops it and then builds the
// index in one pass. The body is not kept: queries read articles.text and quotes.text.
const char* kV4Postgres = R"SQL(
DROP INDEX fts_tsv;
ALTER TABLE fts RENAME TO fts_v3;
CREATE TABLE fts (kind TEXT NOT NULL, ref TEXT NOT NULL, tsv tsvector NOT NULL);
)SQL";

// Version 5: fewer rows per article, since the server's (and SQLite's) work per row and per
// index entry is what storing costs once round trips are gone (README "Store and query").
// An article's actor mentions (about 40 of them, over a third of a batch's rows) are one value
// on the article's row, in mention order: `mentions` holds them as a JSON array of [actor,
// sentence, kind, start_byte, end_byte] and `mention_count` their number. The only readers are
// the article view (every mention of one article) and the counts, so nothing is lost. The
// migration (store.cpp) packs the stored mentions, then drops the table.
const char* kV5 = R"SQL(
ALTER TABLE articles ADD COLUMN mention_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN mentions TEXT NOT NULL DEFAULT '';
)SQL";

}  // namespace

std::vector<std::string> split_sql(const std::string& script) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(script);
  std::string line;
  while (std::getline(in, line)) {
    cur += line + '\n';
    if (!line.empty() && line.back() == ';') {
      cur.pop_back();
      cur.pop_back();
      out.push_back(cur);
      cur.clear();
    }
  }
  bool blank = cur.find_first_not_of(" \n") == std::string::npos;
  if (!blank) out.push_back(cur);
  return out;
}

std::vector<std::string> migration_sql(int version, const Backend& backend) {
  std::vector<std::string> out;
  if (version == 1) {
    out = split_sql(kV1);
    for (const std::string& s : split_sql(backend.fts_ddl() + ";")) out.push_back(s);
    // fts_ddl may hold two statements separated by ";\n".
  } else if (version == 2) {
    out = split_sql(kV2);
  } else if (version == 3) {
    out = split_sql(kV3);
  } else if (version == 4) {
    if (backend.name() == "postgresql") out = split_sql(kV4Postgres);
  } else if (version == 5) {
    out = split_sql(kV5);
  }
  return out;
}

}  // namespace parley::store

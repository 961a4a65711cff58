// The store on both back ends (SQLite; PostgreSQL when scripts/test.sh started one): ingest,
// re-ingest, event merging with GDELT's counts, near-duplicate stories, every filter, the
// aggregates, and bad databases (not Parley's, newer, locked, full, migrated).
#include "parley/store/store.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <tuple>

#include "parley/parley.hpp"
#include "parley/store/backend.hpp"
#include "parley/store/formats.hpp"
#include "parley/store/schema.hpp"
#include "parley/store/words.hpp"
#include "store_test_support.hpp"

namespace parley::store {
namespace {

using nlohmann::json;
using test::TestDb;

// A hand-made article: `text`, with one actor per code (mentioned at the code's first
// occurrence in the text when there is one) and events given as (source, target, cameo, date,
// place, trigger word).
struct EventSpec {
  EventSpec(std::string s, std::string t, std::string c, std::string d, std::string p,
            std::string trig, bool neg = false, std::string mod = "")
      : source(std::move(s)),
        target(std::move(t)),
        cameo(std::move(c)),
        date(std::move(d)),
        place(std::move(p)),
        trigger(std::move(trig)),
        negated(neg),
        modality(std::move(mod)) {}
  std::string source, target, cameo, date, place;
  std::string trigger;
  bool negated = false;
  std::string modality;
};

Article make_article(const std::string& text, const std::string& source, const std::string& date,
                     const std::vector<EventSpec>& events) {
  Article a;
  a.text = text;
  a.id = content_id(text);
  a.source = source;
  a.date = date;
  a.title = text.substr(0, std::min<size_t>(text.size(), 30));
  a.origin.path = "mem";
  auto actor = [&](const std::string& code, const std::string& name) -> int32_t {
    if (code.empty()) return -1;
    for (size_t i = 0; i < a.actors.size(); ++i)
      if (a.actors[i].code == code) return static_cast<int32_t>(i);
    Actor x;
    x.code = code;
    x.name = name;
    x.country = code.substr(0, 3);
    x.sector = code.size() > 3 ? code.substr(3) : "";
    x.type = "ORG";
    size_t at = text.find(name);
    if (at != std::string::npos) {
      Mention m;
      m.span = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + name.size())};
      m.actor = static_cast<uint32_t>(a.actors.size());
      m.kind = "name";
      x.mentions.push_back(static_cast<uint32_t>(a.mentions.size()));
      a.mentions.push_back(m);
    }
    a.actors.push_back(x);
    return static_cast<int32_t>(a.actors.size() - 1);
  };
  for (const EventSpec& s : events) {
    Event e;
    e.source_actor = actor(s.source, s.source + " people");
    e.target_actor = actor(s.target, s.target + " people");
    e.source_code = s.source;
    e.target_code = s.target;
    e.cameo = s.cameo;
    e.date = s.date;
    e.negated = s.negated;
    e.modality = s.modality;
    size_t at = text.find(s.trigger);
    if (at == std::string::npos) at = 0;
    e.trigger = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + s.trigger.size())};
    e.evidence = {0, static_cast<uint32_t>(text.size())};
    e.location.name = s.place;
    e.location.country = s.place.empty() ? "" : "PSE";
    if (s.place == "Gaza")
      e.location.lat = 31.5, e.location.lon = 34.47, e.location.has_coordinates = true;
    a.events.push_back(e);
  }
  return a;
}

std::string filler(int seed, int words) {
  static const char* vocab[] = {"talks",     "ceasefire", "border",   "envoy",     "minister",
                                "troops",    "aid",       "crossing", "statement", "officials",
                                "agreement", "city",      "north",    "south",     "council",
                                "meeting",   "weapons",   "convoy"};
  std::string out;
  uint64_t x = 0x9e3779b97f4a7c15ULL * static_cast<uint64_t>(seed + 1);
  for (int i = 0; i < words; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    out += std::string(i ? " " : "") + vocab[x % 18];
  }
  return out + ".";
}

class StoreTest : public ::testing::TestWithParam<std::string> {};

std::vector<const Article*> ptrs(const std::vector<Article>& v) {
  std::vector<const Article*> out;
  for (const Article& a : v) out.push_back(&a);
  return out;
}

// Three outlets report one strike (dates within a day of each other); one reports another act.
std::vector<Article> strike_corpus() {
  std::vector<Article> v;
  v.push_back(make_article("ISR people struck PSE people in Gaza. " + filler(1, 60), "Reuters",
                           "2024-05-06",
                           {{"ISR", "PSE", "190", "2024-05-06", "Gaza", "struck"},
                            {"PSE", "ISR", "112", "2024-05-06", "", "accused"}}));
  v.push_back(make_article("Overnight ISR people bombed PSE people in Gaza. " + filler(2, 60), "AP",
                           "2024-05-07", {{"ISR", "PSE", "190", "2024-05-07", "Gaza", "bombed"}}));
  v.push_back(make_article("Again ISR people hit PSE people in Gaza. " + filler(3, 60), "AP",
                           "2024-05-05", {{"ISR", "PSE", "190", "2024-05-05", "Gaza", "hit"}}));
  // Two days later than the first: another strike.
  v.push_back(make_article("Later ISR people struck PSE people in Gaza. " + filler(4, 60), "BBC",
                           "2024-05-09", {{"ISR", "PSE", "190", "2024-05-09", "Gaza", "struck"}}));
  // Egypt and Qatar mediate; one negated, one modal.
  v.push_back(make_article("EGYGOV people met QAT people in Cairo. " + filler(5, 60), "Ahram",
                           "2024-05-20",
                           {{"EGYGOV", "QAT", "040", "2024-05-20", "Cairo", "met"},
                            {"USAGOV", "ISRGOV", "036", "2024-05-20", "", "wants", false, "will"},
                            {"ISRGOV", "PSE", "046", "2024-05-20", "", "negotiate", true, ""}}));
  return v;
}

TEST_P(StoreTest, IngestMergesEventsWithGdeltCounts) {
  PARLEY_REQUIRE_DB(db);
  Store st = Store::open(db.url(), Mode::ReadWrite);
  EXPECT_EQ(st.version(), Store::schema_version());
  int64_t run = st.begin_run({"0.1.0", "models #1", "data #2", ""});
  std::vector<Article> corpus = strike_corpus();
  IngestStats s = st.store_batch(ptrs(corpus), run);
  EXPECT_EQ(s.stored, 5u);
  EXPECT_EQ(s.events, 8u);
  EXPECT_EQ(s.merged, 2u);  // the 05-07 and 05-05 strikes join the 05-06 one

  Filter f;
  f.cameo_codes = {"190"};
  json ev = st.events(f);
  ASSERT_EQ(ev.size(), 2u);
  // Ordered by date: the merged strike (first reported 2024-05-06), then the 05-09 one.
  EXPECT_EQ(ev[0]["date"], "2024-05-06");
  EXPECT_EQ(ev[0]["num_mentions"], 3);
  EXPECT_EQ(ev[0]["num_articles"], 3);
  EXPECT_EQ(ev[0]["num_sources"], 2);  // Reuters and AP
  EXPECT_EQ(ev[0]["id"], corpus[0].id + "-e1");
  EXPECT_EQ(ev[0]["goldstein"], -10.0);
  EXPECT_EQ(ev[0]["quad_class"], 4);
  ASSERT_EQ(ev[0]["mentions"].size(), 3u);
  for (const json& m : ev[0]["mentions"]) {
    // Offsets point at the trigger in the stored text of that article.
    auto art = st.article(m["article_id"]);
    ASSERT_TRUE(art);
    std::string text = (*art)["text"];
    EXPECT_EQ(text.substr(m["trigger_start"].get<size_t>(),
                          m["trigger_end"].get<size_t>() - m["trigger_start"].get<size_t>()),
              m["trigger_text"].get<std::string>());
  }
  EXPECT_EQ(ev[1]["date"], "2024-05-09");
  EXPECT_EQ(ev[1]["num_mentions"], 1);

  // Re-ingesting is a no-op.
  json before = st.stats();
  IngestStats again = st.store_batch(ptrs(corpus), run);
  EXPECT_EQ(again.stored, 0u);
  EXPECT_EQ(again.duplicates, 5u);
  EXPECT_EQ(st.stats(), before);
}

TEST_P(StoreTest, EveryFilter) {
  PARLEY_REQUIRE_DB(db);
  Store st = Store::open(db.url(), Mode::ReadWrite);
  std::vector<Article> corpus = strike_corpus();
  st.store_batch(ptrs(corpus), st.begin_run({}));
  auto count = [&](const Filter& f) { return st.events(f).size(); };
  Filter f;
  EXPECT_EQ(count(f), 6u);
  f.actor_codes = {"ISRGOV"};
  EXPECT_EQ(count(f), 2u);  // source of one, target of another
  f = {};
  f.actor_prefixes = {"ISR"};
  EXPECT_EQ(count(f), 5u);
  f = {};
  f.actor_name = "egygov PEOPLE";
  EXPECT_EQ(count(f), 1u);
  f = {};
  f.countries = {"QAT"};
  EXPECT_EQ(count(f), 1u);
  f = {};
  f.cameo_roots = {"19"};
  EXPECT_EQ(count(f), 2u);
  f = {};
  f.quad_classes = {1};
  EXPECT_EQ(count(f), 3u);  // 040, 036, 046
  f = {};
  f.plover_types = {"ASSAULT", "AID"};
  size_t plover = count(f);
  EXPECT_GE(plover, 0u);
  f = {};
  f.date_from = "2024-05-07";
  f.date_to = "2024-05-10";
  EXPECT_EQ(count(f), 1u);  // the merged strike is dated 05-06
  f = {};
  f.place = "gaza";
  EXPECT_EQ(count(f), 2u);
  f = {};
  f.outlets = {"BBC"};
  EXPECT_EQ(count(f), 1u);
  f.outlets = {"AP"};
  EXPECT_EQ(count(f), 1u);  // the merged strike, through its AP mentions
  f = {};
  f.text = "Overnight";
  EXPECT_EQ(count(f), 1u);
  f.text = "Cairo";
  EXPECT_EQ(count(f), 3u);
  f.text = "\"unbalanced (quote* AND";  // FTS syntax in a user's words is never an error
  EXPECT_EQ(count(f), 0u);
  f = {};
  f.negated = true;
  EXPECT_EQ(count(f), 1u);
  f.negated = false;
  EXPECT_EQ(count(f), 5u);
  f = {};
  f.modal = true;
  EXPECT_EQ(count(f), 1u);
  f = {};
  f.article_id = corpus[1].id;
  EXPECT_EQ(count(f), 1u);
  f = {};
  f.limit = 2;
  f.offset = 5;
  EXPECT_EQ(count(f), 1u);
  f = {};
  f.date_from = "May 2024";
  EXPECT_THROW(count(f), StoreError);
  // Filters reach the other tables too.
  f = {};
  f.outlets = {"Ahram"};
  EXPECT_EQ(st.articles(f).size(), 1u);
  f = {};
  f.actor_codes = {"QAT"};
  ASSERT_EQ(st.actors(f).size(), 1u);
  EXPECT_EQ(st.actors(f)[0]["articles"], 1);
}

TEST_P(StoreTest, WeeklyTimelineNetworkAndExports) {
  PARLEY_REQUIRE_DB(db);
  Store st = Store::open(db.url(), Mode::ReadWrite);
  std::vector<Article> corpus = strike_corpus();
  st.store_batch(ptrs(corpus), st.begin_run({}));
  Filter f;
  json weeks = st.timeline(f, Bucket::Week, GroupBy::QuadClass);
  // 2024-05-06 is a Monday: the strikes of 05-06 and 05-09 fall in that week, with the 112
  // accusation (quad 3); 05-20 is the Monday of the mediation week (three quad-1 events).
  ASSERT_EQ(weeks.size(), 3u) << weeks.dump();
  EXPECT_EQ(weeks[0]["bucket"], "2024-05-06");
  EXPECT_EQ(weeks[0]["group"], "3");
  EXPECT_EQ(weeks[1]["bucket"], "2024-05-06");
  EXPECT_EQ(weeks[1]["group"], "4");
  EXPECT_EQ(weeks[1]["count"], 2);
  EXPECT_EQ(weeks[1]["mentions"], 4);
  EXPECT_DOUBLE_EQ(weeks[1]["goldstein"].get<double>(), -10.0);
  EXPECT_EQ(weeks[2]["bucket"], "2024-05-20");
  EXPECT_EQ(weeks[2]["group"], "1");
  EXPECT_EQ(weeks[2]["count"], 3);
  json months = st.timeline(f, Bucket::Month, GroupBy::None);
  ASSERT_EQ(months.size(), 1u);
  EXPECT_EQ(months[0]["bucket"], "2024-05-01");
  EXPECT_EQ(months[0]["count"], 6);
  json dyads = st.timeline(f, Bucket::Day, GroupBy::Dyad);
  EXPECT_EQ(dyads[0]["group"], "ISR>PSE");
  json net = st.network(f);
  ASSERT_FALSE(net.empty());
  EXPECT_EQ(net[0]["source"], "ISR");
  EXPECT_EQ(net[0]["target"], "PSE");
  EXPECT_EQ(net[0]["count"], 2);

  json events = st.events(f);
  std::string gdelt = to_gdelt_events(events);
  size_t first_line = gdelt.find('\n');
  std::string line = gdelt.substr(0, first_line);
  EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 60);  // 61 columns
  EXPECT_EQ(std::count(gdelt.begin(), gdelt.end(), '\n'), 6);
  std::string mentions = to_gdelt_mentions(st.mentions(f));
  EXPECT_EQ(std::count(mentions.begin(), mentions.end(), '\n'), 8);
  std::string mline = mentions.substr(0, mentions.find('\n'));
  EXPECT_EQ(std::count(mline.begin(), mline.end(), '\t'), 15);  // 16 columns
  json geo = json::parse(to_geojson(events));
  EXPECT_EQ(geo["features"].size(), 2u);  // the two Gaza strikes
  EXPECT_EQ(geo["features"][0]["geometry"]["coordinates"][0], 34.47);
  std::string gexf = to_gexf(net);
  EXPECT_NE(gexf.find("<node id=\"ISR\""), std::string::npos);
  EXPECT_NE(gexf.find("source=\"ISR\" target=\"PSE\" weight=\"2\""), std::string::npos);
  std::string csv = to_csv(events);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 7);
}

TEST_P(StoreTest, NearDuplicatesJoinOneStory) {
  PARLEY_REQUIRE_DB(db);
  Store st = Store::open(db.url(), Mode::ReadWrite);
  std::string body = filler(7, 300);
  std::vector<Article> v;
  v.push_back(make_article("Talks resume. " + body, "Reuters", "2024-05-01", {}));
  // A syndicated copy with another headline and a correction at the end.
  v.push_back(make_article("Talks resume in Cairo. " + body + " Updated with a correction.",
                           "Yahoo", "2024-05-01", {}));
  v.push_back(make_article("Unrelated. " + filler(8, 300), "AP", "2024-05-01", {}));
  IngestStats s = st.store_batch(ptrs(v), st.begin_run({}));
  EXPECT_EQ(s.near_duplicates, 1u);
  json arts = st.articles(Filter{});
  ASSERT_EQ(arts.size(), 3u);
  std::map<std::string, std::string> story;
  for (const json& a : arts) story[a["id"]] = a["story_id"];
  EXPECT_EQ(story[v[1].id], v[0].id);
  EXPECT_EQ(story[v[2].id], v[2].id);
  Filter f;
  f.story_id = v[0].id;
  EXPECT_EQ(st.articles(f).size(), 2u);
}

TEST_P(StoreTest, MigratesVersionOneStores) {
  PARLEY_REQUIRE_DB(db);
  std::string body = filler(9, 300);
  std::vector<Article> v;
  v.push_back(make_article("A. " + body, "Reuters", "2024-05-01", {}));
  v.push_back(make_article("B copy. " + body, "Yahoo", "2024-05-01", {}));
  {
    Store old = Store::open_at_version(db.url(), 1);
    EXPECT_EQ(old.version(), 1);
    EXPECT_FALSE(old.backend().table_exists("article_minhash"));
    old.store_batch(ptrs(v), old.begin_run({}));
  }
  {
    // Read-only, an old store is readable only once upgraded: say so, change nothing.
    try {
      Store::open(db.url(), Mode::ReadOnly);
      ADD_FAILURE() << "opened a version-1 store read-only";
    } catch (const StoreError& e) {
      EXPECT_NE(std::string(e.what()).find("upgrade"), std::string::npos) << e.what();
    }
  }
  Store st = Store::open(db.url(), Mode::ReadWrite);
  EXPECT_EQ(st.version(), Store::schema_version());
  json arts = st.articles(Filter{});
  ASSERT_EQ(arts.size(), 2u);
  // The migration linked the two copies into one story (the first it met starts it).
  EXPECT_EQ(arts[0]["story_id"], arts[1]["story_id"]);
  EXPECT_TRUE(arts[0]["story_id"] == v[0].id || arts[0]["story_id"] == v[1].id);
  EXPECT_TRUE(st.backend().table_exists("article_minhash"));
}

// Rows go to PostgreSQL through COPY's text format, which escapes tabs, newlines, carriage
// returns and backslashes: every byte must come back as it was, on both back ends.
TEST_P(StoreTest, StoredTextKeepsEveryByte) {
  PARLEY_REQUIRE_DB(db);
  Store st = Store::open(db.url(), Mode::ReadWrite);
  const std::string text =
      "ISR people struck\tPSE people \\N in Gaza.\r\nA \\ backslash, \"quotes\", 'single', "
      "caf\u00e9 \u2014 \u05e2\u05d6\u05d4.\n\n" +
      filler(13, 30);
  std::vector<Article> v{make_article(text, "Tab\tOutlet", "2024-05-06",
                                      {{"ISR", "PSE", "190", "2024-05-06", "Gaza", "struck"}})};
  st.store_batch(ptrs(v), st.begin_run({}));
  json events = st.events(Filter{});
  ASSERT_EQ(events.size(), 1u);
  ASSERT_EQ(events[0]["mentions"].size(), 1u);
  const json& m = events[0]["mentions"][0];
  EXPECT_EQ(m["evidence_text"], text);
  EXPECT_EQ(m["outlet"], "Tab\tOutlet");
  EXPECT_EQ(m["trigger_text"], "struck");
  std::optional<json> a = st.article(v[0].id);
  ASSERT_TRUE(a);
  EXPECT_EQ((*a)["text"], text);
  Filter f;
  f.text = "backslash";
  EXPECT_EQ(st.articles(f).size(), 1u);
}

// Columns of one index, from the back end's catalogue.
int index_columns(Backend& b, const std::string& index) {
  auto st = b.prepare(b.name() == "sqlite"
                          ? "SELECT count(*) FROM pragma_index_info(?)"
                          : "SELECT indnatts FROM pg_index WHERE indexrelid = ?::regclass");
  st->bind_all(index);
  return st->step() ? static_cast<int>(st->get_int(0)) : -1;
}

TEST_P(StoreTest, MigratesVersionTwoStoresToCoveringEventIndexes) {
  PARLEY_REQUIRE_DB(db);
  std::vector<Article> corpus = strike_corpus();
  json weeks, dyads, net;
  Filter f;
  f.actor_codes = {"ISR", "ISRGOV"};
  {
    Store old = Store::open_at_version(db.url(), 2);
    ASSERT_EQ(old.version(), 2);
    EXPECT_EQ(index_columns(old.backend(), "events_source"), 2);
    old.store_batch(ptrs(corpus), old.begin_run({}));
    weeks = old.timeline(f, Bucket::Week, GroupBy::QuadClass);
    dyads = old.timeline(Filter{}, Bucket::Month, GroupBy::Dyad);
    net = old.network(f);
  }
  Store st = Store::open(db.url(), Mode::ReadWrite);
  EXPECT_EQ(st.version(), Store::schema_version());
  for (const char* index : {"events_day", "events_source", "events_target"})
    EXPECT_EQ(index_columns(st.backend(), index), 7) << index;
  // Same answers over the rebuilt indexes, and the store still takes articles.
  EXPECT_EQ(st.timeline(f, Bucket::Week, GroupBy::QuadClass), weeks);
  EXPECT_EQ(st.timeline(Filter{}, Bucket::Month, GroupBy::Dyad), dyads);
  EXPECT_EQ(st.network(f), net);
  std::vector<Article> more{make_article("ISR people met EGY people. " + filler(11, 40), "AP",
                                         "2024-06-03",
                                         {{"ISR", "EGY", "040", "2024-06-03", "", "met"}})};
  EXPECT_EQ(st.store_batch(ptrs(more), st.begin_run({})).stored, 1u);
  EXPECT_EQ(st.timeline(f, Bucket::Week, GroupBy::QuadClass).size(), weeks.size() + 1);
  // Opened again, nothing is left to migrate.
  Store again = Store::open(db.url(), Mode::ReadOnly);
  EXPECT_EQ(again.version(), Store::schema_version());
}

// PostgreSQL writes a batch's rows with COPYs whose outcome is read by the next statement: a
// COPY the server refuses (here a title cut inside a UTF-8 sequence, which SQLite would store
// as it is) still fails the batch with the server's message, nothing of the batch stays, and
// the connection goes on to store the next batch.
TEST_P(StoreTest, RefusedCopyRollsTheWholeBatchBack) {
  PARLEY_REQUIRE_DB(db);
  if (db.sqlite()) GTEST_SKIP() << "SQLite stores any bytes";
  Store st = Store::open(db.url(), Mode::ReadWrite);
  std::vector<Article> corpus = strike_corpus();
  corpus[3].title = "Later \xc3";
  int64_t run = st.begin_run({});
  try {
    st.store_batch(ptrs(corpus), run);
    ADD_FAILURE() << "stored an invalid UTF-8 title";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("UTF8"), std::string::npos) << e.what();
  }
  EXPECT_EQ(st.stats()["articles"], 0);
  EXPECT_EQ(st.stats()["events"], 0);
  corpus[3].title = "Later";
  EXPECT_EQ(st.store_batch(ptrs(corpus), run).stored, 5u);
  EXPECT_EQ(st.stats()["articles"], 5);
}

// Names of a table's columns, from the back end's catalogue, with "(generated)" after a
// generated one.
std::vector<std::string> table_columns(Backend& b, const std::string& table) {
  std::vector<std::string> out;
  if (b.name() == "sqlite") {
    auto st = b.prepare("SELECT name FROM pragma_table_info(?)");
    st->bind_all(table);
    while (st->step()) out.push_back(st->get_text(0));
  } else {
    auto st = b.prepare(
        "SELECT column_name, is_generated FROM information_schema.columns WHERE table_name = ? "
        "AND table_schema = current_schema() ORDER BY ordinal_position");
    st->bind_all(table);
    while (st->step())
      out.push_back(st->get_text(0) + (st->get_text(1) == "ALWAYS" ? " (generated)" : ""));
  }
  return out;
}

// Text searches of articles, events and quotes, as ids.
json text_hits(Store& st, const std::string& words) {
  Filter f;
  f.text = words;
  json out = json::object();
  for (const json& a : st.articles(f)) out["articles"].push_back(a["id"]);
  for (const json& e : st.events(f)) out["events"].push_back(e["id"]);
  for (const json& q : st.quotes(f))
    out["quotes"].push_back(q["article_id"].get<std::string>() + ":" + q["idx"].dump());
  return out;
}

// Articles with a quote and accented words, for full-text search.
std::vector<Article> quoted_corpus() {
  std::vector<Article> v = strike_corpus();
  std::string text =
      "EGYGOV people said on Tuesday: \u201cThe Caf\u00e9 talks will resume\u201d in Cairo. " +
      filler(21, 50);
  v.push_back(make_article(text, "Ahram", "2024-05-21",
                           {{"EGYGOV", "QAT", "040", "2024-05-21", "Cairo", "talks"}}));
  Quote q;
  q.span = {static_cast<uint32_t>(text.find("The Caf")),
            static_cast<uint32_t>(text.find(" in Cairo"))};
  q.speaker_actor = 0;
  q.kind = "direct";
  v.back().quotes.push_back(q);
  return v;
}

// Version 4 keeps PostgreSQL's search words in a plain column the store fills (no server-side
// to_tsvector while storing); SQLite's FTS5 table is unchanged. A version-3 store migrates on
// both back ends and answers the same searches, and articles stored afterwards are found too.
TEST_P(StoreTest, MigratesVersionThreeStoresToStoredSearchWords) {
  PARLEY_REQUIRE_DB(db);
  std::vector<Article> corpus = quoted_corpus();
  // Words the server's English stemming and the store's words agree on.
  const std::vector<std::string> queries = {"Cairo", "overnight gaza", "ISR people", "negotiate"};
  std::vector<json> before;
  {
    Store old = Store::open_at_version(db.url(), 3);
    ASSERT_EQ(old.version(), 3);
    if (!db.sqlite()) {
      EXPECT_EQ(table_columns(old.backend(), "fts"),
                (std::vector<std::string>{"kind", "ref", "body", "tsv (generated)"}));
    }
    old.store_batch(ptrs(corpus), old.begin_run({}));
    for (const std::string& q : queries) before.push_back(text_hits(old, q));
  }
  EXPECT_EQ(before[0]["articles"].size(), 2u);
  EXPECT_EQ(before[1]["articles"].size(), 1u);
  Store st = Store::open(db.url(), Mode::ReadWrite);
  EXPECT_EQ(st.version(), Store::schema_version());
  if (db.sqlite())
    EXPECT_EQ(table_columns(st.backend(), "fts"),
              (std::vector<std::string>{"body", "kind", "ref"}));
  else
    EXPECT_EQ(table_columns(st.backend(), "fts"), (std::vector<std::string>{"kind", "ref", "tsv"}));
  for (size_t i = 0; i < queries.size(); ++i)
    EXPECT_EQ(text_hits(st, queries[i]), before[i]) << queries[i];
  // Typographic quotes separate words (PostgreSQL's parser in the C locale took them for
  // letters: "resume\u201d" was one word); case and accents do not matter; words are whole
  // words on both back ends.
  EXPECT_EQ(text_hits(st, "talks resume")["quotes"].size(), 1u);
  EXPECT_EQ(text_hits(st, "CAFE")["quotes"].size(), 1u);
  EXPECT_EQ(text_hits(st, "café")["articles"].size(), 1u);
  EXPECT_TRUE(text_hits(st, "cafes").empty());
  EXPECT_TRUE(text_hits(st, "!!! ...").empty());
  std::vector<Article> more{make_article("Overnight QAT people met EGY people. " + filler(31, 40),
                                         "AP", "2024-06-03",
                                         {{"QAT", "EGY", "040", "2024-06-03", "", "met"}})};
  EXPECT_EQ(st.store_batch(ptrs(more), st.begin_run({})).stored, 1u);
  EXPECT_EQ(text_hits(st, "overnight")["articles"].size(), before[1]["articles"].size() + 1);
  Store again = Store::open(db.url(), Mode::ReadOnly);
  EXPECT_EQ(again.version(), Store::schema_version());
  EXPECT_EQ(text_hits(again, "overnight"), text_hits(st, "overnight"));
}

// A batch stores what the same articles stored one by one would: event counts of merged
// events (counted in memory for the batch's new events, in SQL for stored ones) and stories
// (near-duplicates found in the store and earlier in the batch).
TEST_P(StoreTest, BatchesOfAnySizeStoreTheSameRows) {
  PARLEY_REQUIRE_DB(db);
  std::vector<Article> corpus = quoted_corpus();
  std::string body = filler(41, 300);
  corpus.push_back(make_article("Talks resume. " + body, "Reuters", "2024-05-01", {}));
  corpus.push_back(
      make_article("Talks resume in Cairo. " + body + " Updated.", "Yahoo", "2024-05-01", {}));
  corpus.push_back(
      make_article("Talks resume, again. " + body + " Corrected.", "AP", "2024-05-02", {}));
  auto snapshot = [](Store& st) {
    json out;
    out["events"] = st.events(Filter{});
    out["articles"] = st.articles(Filter{});
    out["stats"] = st.stats();
    return out;
  };
  json whole;
  {
    Store st = Store::open(db.url(), Mode::ReadWrite);
    st.store_batch(ptrs(corpus), st.begin_run({}));
    whole = snapshot(st);
  }
  EXPECT_EQ(whole["articles"].size(), corpus.size());
  test::TestDb other(GetParam());
  Store st = Store::open(other.url(), Mode::ReadWrite);
  int64_t run = st.begin_run({});
  for (const Article& a : corpus) st.store_batch({&a}, run);
  json one_by_one = snapshot(st);
  EXPECT_EQ(one_by_one, whole);
  std::map<std::string, std::string> story;
  for (const json& a : whole["articles"]) story[a["id"]] = a["story_id"];
  const std::string first = corpus[corpus.size() - 3].id;
  EXPECT_EQ(story[corpus[corpus.size() - 2].id], first);
  EXPECT_EQ(story[corpus[corpus.size() - 1].id], first);
}

// The timeline and the network sum events in parts (and the timeline, on SQLite, in C++):
// whatever the filter, bucket and grouping, they must agree with the events the same filter
// lists, counted here.
TEST_P(StoreTest, TimelineAgreesWithTheEventsItCounts) {
  PARLEY_REQUIRE_DB(db);
  Store st = Store::open(db.url(), Mode::ReadWrite);
  std::vector<Article> corpus = strike_corpus();
  corpus.push_back(make_article(
      "PSE people fired at ISR people. ISRGOV people met PSE people. " + filler(12, 50), "AP",
      "2024-06-30",
      {{"PSE", "ISR", "190", "2024-06-30", "", "fired"},
       {"ISRGOV", "PSE", "040", "2024-07-01", "", "met"},
       {"ISR", "ISRGOV", "010", "2024-07-01", "", "people"},
       {"", "PSE", "020", "", "", "people"}}));
  st.store_batch(ptrs(corpus), st.begin_run({}));
  std::vector<Filter> filters(5);
  filters[1].actor_codes = {"ISR"};
  filters[2].actor_codes = {"ISR", "ISRGOV", "PSE"};
  filters[3].actor_codes = {"PSE", "QAT"};
  filters[3].date_from = "2024-05-07";
  filters[3].date_to = "2024-06-30";
  filters[4].actor_codes = {"ISRGOV"};
  filters[4].quad_classes = {1};
  for (size_t fi = 0; fi < filters.size(); ++fi) {
    Filter all = filters[fi];
    all.limit = 0;
    json events = st.events(all);
    // The network: dyads of two coded actors, most events first, then by codes.
    std::map<std::pair<std::string, std::string>, std::pair<int64_t, int64_t>> dyads;
    for (const json& e : events) {
      std::string src = e["source_code"], tgt = e["target_code"];
      if (src.empty() || tgt.empty()) continue;
      auto& d = dyads[{src, tgt}];
      ++d.first;
      d.second += e["num_mentions"].get<int64_t>();
    }
    std::vector<std::tuple<int64_t, std::string, std::string, int64_t>> ranked;
    for (const auto& [k, v] : dyads) ranked.emplace_back(-v.first, k.first, k.second, v.second);
    std::sort(ranked.begin(), ranked.end());
    json net = st.network(all);
    ASSERT_EQ(net.size(), ranked.size()) << "filter " << fi << ": " << net.dump();
    for (size_t i = 0; i < ranked.size(); ++i) {
      EXPECT_EQ(net[i]["count"], -std::get<0>(ranked[i])) << "filter " << fi;
      EXPECT_EQ(net[i]["source"], std::get<1>(ranked[i])) << "filter " << fi;
      EXPECT_EQ(net[i]["target"], std::get<2>(ranked[i])) << "filter " << fi;
      EXPECT_EQ(net[i]["mentions"], std::get<3>(ranked[i])) << "filter " << fi;
    }
    Filter page = filters[fi];
    page.limit = 1;
    page.offset = 1;
    if (ranked.size() > 1) {
      EXPECT_EQ(st.network(page)[0], net[1]) << "filter " << fi;
    }
    for (Bucket bucket : {Bucket::Day, Bucket::Week, Bucket::Month})
      for (GroupBy group : {GroupBy::None, GroupBy::QuadClass, GroupBy::Root, GroupBy::Dyad}) {
        struct Sum {
          int64_t count = 0, mentions = 0;
          double goldstein = 0;
        };
        std::map<std::pair<std::string, std::string>, Sum> want;
        for (const json& e : events) {
          std::string date = e["date"];
          if (date.empty()) continue;  // undated events have no place on a timeline
          int64_t day = 0;
          ASSERT_TRUE(day_number(date, day));
          if (bucket == Bucket::Week) day -= ((day % 7) + 7 + 3) % 7;
          std::string b = day_string(day);
          if (bucket == Bucket::Month) b = date.substr(0, 8) + "01";
          std::string g = group == GroupBy::QuadClass ? std::to_string(e["quad_class"].get<int>())
                          : group == GroupBy::Root    ? e["root"].get<std::string>()
                          : group == GroupBy::Dyad    ? e["source_code"].get<std::string>() + ">" +
                                                         e["target_code"].get<std::string>()
                                                   : "";
          Sum& s = want[{b, g}];
          ++s.count;
          s.mentions += e["num_mentions"].get<int64_t>();
          s.goldstein += e["goldstein"].get<double>();
        }
        json got = st.timeline(filters[fi], bucket, group);
        ASSERT_EQ(got.size(), want.size()) << "filter " << fi << ": " << got.dump();
        size_t i = 0;
        for (const auto& [key, s] : want) {
          const json& row = got[i++];
          EXPECT_EQ(row["bucket"], key.first) << "filter " << fi;
          EXPECT_EQ(row["group"], key.second) << "filter " << fi;
          EXPECT_EQ(row["count"], s.count) << "filter " << fi << " " << key.first;
          EXPECT_EQ(row["mentions"], s.mentions) << "filter " << fi << " " << key.first;
          EXPECT_NEAR(row["goldstein"].get<double>(), s.goldstein / s.count, 1e-9);
        }
      }
  }
}

TEST_P(StoreTest, RefusesNewerAndForeignDatabases) {
  PARLEY_REQUIRE_DB(db);
  {
    Store st = Store::open(db.url(), Mode::ReadWrite);
    st.backend().exec("UPDATE parley_meta SET value = '99' WHERE key = 'schema_version'");
  }
  try {
    Store::open(db.url(), Mode::ReadWrite);
    ADD_FAILURE() << "opened a newer store";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("newer Parley"), std::string::npos) << e.what();
  }
  TestDb other(GetParam());
  {
    auto b = open_backend(other.url(), false);
    b->exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
  }
  try {
    Store::open(other.url(), Mode::ReadWrite);
    ADD_FAILURE() << "opened a foreign database";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("not a Parley store"), std::string::npos) << e.what();
  }
  auto b = open_backend(other.url(), true);
  EXPECT_FALSE(b->table_exists("parley_meta"));  // nothing was written
}

TEST_P(StoreTest, LockedStoreGivesClearErrorAndNoDamage) {
  PARLEY_REQUIRE_DB(db);
  Store holder = Store::open(db.url(), Mode::ReadWrite);
  std::vector<Article> corpus = strike_corpus();
  holder.store_batch({&corpus[0]}, holder.begin_run({}));
  ::setenv("PARLEY_DB_BUSY_MS", "300", 1);
  Store second = Store::open(db.url(), Mode::ReadWrite);
  holder.backend().begin_write();  // another ingest's batch, in progress
  try {
    second.store_batch({&corpus[1]}, 1);
    ADD_FAILURE() << "wrote while another writer held the lock";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("locked"), std::string::npos) << e.what();
  }
  holder.backend().rollback();
  ::unsetenv("PARLEY_DB_BUSY_MS");
  EXPECT_EQ(second.stats()["articles"], 1);
  EXPECT_EQ(second.store_batch({&corpus[1]}, 1).stored, 1u);  // the lock released, it goes on
}

TEST_P(StoreTest, FullDiskKeepsEarlierBatches) {
  PARLEY_REQUIRE_DB(db);
  if (!db.sqlite()) GTEST_SKIP() << "a full disk is simulated with SQLite's page limit";
  Store st = Store::open(db.url(), Mode::ReadWrite);
  std::vector<Article> corpus = strike_corpus();
  int64_t run = st.begin_run({});
  st.store_batch({&corpus[0]}, run);
  json before = st.stats();
  auto pages = st.backend().prepare("PRAGMA page_count");
  pages->step();
  st.backend().limit_pages(pages->get_int(0));
  pages.reset();
  std::vector<Article> big;
  for (int i = 0; i < 50; ++i)
    big.push_back(make_article(filler(100 + i, 2000), "X", "2024-01-01", {}));
  try {
    st.store_batch(ptrs(big), run);
    ADD_FAILURE() << "a batch larger than the disk was written";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("full"), std::string::npos) << e.what();
  }
  EXPECT_EQ(st.stats(), before);
  auto check = st.backend().prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check->step());
  EXPECT_EQ(check->get_text(0), "ok");
}

TEST_P(StoreTest, PositionsMatrixAndCorpusDivergences) {
  PARLEY_REQUIRE_DB(db);
  Store st = Store::open(db.url(), Mode::ReadWrite);
  auto with_position = [](const std::string& text, const std::string& code,
                          const std::string& stance, bool affirmed) {
    Article a =
        make_article(text, "R", "2024-05-01", {{code, "", "010", "2024-05-01", "", "said"}});
    Position p;
    p.actor = 0;
    p.issue = "military control over the Philadelphia axis";
    p.issue_key = "axis control military philadelphia";
    p.stance = stance;
    p.evidence = {0, static_cast<uint32_t>(text.size())};
    a.positions.push_back(p);
    Claim c;
    c.source_actor = 0;
    c.topic = "progress";
    c.topic_key = "progress";
    c.affirmed = affirmed;
    c.certainty = "asserted";
    c.evidence = p.evidence;
    a.claims.push_back(c);
    return a;
  };
  std::vector<Article> v{
      with_position("ISRGOV people insist on the axis.", "ISRGOV", "maintain", true),
      with_position("PSEREB people reject the axis.", "PSEREB", "reject", false)};
  st.store_batch(ptrs(v), st.begin_run({}));
  json m = st.positions_matrix(Filter{});
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0]["issue"], "military control over the Philadelphia axis");
  ASSERT_EQ(m[0]["parties"].size(), 2u);
  EXPECT_EQ(m[0]["parties"][0]["actor_code"], "ISRGOV");
  EXPECT_EQ(m[0]["parties"][0]["evidence"][0]["text"], "ISRGOV people insist on the axis.");
  json d = st.corpus_divergences(Filter{});
  ASSERT_EQ(d.size(), 2u) << d.dump();  // the stances, and the claims about progress
  Filter only;
  only.actor_codes = {"PSEREB"};
  EXPECT_EQ(st.positions(only).size(), 1u);
}

// The reference article and one Wikinews sample, coded.
std::vector<Article> coded_samples(const Analyzer& analyzer) {
  std::vector<Article> v;
  for (const char* name :
       {"cairo-talks.txt",
        "wikinews/2019-01-05-escape-room-fire-kills-five-teen-girls-in-koszalin-poland.txt"})
    v.push_back(analyzer.analyze(test::read_file(test::source_dir() + "/samples/" + name)));
  return v;
}

TEST_P(StoreTest, CodedSamplesRoundTripWithOffsets) {
  PARLEY_REQUIRE_DB(db);
  static const Analyzer analyzer;
  std::vector<Article> v = coded_samples(analyzer);
  Store st = Store::open(db.url(), Mode::ReadWrite);
  st.set_data_dir(analyzer.resources().data);
  st.store_batch(ptrs(v), st.begin_run(describe_run(analyzer.resources().models,
                                                    analyzer.resources().data, "")));
  size_t actors = 0, mentions = 0, quotes = 0, positions = 0, event_mentions = 0;
  for (const Article& a : v) {
    actors += a.actors.size();
    mentions += a.mentions.size();
    quotes += a.quotes.size();
    positions += a.positions.size();
    for (const Event& e : a.events) event_mentions += 1 + e.other_mentions.size();
  }
  json s = st.stats();
  EXPECT_EQ(s["articles"], 2);
  EXPECT_EQ(s["actors"], actors);
  EXPECT_EQ(s["actor_mentions"], mentions);
  EXPECT_EQ(s["quotes"], quotes);
  EXPECT_EQ(s["positions"], positions);
  EXPECT_EQ(s["event_mentions"], event_mentions);
  json runs = st.runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0]["parley_version"], "0.1.0");
  EXPECT_NE(runs[0]["models"].get<std::string>().find('#'), std::string::npos);
  // Every stored span slices the stored text to the same words the article had.
  auto art = st.article(v[0].id);
  ASSERT_TRUE(art);
  EXPECT_EQ((*art)["text"], v[0].text);
  ASSERT_EQ((*art)["quotes"].size(), v[0].quotes.size());
  for (size_t i = 0; i < v[0].quotes.size(); ++i) {
    EXPECT_EQ((*art)["quotes"][i]["start_byte"], v[0].quotes[i].span.start);
    EXPECT_EQ((*art)["quotes"][i]["end_byte"], v[0].quotes[i].span.end);
  }
  for (const json& q : st.quotes(Filter{})) {
    const Article& a = q["article_id"] == v[0].id ? v[0] : v[1];
    EXPECT_EQ(
        a.text.substr(q["start_byte"], q["end_byte"].get<size_t>() - q["start_byte"].get<size_t>()),
        q["text"].get<std::string>());
  }
  Filter qf;
  qf.text = "ceasefire";
  EXPECT_FALSE(st.articles(qf).empty());
}

// Version 5 keeps each article's actor mentions on its row: a version-4 store migrates and
// answers the same article views, counts and stories; an article stored afterwards finds its
// story among the migrated ones; and a store created at version 5 holds the same views as one
// created at 4.
TEST_P(StoreTest, MigratesVersionFourStoresToPackedRows) {
  PARLEY_REQUIRE_DB(db);
  static const Analyzer analyzer;
  std::vector<Article> v = coded_samples(analyzer);
  std::string body = filler(43, 300);
  v.push_back(make_article("Talks resume. " + body, "Reuters", "2024-05-01",
                           {{"ISR", "PSE", "040", "2024-05-01", "", "Talks"}}));
  // A kind that needs JSON escaping: the migration's packing (SQL on PostgreSQL) must keep it.
  ASSERT_FALSE(v[0].mentions.empty());
  v[0].mentions.back().kind = "odd \"kind\"\t\u00e9\\";
  std::vector<Article> later{
      make_article("Talks resume in Cairo. " + body + " Updated.", "Yahoo", "2024-05-02", {})};
  auto views = [&](Store& st) {
    json out = json::array();
    for (const Article& a : v) out.push_back(st.article(a.id).value_or(json()));
    return out;
  };
  auto counts = [](Store& st) {
    json s = st.stats();
    s.erase("schema_version");
    return s;
  };
  json before, stats, arts;
  {
    Store old = Store::open_at_version(db.url(), 4);
    ASSERT_EQ(old.version(), 4);
    EXPECT_TRUE(old.backend().table_exists("actor_mentions"));
    EXPECT_TRUE(old.backend().table_exists("article_bands"));
    old.set_data_dir(analyzer.resources().data);
    old.store_batch(ptrs(v), old.begin_run({}));
    before = views(old);
    stats = counts(old);
    arts = old.articles(Filter{});
  }
  size_t mentions = 0;
  for (const Article& a : v) mentions += a.mentions.size();
  EXPECT_GT(mentions, 10u);
  EXPECT_EQ(stats["actor_mentions"], mentions);
  ASSERT_FALSE(before[0]["actors"].empty());
  EXPECT_FALSE(before[0]["actors"][0]["mentions"].empty());

  Store st = Store::open(db.url(), Mode::ReadWrite);
  EXPECT_EQ(st.version(), Store::schema_version());
  EXPECT_FALSE(st.backend().table_exists("actor_mentions"));
  EXPECT_EQ(views(st), before);
  EXPECT_NE(views(st).dump().find("odd \\\"kind"), std::string::npos);
  EXPECT_EQ(counts(st), stats);
  EXPECT_EQ(st.articles(Filter{}), arts);
  IngestStats in = st.store_batch(ptrs(later), st.begin_run({}));
  EXPECT_EQ(in.near_duplicates, 1u);
  EXPECT_EQ(st.article(later[0].id).value_or(json())["story_id"], v.back().id);

  test::TestDb other(GetParam());
  Store fresh = Store::open(other.url(), Mode::ReadWrite);
  fresh.set_data_dir(analyzer.resources().data);
  fresh.store_batch(ptrs(v), fresh.begin_run({}));
  EXPECT_EQ(views(fresh), before);
  EXPECT_EQ(counts(fresh), stats);
}

// Packed mentions keep any kind as it was (escaped as JSON where needed), and a damaged packed
// value is a clear error, not a crash.
TEST_P(StoreTest, PackedMentionsRoundTripAndDamageIsAnError) {
  PARLEY_REQUIRE_DB(db);
  Article a = make_article("ISR people met EGY people. " + filler(61, 40), "AP", "2024-06-03",
                           {{"ISR", "EGY", "040", "2024-06-03", "", "met"}});
  ASSERT_EQ(a.mentions.size(), 2u);
  a.mentions[1].kind = "odd \"kind\"\t\u00e9";
  Store st = Store::open(db.url(), Mode::ReadWrite);
  st.store_batch({&a}, st.begin_run({}));
  json view = st.article(a.id).value_or(json());
  ASSERT_EQ(view["actors"].size(), 2u);
  ASSERT_EQ(view["actors"][1]["mentions"].size(), 1u);
  EXPECT_EQ(view["actors"][1]["mentions"][0]["kind"], a.mentions[1].kind);
  EXPECT_EQ(view["actors"][1]["mentions"][0]["start_byte"], a.mentions[1].span.start);
  EXPECT_EQ(view["actors"][0]["mentions"][0]["kind"], "name");
  EXPECT_EQ(st.stats()["actor_mentions"], 2);
  st.backend().exec("UPDATE articles SET mentions = '[[0, 1, \"name\"' WHERE id = '" + a.id + "'");
  try {
    (void)st.article(a.id);
    ADD_FAILURE() << "read damaged mentions";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("damaged"), std::string::npos) << e.what();
  }
}

TEST_P(StoreTest, ReadOnlyMissingStoreIsAnError) {
  PARLEY_REQUIRE_DB(db);
  if (!db.sqlite()) GTEST_SKIP() << "a missing file is SQLite's case";
  EXPECT_THROW(Store::open(db.dir() + "/none.db", Mode::ReadOnly), StoreError);
  std::string junk = db.dir() + "/junk.db";
  std::ofstream(junk) << "this is a text file, not a database\n";
  try {
    Store::open(junk, Mode::ReadWrite);
    ADD_FAILURE() << "opened a text file";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("not a SQLite database"), std::string::npos) << e.what();
  }
  EXPECT_EQ(test::read_file(junk), "this is a text file, not a database\n");
  EXPECT_THROW(Store::open("mysql://x/y", Mode::ReadOnly), StoreError);
}

// Lookups run together (one pipeline on PostgreSQL): rows reach their callbacks in query order,
// after `meanwhile`; a query that fails, or a `meanwhile` that throws, is an error, and the
// connection is usable afterwards.
TEST_P(StoreTest, QueuedQueriesKeepOrderAndReportErrors) {
  PARLEY_REQUIRE_DB(db);
  Store st = Store::open(db.url(), Mode::ReadWrite);
  Backend& b = st.backend();
  std::vector<std::string> log;
  auto queue = [&log](std::vector<QueuedQuery>& qs, const std::string& sql, int64_t v) {
    qs.push_back({sql, {Value::of(v)}, [&log](Statement& row) {
                    log.push_back(row.is_null(0) ? "null" : std::to_string(row.get_int(0)));
                  }});
  };
  const std::string plus = "SELECT CAST(? AS INTEGER) + 1";
  const std::string ids = "SELECT id FROM runs WHERE id >= CAST(? AS INTEGER) ORDER BY id";
  st.begin_run({});
  st.begin_run({});
  std::vector<QueuedQuery> qs;
  queue(qs, plus, 1);
  queue(qs, ids, 1);
  queue(qs, plus, 100);
  b.run_queries(qs, [&log] { log.push_back("meanwhile"); });
  EXPECT_EQ(log, (std::vector<std::string>{"meanwhile", "2", "1", "2", "101"}));

  // A failing query: on PostgreSQL the queries after it are skipped and the call throws.
  log.clear();
  qs.clear();
  queue(qs, plus, 1);
  queue(qs, "SELECT 10 / CAST(? AS INTEGER)", 0);
  queue(qs, plus, 2);
  if (db.sqlite()) {
    b.run_queries(qs);  // SQLite divides by zero into NULL
    EXPECT_EQ(log, (std::vector<std::string>{"2", "null", "3"}));
  } else {
    try {
      b.run_queries(qs);
      ADD_FAILURE() << "a division by zero passed";
    } catch (const StoreError& e) {
      EXPECT_NE(std::string(e.what()).find("division by zero"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(log.empty());
  }
  log.clear();
  qs.clear();
  queue(qs, plus, 5);
  EXPECT_THROW(b.run_queries(qs, [] { throw StoreError("meanwhile failed"); }), StoreError);
  // The connection still answers, and a batch still stores.
  log.clear();
  qs.clear();
  queue(qs, plus, 41);
  b.run_queries(qs);
  EXPECT_EQ(log, (std::vector<std::string>{"42"}));
  std::vector<Article> corpus = strike_corpus();
  EXPECT_EQ(st.store_batch(ptrs(corpus), 1).stored, corpus.size());
}

// PostgreSQL's search vectors go in by a binary COPY: the server must read them as the very
// vector the literal gives (quotes, backslashes, accents, other scripts, a long text).
TEST_P(StoreTest, BinarySearchVectorsEqualTheirLiterals) {
  PARLEY_REQUIRE_DB(db);
  if (db.sqlite()) GTEST_SKIP() << "SQLite's FTS5 splits the text itself";
  Store st = Store::open(db.url(), Mode::ReadWrite);
  Backend& b = st.backend();
  b.exec("CREATE TEMP TABLE vectors (kind TEXT NOT NULL, ref TEXT NOT NULL, tsv tsvector)");
  const std::vector<std::string> texts = {
      "It's a \"back\\slash\" \u2018test\u2019: Caf\u00e9 d'\u00c9t\u00e9, "
      "\u05e9\u05dc\u05d5\u05dd 2024",
      "", filler(9, 3000), "a\tb\nc 'quoted' \\N"};
  std::vector<Value> rows;
  for (size_t i = 0; i < texts.size(); ++i) {
    rows.push_back(Value::of(std::string("quote")));
    rows.push_back(Value::of(std::to_string(i)));
    rows.push_back(Value::words(tsvector_binary(texts[i])));
  }
  rows.push_back(Value::of(std::string("none")));
  rows.push_back(Value::of(std::string("null")));
  rows.push_back(Value::null());
  b.insert_rows("vectors", "kind, ref, tsv", 3, rows);
  for (size_t i = 0; i < texts.size(); ++i) {
    auto q = b.prepare(
        "SELECT tsv = CAST(? AS tsvector), length(tsv), CAST(tsv AS TEXT) FROM vectors WHERE "
        "ref = ?");
    q->bind_all(tsvector_literal(texts[i]), std::to_string(i));
    ASSERT_TRUE(q->step()) << i;
    EXPECT_EQ(q->get_int(0), 1) << q->get_text(2);
    EXPECT_EQ(q->get_int(1), static_cast<int64_t>(search_words(texts[i]).size()));
  }
  auto nulls = b.prepare("SELECT count(*) FROM vectors WHERE tsv IS NULL");
  ASSERT_TRUE(nulls->step());
  EXPECT_EQ(nulls->get_int(0), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& param_info) { return param_info.param; });

TEST(MinHash, EstimatesJaccardAndDates) {
  std::string a = filler(11, 400), b = a + " " + filler(12, 20), c = filler(13, 400);
  EXPECT_GT(MinHash::of(a).similarity(MinHash::of(b)), 0.8);
  EXPECT_LT(MinHash::of(a).similarity(MinHash::of(c)), 0.3);
  MinHash back;
  ASSERT_TRUE(MinHash::from_hex(MinHash::of(a).to_hex(), back));
  EXPECT_EQ(back.similarity(MinHash::of(a)), 1.0);
  int64_t d = 0;
  ASSERT_TRUE(day_number("2024-05-06", d));
  EXPECT_EQ(day_string(d), "2024-05-06");
  EXPECT_EQ((d + 3) % 7, 0);  // a Monday
  ASSERT_TRUE(day_number("1970-01-01", d));
  EXPECT_EQ(d, 0);
  EXPECT_FALSE(day_number("May 2024", d));
}

// Stored signatures are compared with those computed later: the values of a fixed text must
// never change (these were computed by the code that wrote schema versions 2 to 5).
TEST(MinHash, SignaturesStayTheSameAcrossVersions) {
  const std::string text =
      "Egypt and Qatar proposed a new ceasefire on Monday, officials said, as talks resumed in "
      "Cairo. \u201cWe are close,\u201d a mediator told reporters; Hamas rejected the terms.";
  EXPECT_EQ(MinHash::of(text).to_hex(),
            "08fabab6078b67931b4390fb06e81f5203a134b60863c668052531c00bf709a903b76eb8053730640129e4"
            "4a071962220a0f51a902041bd4007c5d42024f7d4f13c446cf02d537da15eb901108c7f7990267ebf915dd"
            "5fb1155ac6ce1009d7110c22f9210325205d027cfd3f0dcaad6901452258113af4f204f454880e6afa5c04"
            "d30e820273dce01a0fc643005048cc0fe02fb405e4620d1afea59e1c446fae06e8f8050c7ac1d9126cf436"
            "00490b35032b15b611e1b4af0d7a430f0dd99f9c03b813570925024801b32c501445211a09dcc5fc210052"
            "dd04ba712c05e00a04007271b310ff80e0018fede50cf3426e09891abd0ffa387d01820e9225570c3d");
  EXPECT_EQ(MinHash::of("one two").to_hex(),
            "3b37028ba81538d6d6d1f2ae2d0da630a8f41a6abf1cf0d79e291012ad3892ef0050aa862d91db86afb9ad"
            "6ff81e0a67ed83ade11b10a4dcf689015e73bc0501235e4abed309f22ac3097db74192b605d576a11a7e68"
            "a2ed180ba87b810c7e889e0bd005e8fa98a16e3520f6126577595ec115f80513bf252b9a9f4cb6dabb5a2d"
            "0414a3086f5c96c245a67680b4a47ceffd661b1c63e434dbb0be30b5c53d1e7b3056def36a7bfaabe40bae"
            "4583c680bcb57f1222411818f05aaeb328e18caa9119676d64f9b20aaeae5ed2c23ea81ef8d88ed374f0f5"
            "f6a810befd2834e3bc6dbfb88e7e7c6e1a301e8cb6a1e3c697f7278abae1d05d608e89fb4fc555165e");
}

// The words search indexes and looks for (PostgreSQL's tsvector and tsquery literals).
TEST(SearchWords, SplitsFoldsAndQuotesLikeFts5) {
  using V = std::vector<std::string>;
  EXPECT_EQ(search_words("\u201cThe Caf\u00e9 TALKS\u201d\u2014resume, 2024; caf\u00e9 don't"),
            (V{"2024", "cafe", "don", "resume", "t", "talks", "the"}));
  // Letters of other scripts are words; invalid bytes and symbols separate them.
  EXPECT_EQ(search_words("\u05e9\u05dc\u05d5\u05dd \xff\xfe"
                         "abc\xc3 \u20ac5 \u0130stanbul"),
            (V{"5", "abc", "istanbul", "\u05e9\u05dc\u05d5\u05dd"}));
  EXPECT_TRUE(search_words(" -- !! ").empty());
  EXPECT_TRUE(search_words(std::string(3000, 'a')).empty());  // over PostgreSQL's lexeme limit
  EXPECT_EQ(tsvector_literal("b a b"), "'a' 'b'");
  // The binary form: the number of words, then each word, a NUL and no positions.
  EXPECT_EQ(tsvector_binary("b a b"), std::string("\0\0\0\2a\0\0\0b\0\0\0", 12));
  EXPECT_EQ(tsvector_binary(" -- "), std::string(4, '\0'));
  EXPECT_EQ(tsquery_literal("Gaza, ceasefire"), "'ceasefire' & 'gaza'");
  EXPECT_EQ(tsquery_literal("\"(* AND"), "'and'");
  EXPECT_EQ(tsquery_literal("..."), "");
  // A huge article keeps its words under the 1 MB a tsvector may hold.
  std::string many;
  for (int i = 0; i < 200000; ++i) many += "w" + std::to_string(i) + " ";
  const std::string huge = tsvector_literal(many);
  const size_t words = static_cast<size_t>(std::count(huge.begin(), huge.end(), '\'')) / 2;
  const size_t lexeme_bytes = huge.size() + 1 - 3 * words;  // less the quotes and blanks
  EXPECT_GT(lexeme_bytes, 900000u);
  EXPECT_LE(lexeme_bytes, 1000000u);
}

// Words are ordered by their bytes (PostgreSQL's order for a tsvector's lexemes), whatever
// their length and however long a prefix they share; the sort compares 8-byte prefixes first.
TEST(SearchWords, SortedByTheirBytesAcrossSharedPrefixes) {
  std::vector<std::string> pool = {"internal",
                                   "international",
                                   "internationally",
                                   "internationals",
                                   "internation",
                                   "interna",
                                   "intern",
                                   "a",
                                   "ab",
                                   "abcdefgh",
                                   "abcdefghi",
                                   "abcdefgha",
                                   "\u00e9t\u00e9",
                                   "zz9",
                                   "9",
                                   "\u05e9\u05dc\u05d5\u05dd"};
  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    std::string text;
    std::vector<std::string> expected;
    for (int k = 0; k < 40; ++k) {
      std::string w = pool[rng() % pool.size()];
      if (rng() % 3 == 0) w += std::to_string(rng() % 1000);
      text += w + (k % 2 ? " " : ", ");
      for (std::string folded : search_words(w)) expected.push_back(folded);
    }
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    EXPECT_EQ(search_words(text), expected) << text;
  }
}

}  // namespace
}  // namespace parley::store

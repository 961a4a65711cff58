// `parley serve` against a live server: the samples analysed and stored in a fresh SQLite
// store, the server started in-process on an ephemeral loopback port, and every request made
// over TCP — the API's answers, its refusals, the static files and the OpenAPI document.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "../store/store_test_support.hpp"
#include "../test_support.hpp"
#include "parley/parley.hpp"
#include "parley/serve/api.hpp"
#include "parley/serve/server.hpp"
#include "parley/store/store.hpp"

namespace parley::serve {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr const char* kToken = "test-token-0123456789";

// One request with exactly these bytes on the wire (httplib's client would normalise paths),
// and the whole reply.
std::string raw_request(int port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return {};
  }
  std::size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string reply;
  char buf[4096];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) reply.append(buf, n);
  close(fd);
  return reply;
}

int status_of(const std::string& reply) {
  return reply.size() > 12 ? std::atoi(reply.c_str() + 9) : 0;
}

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    db_ = dir_->path() + "/parley.db";
    analyzer_ = new Analyzer();
    {
      auto store = store::Store::open(db_, store::Mode::ReadWrite);
      const int64_t run = store.begin_run({"test", "models", "lexicon", ""});
      std::vector<std::string> files = {test::source_dir() + "/samples/cairo-talks.txt"};
      for (const auto& e : fs::directory_iterator(test::source_dir() + "/samples/wikinews"))
        if (e.path().extension() == ".txt") files.push_back(e.path().string());
      std::sort(files.begin(), files.end());
      files.resize(std::min<std::size_t>(files.size(), 16));
      for (const auto& f : files) docs_.push_back(analyzer_->analyze(test::read_file(f)));
      std::vector<const Article*> batch;
      for (const auto& d : docs_) batch.push_back(&d);
      store.store_batch(batch, run);
    }
    // The web root, a file beside it that must never be served, and a symlink pointing out.
    web_ = dir_->path() + "/web";
    dir_->write("web/index.html", "<!doctype html><title>dash</title>");
    dir_->write("web/assets/app.js", "console.log(1)");
    dir_->write("secret.txt", "SECRET");
    fs::create_symlink(dir_->path() + "/secret.txt", web_ + "/link.txt");

    ServerOptions o;
    o.port = 0;
    o.web_root = web_;
    o.code_token = kToken;
    o.max_body = 64 * 1024;
    o.openapi_path = test::source_dir() + "/data/serve/openapi.json";
    server_ = new Server(o, analyzer_);
    api_ = new Api(db_, std::chrono::milliseconds(2000));
    api_->install(*server_);
    server_->bind();
    thread_ = new std::thread([] { server_->run(); });
    while (!server_->running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  static void TearDownTestSuite() {
    server_->stop();
    thread_->join();
    delete thread_;
    delete server_;
    delete api_;
    delete analyzer_;
    delete dir_;
  }

  static httplib::Client client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(30);
    return c;
  }
  static Json get_json(const std::string& path, int expect = 200) {
    auto c = client();
    auto res = c.Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, expect) << path << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json") << path;
    EXPECT_FALSE(res->has_header("Access-Control-Allow-Origin")) << path;
    Json j = Json::parse(res->body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << path << ": " << res->body;
    return j;
  }
  static void expect_400(const std::string& path, const std::string& parameter) {
    Json j = get_json(path, 400);
    EXPECT_TRUE(j.contains("error")) << path;
    EXPECT_EQ(j.value("parameter", ""), parameter) << path << ": " << j.dump();
  }

  static inline test::TempDir* dir_;
  static inline std::string db_, web_;
  static inline Analyzer* analyzer_;
  static inline Server* server_;
  static inline Api* api_;
  static inline std::thread* thread_;
  static inline std::vector<Article> docs_;  // what the store holds, coded once
};

// A second server over a store, on its own port, for as long as it lives.
class ExtraServer {
 public:
  ExtraServer(const std::string& db, ServerOptions o, std::chrono::milliseconds query_timeout)
      : api_(db, query_timeout), server_(std::move(o), nullptr) {
    api_.install(server_);
    server_.bind();
    thread_ = std::thread([this] { server_.run(); });
    while (!server_.running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~ExtraServer() {
    server_.stop();
    thread_.join();
  }
  httplib::Result get(const std::string& path) {
    httplib::Client c("127.0.0.1", server_.port());
    c.set_read_timeout(30);
    return c.Get(path.c_str());
  }

 private:
  Api api_;
  Server server_;
  std::thread thread_;
};

TEST_F(ServeTest, EventsArePagedAndCarryTheirEvidence) {
  Json all = get_json("/api/events?limit=500");
  ASSERT_GT(all["items"].size(), 5u);
  EXPECT_TRUE(all["next_offset"].is_null());
  Json p1 = get_json("/api/events?limit=3");
  Json p2 = get_json("/api/events?limit=3&offset=3");
  ASSERT_EQ(p1["items"].size(), 3u);
  EXPECT_EQ(p1["next_offset"], 3);
  std::set<std::string> ids;
  for (const Json& e : p1["items"]) ids.insert(e["id"].get<std::string>());
  for (const Json& e : p2["items"]) EXPECT_FALSE(ids.count(e["id"].get<std::string>()));
  // Every event points at a sentence of a stored article, and the offsets give that sentence.
  const Json& e = all["items"][0];
  ASSERT_FALSE(e["mentions"].empty());
  const Json& m = e["mentions"][0];
  Json article = get_json("/api/articles/" + m["article_id"].get<std::string>());
  const std::string text = article["text"];
  const auto start = m["evidence_start"].get<std::size_t>(),
             end = m["evidence_end"].get<std::size_t>();
  ASSERT_LE(end, text.size());
  EXPECT_EQ(text.substr(start, end - start), m["evidence_text"].get<std::string>());
}

TEST_F(ServeTest, FiltersNarrowTheEvents) {
  Json all = get_json("/api/events?limit=500");
  std::string code;
  for (const Json& e : all["items"])
    if (!e["source_code"].get<std::string>().empty()) code = e["source_code"];
  ASSERT_FALSE(code.empty());
  Json some = get_json("/api/events?limit=500&actor=" + code);
  ASSERT_FALSE(some["items"].empty());
  EXPECT_LT(some["items"].size(), all["items"].size());
  for (const Json& e : some["items"])
    EXPECT_TRUE(e["source_code"] == code || e["target_code"] == code) << e.dump();
  Json q4 = get_json("/api/events?limit=500&quad=4");
  for (const Json& e : q4["items"]) EXPECT_EQ(e["quad_class"], 4);
  Json none = get_json("/api/events?from=1990-01-01&to=1990-01-02");
  EXPECT_TRUE(none["items"].empty());
}

TEST_F(ServeTest, TimelineCountsEveryEvent) {
  Json all = get_json("/api/events?limit=500");
  Json t = get_json("/api/timeline?bucket=month&group=quad");
  int64_t total = 0;
  for (const Json& r : t["items"]) total += r["count"].get<int64_t>();
  // Undated events have no place on a timeline.
  int64_t dated = 0;
  for (const Json& e : all["items"]) dated += !e["date"].get<std::string>().empty();
  EXPECT_GT(dated, 0);
  EXPECT_EQ(total, dated);
  Json n = get_json("/api/network?limit=5");
  EXPECT_LE(n["items"].size(), 5u);
}

TEST_F(ServeTest, ArticleHasItsSpans) {
  Json list = get_json("/api/articles?limit=100");
  ASSERT_GE(list["items"].size(), 10u);
  bool any_event = false;
  for (const Json& a : list["items"]) {
    Json full = get_json("/api/articles/" + a["id"].get<std::string>());
    EXPECT_EQ(full["title"], a["title"]);
    any_event |= !full["events"].empty();
  }
  EXPECT_TRUE(any_event);
  Json missing = get_json("/api/articles/nosuchid", 404);
  EXPECT_TRUE(missing.contains("error"));
}

TEST_F(ServeTest, DisputesPointAtTheirSentences) {
  Json d = get_json("/api/disputes");
  ASSERT_FALSE(d["items"].empty());
  for (const Json& topic : d["items"]) {
    ASSERT_GE(topic["sides"].size(), 2u);
    for (const Json& side : topic["sides"]) {
      const Json& e = side["evidence"];
      ASSERT_TRUE(e["article_id"].is_string()) << side.dump();
      const std::string text =
          get_json("/api/articles/" + e["article_id"].get<std::string>())["text"];
      const auto start = e["start"].get<std::size_t>(), end = e["end"].get<std::size_t>();
      ASSERT_LE(end, text.size());
      EXPECT_EQ(text.substr(start, end - start), e["text"].get<std::string>());
    }
  }
}

TEST_F(ServeTest, BadParametersAreClear400s) {
  expect_400("/api/events?limit=0", "limit");
  expect_400("/api/events?limit=501", "limit");
  expect_400("/api/events?limit=ten", "limit");
  expect_400("/api/events?offset=-1", "offset");
  expect_400("/api/events?from=2024-13-01", "from");
  expect_400("/api/events?from=2023-02-29", "from");
  expect_400("/api/events?from=2024-05-02&to=2024-05-01", "to");
  expect_400("/api/events?quad=5", "quad");
  expect_400("/api/events?root=21", "root");
  expect_400("/api/events?code=19x", "code");
  expect_400("/api/events?country=IS", "country");
  expect_400("/api/events?negated=maybe", "negated");
  expect_400("/api/events?colour=red", "colour");
  expect_400("/api/events?limit=1&limit=2", "limit");
  expect_400("/api/events?text=a%01b", "text");
  expect_400("/api/events?place=%ff%fe", "place");
  expect_400("/api/events?text=" + std::string(300, 'a'), "text");
  expect_400("/api/timeline?bucket=year", "bucket");
  expect_400("/api/timeline?group=outlet", "group");
  expect_400("/api/stats?x=1", "x");
  // SQL stays data: a quote in a filter finds nothing and breaks nothing.
  Json j = get_json("/api/events?place=x'%20OR%201=1--&actor_name=%22;DROP%20TABLE%20events");
  EXPECT_TRUE(j["items"].empty());
  EXPECT_FALSE(get_json("/api/events")["items"].empty());
}

TEST_F(ServeTest, UnknownPathsAndMethods) {
  EXPECT_EQ(get_json("/api/nothing", 404)["error"], "no such endpoint");
  auto c = client();
  auto del = c.Delete("/api/events");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
  // No CORS: a preflight is refused and no response allows another origin.
  auto opt = c.Options("/api/events");
  ASSERT_TRUE(opt);
  EXPECT_EQ(opt->status, 405);
  EXPECT_FALSE(opt->has_header("Access-Control-Allow-Origin"));
  httplib::Headers origin = {{"Origin", "http://evil.example"}};
  auto res = c.Get("/api/events", origin);
  ASSERT_TRUE(res);
  EXPECT_FALSE(res->has_header("Access-Control-Allow-Origin"));
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST_F(ServeTest, StaticFilesStayInsideTheWebRoot) {
  auto get = [](const std::string& target) {
    return raw_request(server_->port(),
                       "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  };
  std::string index = get("/");
  EXPECT_EQ(status_of(index), 200);
  EXPECT_NE(index.find("<title>dash</title>"), std::string::npos);
  EXPECT_NE(index.find("text/html"), std::string::npos);
  EXPECT_EQ(status_of(get("/assets/app.js")), 200);
  for (const std::string& bad : std::vector<std::string>{
           "/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
           "/%2E%2E%2Fsecret.txt", "/assets/..%2f..%2fsecret.txt", "/..%5csecret.txt",
           "//etc/passwd", "/etc/passwd", "/" + dir_->path() + "/secret.txt", "/link.txt",
           "/index.html%00.js", "/nothing.html"}) {
    const std::string reply = get(bad);
    EXPECT_NE(status_of(reply), 200) << bad;
    EXPECT_EQ(reply.find("SECRET"), std::string::npos) << bad;
    EXPECT_EQ(reply.find("root:"), std::string::npos) << bad;
  }
  EXPECT_EQ(resolve_static(web_, "/"), fs::canonical(web_ + "/index.html").string());
  EXPECT_EQ(resolve_static(web_, "/link.txt"), "");
  EXPECT_EQ(resolve_static(web_, "/../secret.txt"), "");
  EXPECT_EQ(resolve_static(web_, dir_->path() + "/secret.txt"), "");
}

TEST_F(ServeTest, RequestLimits) {
  // A request line over httplib's limit (8 KiB) and a body over --max-body are refused.
  std::string reply =
      raw_request(server_->port(), "GET /api/events?text=" + std::string(9000, 'a') +
                                       " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_of(reply), 414);
  auto c = client();
  httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kToken}};
  auto big = c.Post("/api/code", auth, std::string(100 * 1024, 'a'), "text/plain");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
}

TEST_F(ServeTest, CodeNeedsTheTokenAndCodesTheArticle) {
  auto c = client();
  const std::string text =
      "Talks resume\n\nCAIRO (Reuters) - Egypt hosted talks between Israel and Hamas on Monday, "
      "and Qatar urged both sides to accept a ceasefire.";
  auto none = c.Post("/api/code", text, "text/plain");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  auto wrong = c.Post("/api/code", {{"Authorization", "Bearer nope"}}, text, "text/plain");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kToken}};
  auto ok = c.Post("/api/code", auth, text, "text/plain");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  Json j = Json::parse(ok->body);
  EXPECT_FALSE(j["actors"].empty());
  EXPECT_FALSE(j["events"].empty());
  Json body = {{"text", text}, {"date", "2024-05-02"}, {"source", "Test"}};
  auto js = c.Post("/api/code", auth, body.dump(), "application/json");
  ASSERT_TRUE(js);
  ASSERT_EQ(js->status, 200);
  EXPECT_EQ(Json::parse(js->body)["date"], "2024-05-02");
  auto bad = c.Post("/api/code", auth, "{\"text\": 3}", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto utf = c.Post("/api/code", auth, "caf\xc3", "text/plain");
  ASSERT_TRUE(utf);
  EXPECT_EQ(utf->status, 400);
}

// ---- The OpenAPI document against the real responses --------------------------------------

class SchemaChecker {
 public:
  explicit SchemaChecker(const Json& doc) : doc_(doc) {}
  // Empty when `value` fits `schema`, else what does not, with its JSON path.
  std::string check(const Json& schema, const Json& value, const std::string& where) const {
    if (schema.contains("$ref")) return check(resolve(schema["$ref"]), value, where);
    if (schema.contains("type")) {
      bool fits = false;
      const Json types = schema["type"].is_array() ? schema["type"] : Json::array({schema["type"]});
      for (const Json& t : types) fits |= is(t.get<std::string>(), value);
      if (!fits)
        return where + ": " + value.dump().substr(0, 80) + " is not " + schema["type"].dump();
    }
    if (schema.contains("enum")) {
      bool found = false;
      for (const Json& v : schema["enum"]) found |= v == value;
      if (!found) return where + ": " + value.dump() + " not in enum";
    }
    if (value.is_object()) {
      for (const Json& r : schema.value("required", Json::array()))
        if (!value.contains(r.get<std::string>()))
          return where + ": missing required '" + r.get<std::string>() + "'";
      const Json properties = schema.value("properties", Json::object());
      for (const auto& [k, s] : properties.items())
        if (value.contains(k))
          if (auto e = check(s, value[k], where + "." + k); !e.empty()) return e;
    }
    if (value.is_array() && schema.contains("items"))
      for (std::size_t i = 0; i < value.size(); ++i)
        if (auto e = check(schema["items"], value[i], where + "[" + std::to_string(i) + "]");
            !e.empty())
          return e;
    return {};
  }
  Json resolve(const Json& ref) const {
    std::string p = ref.get<std::string>();
    return doc_.at(Json::json_pointer(p.substr(1)));
  }

 private:
  static bool is(const std::string& t, const Json& v) {
    if (t == "object") return v.is_object();
    if (t == "array") return v.is_array();
    if (t == "string") return v.is_string();
    if (t == "integer") return v.is_number_integer();
    if (t == "number") return v.is_number();
    if (t == "boolean") return v.is_boolean();
    if (t == "null") return v.is_null();
    return false;
  }
  const Json& doc_;
};

TEST_F(ServeTest, OpenApiDescribesTheRealResponses) {
  const Json doc = get_json("/api/openapi.json");
  ASSERT_TRUE(doc.contains("paths"));
  SchemaChecker checker(doc);
  std::string some_article = get_json("/api/articles?limit=1")["items"][0]["id"];
  int checked = 0;
  for (const auto& [path, ops] : doc["paths"].items()) {
    if (!ops.contains("get")) continue;
    std::string url = path;
    if (auto p = url.find("{id}"); p != std::string::npos) url.replace(p, 4, some_article);
    // Every parameter the document lists must be accepted.
    for (const Json& p : ops["get"].value("parameters", Json::array())) {
      const Json param = p.contains("$ref") ? checker.resolve(p["$ref"]) : p;
      if (param["in"] != "query") continue;
      const std::string name = param["name"];
      if (name == "limit" || name == "offset" || name == "bucket" || name == "group") continue;
      auto res = client().Get((url + "?" + name + "=").c_str());
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 200) << url << " does not take " << name << ": " << res->body;
    }
    Json value = get_json(url);
    const Json schema = ops["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    EXPECT_EQ(checker.check(schema, value, url), "");
    ++checked;
    // A 400 the document promises has the promised shape.
    if (ops["get"]["responses"].contains("400")) {
      Json bad = get_json(url + "?nonsense=1", 400);
      Json bad_schema = checker.resolve(ops["get"]["responses"]["400"]["$ref"]);
      EXPECT_EQ(checker.check(bad_schema["content"]["application/json"]["schema"], bad, url), "");
    }
  }
  EXPECT_GE(checked, 14);
}

// SQLite queries stop at --query-timeout (the progress handler), answered 503 with a JSON
// error; the connection goes back to the pool and serves the next request.
TEST_F(ServeTest, SqliteQueryPastTheTimeLimitIs503) {
  ServerOptions o;
  o.port = 0;
  o.cache_ttl = std::chrono::milliseconds(0);  // every request queries the store
  {
    // A limit no query can meet.
    ExtraServer slow(db_, o, std::chrono::milliseconds(0));
    auto res = slow.get("/api/events?limit=500");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 503) << res->body;
    Json j = Json::parse(res->body, nullptr, false);
    EXPECT_NE(j.value("error", "").find("time limit"), std::string::npos) << res->body;
    EXPECT_EQ(res->body.find("SQLite"), std::string::npos) << "no internals: " << res->body;
  }
  ExtraServer fine(db_, o, std::chrono::milliseconds(5000));
  for (int i = 0; i < 3; ++i) {
    auto res = fine.get("/api/events?limit=500");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
  }
}

// The same corpus stored in PostgreSQL (scripts/test.sh starts a server): `parley serve` over it
// answers as over SQLite.
TEST_F(ServeTest, PostgresqlStoreGivesTheSameAnswers) {
  test::TestDb pg("postgresql");
  if (!pg.available())
    GTEST_SKIP() << "PARLEY_TEST_POSTGRES not set: scripts/test.sh starts a PostgreSQL server";
  {
    auto store = store::Store::open(pg.url(), store::Mode::ReadWrite);
    const int64_t run = store.begin_run({"test", "models", "lexicon", ""});
    std::vector<const Article*> batch;
    for (const auto& d : docs_) batch.push_back(&d);
    store.store_batch(batch, run);
  }
  ServerOptions o;
  o.port = 0;
  ExtraServer server(pg.url(), o, std::chrono::milliseconds(5000));
  auto same = [&](const std::string& path) {
    auto res = server.get(path);
    ASSERT_TRUE(res) << path;
    ASSERT_EQ(res->status, 200) << path << ": " << res->body;
    Json want = get_json(path);
    Json got = Json::parse(res->body);
    // Means of doubles may differ in the last bits between the two databases' sums.
    auto round = [](Json& j, auto& self) -> void {
      if (j.is_number_float()) j = std::round(j.get<double>() * 1e9) / 1e9;
      if (j.is_structured())
        for (Json& x : j) self(x, self);
    };
    round(want, round);
    round(got, round);
    if (path == "/api/stats") want.erase("backend"), got.erase("backend");
    EXPECT_EQ(got, want) << path;
  };
  same("/api/events?limit=500");
  same("/api/events?limit=20&offset=5&quad=4");
  same("/api/timeline?bucket=week&group=quad");
  same("/api/timeline?bucket=month&group=dyad");
  same("/api/network?limit=50");
  same("/api/actors?limit=100");
  same("/api/quotes?limit=100");
  same("/api/matrix");
  same("/api/articles?limit=100");
  same("/api/stats");
}

}  // namespace
}  // namespace parley::serve

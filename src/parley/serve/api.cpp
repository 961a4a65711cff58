#include "parley/serve/api.hpp"

#include <httplib.h>

#include <algorithm>
#include <charconv>
#include <iostream>
#include <map>
#include <set>

#include "parley/store/backend.hpp"

namespace parley::serve {

namespace {

using store::Filter;

// Every value of a parameter: repeated (?actor=A&actor=B) and comma-separated (?actor=A,B).
std::vector<std::string> values(const httplib::Request& req, const std::string& name) {
  std::vector<std::string> out;
  auto [b, e] = req.params.equal_range(name);
  for (auto it = b; it != e; ++it) {
    std::string_view v = it->second;
    while (true) {
      const auto comma = v.find(',');
      std::string_view part = v.substr(0, comma);
      if (!part.empty()) out.emplace_back(part);
      if (comma == std::string_view::npos) break;
      v.remove_prefix(comma + 1);
    }
  }
  return out;
}

// The one value of a parameter; "" when absent. Given twice is an error: which would win?
std::string single(const httplib::Request& req, const std::string& name) {
  if (req.params.count(name) > 1) throw BadRequest(name, name + " is given more than once");
  auto it = req.params.find(name);
  return it == req.params.end() ? std::string() : it->second;
}

bool all_of(std::string_view s, bool (*ok)(char)) {
  return std::all_of(s.begin(), s.end(), ok);
}
bool upper_or_digit(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool digit(char c) {
  return c >= '0' && c <= '9';
}
bool plover_char(char c) {
  return upper(c) || c == '_' || c == '-';
}
bool id_char(char c) {
  return upper_or_digit(c) || (c >= 'a' && c <= 'z') || c == '-' || c == '_';
}

std::vector<std::string> list_param(const httplib::Request& req, const std::string& name,
                                    bool (*ok)(char), std::size_t min_len, std::size_t max_len,
                                    const char* what) {
  std::vector<std::string> out = values(req, name);
  if (out.size() > 50) throw BadRequest(name, name + ": at most 50 values");
  for (std::string& v : out) {
    // Codes are upper case; accept "isr" as "ISR".
    if (ok != digit && ok != id_char)
      for (char& c : v)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (v.size() < min_len || v.size() > max_len || !all_of(v, ok))
      throw BadRequest(name, name + ": '" + v.substr(0, 40) + "' is not " + what);
  }
  return out;
}

// Free text (place, outlet, names, search): bounded, valid UTF-8, no control characters.
std::string text_param(const httplib::Request& req, const std::string& name,
                       std::size_t max_len = 200) {
  std::string v = single(req, name);
  if (v.size() > max_len)
    throw BadRequest(name, name + ": at most " + std::to_string(max_len) + " bytes");
  for (std::size_t i = 0; i < v.size();) {
    const auto c = static_cast<unsigned char>(v[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > v.size()) throw BadRequest(name, name + ": invalid UTF-8");
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(v[i + k]) >> 6) != 2)
        throw BadRequest(name, name + ": invalid UTF-8");
    if (c < 0x20 || c == 0x7f) throw BadRequest(name, name + ": control characters");
    i += n;
  }
  return v;
}

bool valid_date(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!digit(d[i])) return false;
  const int y = std::stoi(d.substr(0, 4)), m = std::stoi(d.substr(5, 2)),
            day = std::stoi(d.substr(8, 2));
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || day < 1 || day > days[m - 1]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && day == 29 && !leap);
}

std::string date_param(const httplib::Request& req, const std::string& name) {
  std::string v = single(req, name);
  if (!v.empty() && !valid_date(v))
    throw BadRequest(name, name + ": '" + v.substr(0, 20) + "' is not a date (YYYY-MM-DD)");
  return v;
}

int64_t int_param(const httplib::Request& req, const std::string& name, int64_t fallback,
                  int64_t lo, int64_t hi) {
  const std::string v = single(req, name);
  if (v.empty()) return fallback;
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < lo || n > hi)
    throw BadRequest(name, name + ": '" + v.substr(0, 20) + "' is not an integer from " +
                               std::to_string(lo) + " to " + std::to_string(hi));
  return n;
}

std::optional<bool> bool_param(const httplib::Request& req, const std::string& name) {
  const std::string v = single(req, name);
  if (v.empty()) return std::nullopt;
  if (v == "true" || v == "1") return true;
  if (v == "false" || v == "0") return false;
  throw BadRequest(name, name + ": '" + v.substr(0, 20) + "' is not true or false");
}

std::string choice_param(const httplib::Request& req, const std::string& name,
                         const std::vector<std::string>& allowed, const std::string& fallback) {
  const std::string v = single(req, name);
  if (v.empty()) return fallback;
  if (std::find(allowed.begin(), allowed.end(), v) != allowed.end()) return v;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  throw BadRequest(name, name + ": '" + v.substr(0, 20) + "' is not one of " + list);
}

const std::vector<std::string> kFilterParams = {
    "actor",  "actor_prefix", "actor_name", "country", "code",   "root", "quad",
    "plover", "from",         "to",         "place",   "outlet", "text", "negated",
    "modal",  "article",      "story",      "limit",   "offset"};

// A list answer with what the next page needs. The store is asked for one row more than the
// page, so whether there is a next page is known without counting.
Json page(Json rows, const Filter& f) {
  const bool more = f.limit > 0 && static_cast<int64_t>(rows.size()) > f.limit;
  if (more) rows.erase(rows.end() - 1);
  Json out = {{"limit", f.limit}, {"offset", f.offset}, {"count", rows.size()}};
  out["next_offset"] = more ? Json(f.offset + f.limit) : Json(nullptr);
  out["items"] = std::move(rows);
  return out;
}

}  // namespace

Filter parse_filter(const httplib::Request& req, const std::vector<std::string>& extra,
                    int64_t default_limit, int64_t max_limit) {
  for (const auto& [name, value] : req.params) {
    if (std::find(kFilterParams.begin(), kFilterParams.end(), name) == kFilterParams.end() &&
        std::find(extra.begin(), extra.end(), name) == extra.end())
      throw BadRequest(name, "unknown parameter '" + name.substr(0, 40) + "'");
  }
  Filter f;
  f.actor_codes = list_param(req, "actor", upper_or_digit, 1, 40, "an actor code");
  f.actor_prefixes = list_param(req, "actor_prefix", upper_or_digit, 1, 40, "an actor code");
  f.actor_name = text_param(req, "actor_name");
  f.countries = list_param(req, "country", upper, 3, 3, "a three-letter country code");
  f.cameo_codes = list_param(req, "code", digit, 2, 4, "a CAMEO code (2 to 4 digits)");
  f.cameo_roots = list_param(req, "root", digit, 2, 2, "a CAMEO root (2 digits)");
  for (const std::string& r : f.cameo_roots)
    if (std::stoi(r) < 1 || std::stoi(r) > 20)
      throw BadRequest("root", "root: '" + r + "' is not a CAMEO root (01 to 20)");
  for (const std::string& q : values(req, "quad")) {
    if (q.size() != 1 || q[0] < '1' || q[0] > '4')
      throw BadRequest("quad", "quad: '" + q.substr(0, 20) + "' is not a quad class (1 to 4)");
    f.quad_classes.push_back(q[0] - '0');
  }
  f.plover_types = list_param(req, "plover", plover_char, 2, 40, "a PLOVER event type");
  f.date_from = date_param(req, "from");
  f.date_to = date_param(req, "to");
  if (!f.date_from.empty() && !f.date_to.empty() && f.date_from > f.date_to)
    throw BadRequest("to", "to: " + f.date_to + " is before from: " + f.date_from);
  f.place = text_param(req, "place");
  if (!single(req, "outlet").empty()) {
    // Outlets may hold commas ("Reuters, London"): repeat the parameter instead of splitting.
    auto [b, e] = req.params.equal_range("outlet");
    for (auto it = b; it != e; ++it) {
      httplib::Request one;
      one.params.emplace("outlet", it->second);
      f.outlets.push_back(text_param(one, "outlet"));
    }
  }
  f.text = text_param(req, "text");
  f.negated = bool_param(req, "negated");
  f.modal = bool_param(req, "modal");
  auto ids = list_param(req, "article", id_char, 1, 128, "an article id");
  if (ids.size() > 1) throw BadRequest("article", "article: one id");
  if (!ids.empty()) f.article_id = ids[0];
  auto stories = list_param(req, "story", id_char, 1, 128, "a story id");
  if (stories.size() > 1) throw BadRequest("story", "story: one id");
  if (!stories.empty()) f.story_id = stories[0];
  f.limit = int_param(req, "limit", default_limit, 1, max_limit);
  f.offset = int_param(req, "offset", 0, 0, 1'000'000);
  return f;
}

// A PostgreSQL statement cancelled by statement_timeout becomes a 503; other store errors
// stay internal (500, detail logged).
template <class F>
auto guarded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const store::StoreError& e) {
    if (std::string_view(e.what()).find("statement timeout") != std::string_view::npos)
      throw QueryTimeout("the query ran past the time limit; narrow the filters");
    throw;
  }
}

// A connection borrowed for one request and given back after it.
class Api::Lease {
 public:
  explicit Lease(Api& api) : api_(api), store_(api.acquire()), start_(clock::now()) {
    // SQLite: the request's queries stop at the time limit (a 503); PostgreSQL's connections
    // carry statement_timeout.
    store_->backend().set_deadline(start_ + api_.slow_query_);
  }
  ~Lease() {
    store_->backend().set_deadline(std::nullopt);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start_);
    if (ms > api_.slow_query_) std::cerr << "parley serve: slow query: " << ms.count() << " ms\n";
    api_.release(std::move(store_));
  }
  store::Store& operator*() { return *store_; }
  store::Store* operator->() { return store_.get(); }

 private:
  using clock = std::chrono::steady_clock;
  Api& api_;
  std::unique_ptr<store::Store> store_;
  clock::time_point start_;
};

Api::Api(std::string db_url, std::chrono::milliseconds slow_query)
    : url_(std::move(db_url)), slow_query_(slow_query) {
  auto first = open_connection();
  const Json stats = first->stats();
  description_ =
      first->backend_name() + " " + url_ + ", schema " + std::to_string(first->version());
  if (stats.contains("articles")) description_ += ", " + stats["articles"].dump() + " articles";
  idle_.push_back(std::move(first));
}

Api::~Api() = default;

std::string Api::describe() const {
  return description_;
}

std::unique_ptr<store::Store> Api::acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      auto s = std::move(idle_.back());
      idle_.pop_back();
      return s;
    }
  }
  return open_connection();
}

std::unique_ptr<store::Store> Api::open_connection() const {
  auto s = std::make_unique<store::Store>(store::Store::open(url_, store::Mode::ReadOnly));
  // PostgreSQL cancels a statement past the limit itself; the request then fails with 503.
  // SQLite has no such setting: there the Lease sets a deadline its progress handler checks.
  if (s->backend_name() == "postgresql")
    s->backend().exec("SET statement_timeout = " + std::to_string(slow_query_.count()));
  return s;
}

void Api::release(std::unique_ptr<store::Store> s) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(s));
}

void Api::install(Server& server) {
  // Row endpoints: the filter, one row more than the page (see page()).
  using RowQuery = Json (store::Store::*)(const Filter&) const;
  const std::pair<const char*, RowQuery> row_queries[] = {
      {"events", &store::Store::events},           {"mentions", &store::Store::mentions},
      {"actors", &store::Store::actors},           {"quotes", &store::Store::quotes},
      {"claims", &store::Store::claims},           {"positions", &store::Store::positions},
      {"divergences", &store::Store::divergences}, {"articles", &store::Store::articles},
  };
  for (const auto& [name, query] : row_queries) {
    server.get_json(name, [this, query = query](const httplib::Request& req) {
      Filter f = parse_filter(req);
      Filter asked = f;
      ++f.limit;
      Lease s(*this);
      return page(guarded([&] { return ((*s).*query)(f); }), asked);
    });
  }
  server.get_json(R"(articles/([A-Za-z0-9_\-]{1,128}))", [this](const httplib::Request& req) {
    if (!req.params.empty())
      throw BadRequest(req.params.begin()->first, "an article takes no parameters");
    Lease s(*this);
    std::optional<Json> a = s->article(req.matches[1]);
    if (!a) throw NotFound("no article with id " + std::string(req.matches[1]));
    return *a;
  });
  server.get_json("stats", [this](const httplib::Request& req) {
    if (!req.params.empty())
      throw BadRequest(req.params.begin()->first, "stats takes no parameters");
    Lease s(*this);
    return s->stats();
  });
  // Aggregates are over every matching event: limit and offset bound their output only where
  // the store's answer is a list of rows (network, matrix, corpus divergences).
  server.get_json("timeline", [this](const httplib::Request& req) {
    Filter f = parse_filter(req, {"bucket", "group"});
    if (req.has_param("limit") || req.has_param("offset"))
      throw BadRequest(req.has_param("limit") ? "limit" : "offset", "the timeline is not paged");
    const std::string bucket = choice_param(req, "bucket", {"day", "week", "month"}, "day");
    const std::string group = choice_param(req, "group", {"none", "quad", "root", "dyad"}, "quad");
    f.limit = 0;
    Lease s(*this);
    return Json{{"bucket", bucket},
                {"group", group},
                {"items", guarded([&] {
                   return s->timeline(f, store::parse_bucket(bucket), store::parse_group(group));
                 })}};
  });
  const std::pair<const char*, RowQuery> aggregates[] = {
      {"network", &store::Store::network},
      {"matrix", &store::Store::positions_matrix},
  };
  for (const auto& [name, query] : aggregates) {
    server.get_json(name, [this, query = query](const httplib::Request& req) {
      Filter f = parse_filter(req, {}, 200, 2000);
      Filter asked = f;
      ++f.limit;
      Lease s(*this);
      return page(guarded([&] { return ((*s).*query)(f); }), asked);
    });
  }
  // Corpus divergences: the store gives each side's evidence as text only; the dashboard needs
  // the sentence's place in its article to drill down to it. Built here over the store's public
  // queries: each side's evidence is looked up among the filtered positions and claims (the store's
  // corpus_divergences() reads the very same rows). The store returns every topic, so the page is
  // cut here.
  server.get_json("disputes", [this](const httplib::Request& req) {
    Filter f = parse_filter(req, {}, 100, 2000);
    Filter all = f;
    all.limit = 0;
    all.offset = 0;
    Lease s(*this);
    Json topics = guarded([&] { return s->corpus_divergences(all); });
    // Keyed by article id and sentence: the store's evidence reads "<article id>: <sentence>".
    std::map<std::pair<std::string, std::string>, Json> where;
    auto index = [&](const Json& records) {
      for (const Json& r : records)
        where.emplace(std::make_pair(r.value("article_id", ""), r.value("evidence_text", "")),
                      Json{{"article_id", r["article_id"]},
                           {"start", r["evidence_start"]},
                           {"end", r["evidence_end"]},
                           {"text", r["evidence_text"]}});
    };
    index(guarded([&] { return s->positions(all); }));
    index(guarded([&] { return s->claims(all); }));
    Json out = Json::array();
    const auto first = static_cast<std::size_t>(f.offset);
    for (std::size_t i = first;
         i < topics.size() && out.size() <= static_cast<std::size_t>(f.limit); ++i) {
      Json d = std::move(topics[i]);
      for (Json& side : d["sides"]) {
        std::string text = side["evidence"].is_string() ? side["evidence"].get<std::string>() : "";
        std::string article;
        if (const auto colon = text.find(": "); colon != std::string::npos) {
          article = text.substr(0, colon);
          text.erase(0, colon + 2);
        }
        auto it = where.find({article, text});
        side["evidence"] = it != where.end() ? it->second
                                             : Json{{"article_id", nullptr},
                                                    {"start", nullptr},
                                                    {"end", nullptr},
                                                    {"text", text}};
      }
      out.push_back(std::move(d));
    }
    return page(std::move(out), f);
  });
}

}  // namespace parley::serve

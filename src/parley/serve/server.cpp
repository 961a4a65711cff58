#include "parley/serve/server.hpp"

#include <httplib.h>
#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <sstream>
#include <thread>

#include "parley/parley.hpp"

namespace parley::serve {

namespace fs = std::filesystem;

namespace {

// httplib's listen() uses a backlog of 5 (compiled into Debian's libcpp-httplib); a burst of
// 200 clients connecting at once would then see dropped SYNs and one-second retries. The
// listening socket is protected in httplib::Server, so a subclass widens the backlog.
class HttpServer : public httplib::Server {
 public:
  void widen_backlog(int backlog) {
    socket_t s = svr_sock_;
    if (s != INVALID_SOCKET) ::listen(s, backlog);
  }
};

void send_json(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& message,
                const std::string& parameter = {}) {
  Json body = {{"error", message}};
  if (!parameter.empty()) body["parameter"] = parameter;
  send_json(res, status, body);
}

// A cached answer written straight from the cache's buffer: set_content() would copy it (an
// event page is ~48 KB), and under load those copies and their allocations were the server's
// largest user-space cost after the kernel's own copying.
void send_shared(httplib::Response& res, std::shared_ptr<const std::string> body) {
  const std::size_t size = body->size();
  res.set_content_provider(
      size, "application/json",
      [body = std::move(body)](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        return sink.write(body->data() + offset, std::min(length, body->size() - offset));
      });
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every response: no MIME sniffing, no framing, scripts and data from this origin only. ECharts
// sets inline styles, hence 'unsafe-inline' for styles (not scripts).
const httplib::Headers kSecurityHeaders = {
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
    {"Content-Security-Policy",
     "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
     "frame-ancestors 'none'"},
};

}  // namespace

std::string content_type_for(const std::string& path) {
  static const std::pair<const char*, const char*> types[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  };
  std::string ext = fs::path(path).extension().string();
  for (const auto& [e, t] : types)
    if (ext == e) return t;
  return "application/octet-stream";
}

std::string resolve_static(const std::string& root, const std::string& url_path) {
  if (root.empty() || url_path.empty() || url_path[0] != '/') return {};
  if (url_path.find('\0') != std::string::npos || url_path.find('\\') != std::string::npos)
    return {};
  // Refuse ".." (and "." ) segments outright rather than normalising them away: no legitimate
  // dashboard URL has one.
  std::string rel = url_path.substr(1);
  std::istringstream segments(rel);
  for (std::string seg; std::getline(segments, seg, '/');)
    if (seg == ".." || seg == ".") return {};
  std::error_code ec;
  const fs::path base = fs::canonical(root, ec);
  if (ec) return {};
  fs::path candidate = base / fs::path(rel);  // rel has no leading '/', so it stays under base
  if (fs::is_directory(candidate, ec)) candidate /= "index.html";
  const fs::path real = fs::canonical(candidate, ec);  // follows symlinks
  if (ec || !fs::is_regular_file(real, ec)) return {};
  // The real path must still be inside the root: a symlink pointing out is refused.
  auto [b, r] = std::mismatch(base.begin(), base.end(), real.begin(), real.end());
  if (b != base.end()) return {};
  return real.string();
}

// Answers of GET /api endpoints by request target (path and canonical parameters). Entries
// expire after the TTL; when the bytes exceed the bound, the older half is dropped.
struct Server::Cache {
  using clock = std::chrono::steady_clock;
  struct Entry {
    std::shared_ptr<const std::string> body;  // null while the first answer is computed
    clock::time_point born;
    bool refreshing = false;
  };
  // Hits take the lock shared: 200 workers on two cores are preempted all the time, and a
  // worker preempted while it held an exclusive lock stalled every other request until the
  // scheduler came back to it. Only misses, refreshes and insertions take it exclusively.
  std::shared_mutex mutex;
  std::condition_variable_any ready;
  std::map<std::string, Entry> entries;
  std::size_t bytes = 0;

  static std::size_t size_of(const std::string& key, const Entry& e) {
    return key.size() + (e.body ? e.body->size() : 0);
  }

  // The answer for `key`, or nullptr when the caller must compute it (and then call put() or
  // abandon()). One caller computes a missing or expired answer: the others wait for the first
  // answer, or keep getting the expired one meanwhile, so a burst of identical requests (or an
  // expiry under load) sends one query to the database, not hundreds.
  std::shared_ptr<const std::string> get(const std::string& key, std::chrono::milliseconds ttl,
                                         std::chrono::milliseconds wait) {
    {
      std::shared_lock<std::shared_mutex> shared(mutex);
      auto it = entries.find(key);
      if (it != entries.end() && it->second.body && clock::now() - it->second.born <= ttl)
        return it->second.body;
    }
    std::unique_lock<std::shared_mutex> lock(mutex);
    auto it = entries.find(key);
    if (it == entries.end()) {
      entries.emplace(key, Entry{nullptr, clock::now(), true});
      bytes += key.size();
      return nullptr;
    }
    if (!it->second.body) {
      ready.wait_for(lock, wait, [&] {
        auto j = entries.find(key);
        return j == entries.end() || j->second.body != nullptr;
      });
      auto j = entries.find(key);
      return j == entries.end() ? nullptr : j->second.body;  // null: compute it yourself
    }
    Entry& e = it->second;
    if (clock::now() - e.born <= ttl) return e.body;
    if (e.refreshing && clock::now() - e.born <= 4 * ttl) return e.body;
    e.refreshing = true;
    return nullptr;
  }

  void put(const std::string& key, std::shared_ptr<const std::string> body, std::size_t bound) {
    std::lock_guard<std::shared_mutex> lock(mutex);
    const std::size_t size = body->size() + key.size();
    if (auto old = entries.find(key); old != entries.end()) {
      bytes -= size_of(old->first, old->second);
      entries.erase(old);
    }
    if (size <= bound / 4) {
      if (bytes + size > bound) {
        std::vector<std::pair<clock::time_point, std::string>> ages;
        for (const auto& [k, e] : entries)
          if (e.body) ages.emplace_back(e.born, k);
        std::sort(ages.begin(), ages.end());
        for (std::size_t i = 0; i < ages.size() / 2 + 1 && i < ages.size(); ++i) {
          auto it = entries.find(ages[i].second);
          bytes -= size_of(it->first, it->second);
          entries.erase(it);
        }
      }
      entries.emplace(key, Entry{std::move(body), clock::now(), false});
      bytes += size;
    }
    ready.notify_all();
  }

  // The computation failed (the error goes to its client): waiters compute for themselves.
  void abandon(const std::string& key) {
    std::lock_guard<std::shared_mutex> lock(mutex);
    auto it = entries.find(key);
    if (it != entries.end() && !it->second.body) {
      bytes -= size_of(it->first, it->second);
      entries.erase(it);
    } else if (it != entries.end()) {
      it->second.refreshing = false;
    }
    ready.notify_all();
  }
};

Server::Server(ServerOptions options, const Analyzer* analyzer)
    : options_(std::move(options)),
      analyzer_(analyzer),
      http_(std::make_unique<HttpServer>()),
      cache_(std::make_unique<Cache>()) {
  if (!options_.openapi_path.empty()) openapi_ = read_file(options_.openapi_path);
  if (!options_.web_root.empty()) {
    std::error_code ec;
    if (!fs::is_directory(options_.web_root, ec))
      throw std::runtime_error("--web-root " + options_.web_root + " is not a directory");
  }
  if (!options_.code_token.empty() && !analyzer_)
    throw std::runtime_error("POST /api/code needs an analyzer");
  install_routes();
}

Server::~Server() = default;

void Server::install_routes() {
  httplib::Server& h = *http_;
  // Enough workers that every keep-alive client of a burst has one (a connection holds its
  // worker while it is kept alive).
  const std::size_t threads = options_.threads ? options_.threads : 256;
  h.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  const auto io = static_cast<time_t>(options_.io_timeout.count());
  h.set_read_timeout(io);
  h.set_write_timeout(io);
  h.set_keep_alive_timeout(io);
  h.set_keep_alive_max_count(1000);
  h.set_payload_max_length(options_.max_body);
  h.set_tcp_nodelay(true);
  h.set_default_headers(kSecurityHeaders);

  // Only GET, HEAD and (for /api/code) POST; no CORS preflight: OPTIONS is refused like the rest.
  h.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (req.method != "GET" && req.method != "HEAD" && req.method != "POST") {
      send_error(res, 405, "method not allowed");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  h.set_exception_handler([](const httplib::Request& req, httplib::Response& res,
                             std::exception_ptr ep) {
    try {
      std::rethrow_exception(ep);
    } catch (const BadRequest& e) {
      send_error(res, 400, e.what(), e.parameter);
    } catch (const NotFound& e) {
      send_error(res, 404, e.what());
    } catch (const QueryTimeout& e) {
      send_error(res, 503, e.what());
    } catch (const std::exception& e) {
      // The detail goes to the operator's log, never to the client.
      std::cerr << "parley serve: " << req.method << ' ' << req.path << ": " << e.what() << '\n';
      send_error(res, 500, "internal error");
    } catch (...) {
      send_error(res, 500, "internal error");
    }
  });

  // Errors httplib raises itself (413 body too large, 414 URI too long, 404 without a route)
  // get a JSON body too, unless a handler already wrote one.
  h.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const char* msg = res.status == 404   ? "not found"
                          : res.status == 413 ? "request body too large"
                          : res.status == 414 ? "request URI too long"
                          : res.status == 400 ? "bad request"
                                              : "error";
        send_error(res, res.status, msg);
        return httplib::Server::HandlerResponse::Handled;
      }));

  h.Get("/api/openapi.json", [this](const httplib::Request&, httplib::Response& res) {
    if (openapi_.empty()) return send_error(res, 404, "no OpenAPI document loaded");
    res.set_content(openapi_, "application/json");
  });
  h.Get("/api/health", [](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, {{"status", "ok"}});
  });

  h.Post("/api/code", [this](const httplib::Request& req, httplib::Response& res) {
    if (options_.code_token.empty())
      return send_error(res, 404, "POST /api/code is off (start parley serve with --code-token)");
    const std::string auth = req.get_header_value("Authorization");
    const std::string expected = "Bearer " + options_.code_token;
    // Constant-time comparison, so the token cannot be guessed byte by byte from timings.
    bool ok = auth.size() == expected.size();
    unsigned char diff = 0;
    for (std::size_t i = 0; ok && i < auth.size(); ++i) diff |= auth[i] ^ expected[i];
    if (!ok || diff) return send_error(res, 401, "missing or wrong bearer token");
    ArticleMeta meta;
    std::string text;
    const std::string type = req.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) == 0) {
      Json body = Json::parse(req.body, nullptr, false);
      if (body.is_discarded() || !body.is_object())
        return send_error(res, 400, "the body is not a JSON object", "body");
      auto str = [&](const char* key) -> std::string {
        if (!body.contains(key)) return {};
        if (!body[key].is_string()) throw BadRequest(key, std::string(key) + " must be a string");
        return body[key].get<std::string>();
      };
      text = str("text");
      meta.title = str("title");
      meta.date = str("date");
      meta.source = str("source");
      meta.url = str("url");
    } else if (type.empty() || type.rfind("text/plain", 0) == 0) {
      text = req.body;
    } else {
      return send_error(res, 415, "send text/plain or application/json", "Content-Type");
    }
    if (text.empty()) return send_error(res, 400, "the article text is empty", "text");
    Article doc;
    try {
      doc = analyzer_->analyze(std::move(text), meta);
    } catch (const std::invalid_argument& e) {
      return send_error(res, 400, e.what(), "text");
    }
    res.set_content(analyzer_->to_json(doc), "application/json");
  });
}

void Server::get_json(const std::string& path, JsonHandler handler) {
  // httplib tries GET routes in the order they were added; the catch-alls come last, in bind().
  http_->Get("/api/" + path, [this, handler = std::move(handler)](const httplib::Request& req,
                                                                  httplib::Response& res) {
    const bool cached = options_.cache_ttl.count() > 0;
    if (!cached) return send_json(res, 200, handler(req));
    // The parameters in httplib's (sorted) order, so ?a=1&b=2 and ?b=2&a=1 share an entry.
    std::string key;
    key.reserve(req.target.size() + 8);
    key += req.path;
    for (const auto& [k, v] : req.params) {
      key += '\x1f';
      key += k;
      key += '\x1e';
      key += v;
    }
    if (auto body = cache_->get(key, options_.cache_ttl, options_.query_timeout)) {
      send_shared(res, std::move(body));
      return;
    }
    std::shared_ptr<const std::string> body;
    try {
      body = std::make_shared<const std::string>(
          handler(req).dump(-1, ' ', false, Json::error_handler_t::replace));
    } catch (...) {
      cache_->abandon(key);
      throw;
    }
    send_shared(res, body);
    cache_->put(key, std::move(body), options_.cache_bytes);
  });
}

void Server::install_fallbacks() {
  httplib::Server& h = *http_;
  // Unknown /api/ paths are JSON 404s; everything else is a static file of the web root.
  h.Get(R"(/api/.*)", [](const httplib::Request&, httplib::Response& res) {
    send_error(res, 404, "no such endpoint");
  });
  h.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    const std::string file = resolve_static(options_.web_root, req.path);
    if (file.empty()) return send_error(res, 404, "not found");
    res.set_content(read_file(file), content_type_for(file));
    // Vite's hashed assets never change; the page itself is always revalidated.
    const bool hashed = req.path.rfind("/assets/", 0) == 0;
    res.set_header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  });
}

void Server::bind() {
  install_fallbacks();
  auto& h = static_cast<HttpServer&>(*http_);
  if (options_.port == 0) {
    port_ = h.bind_to_any_port(options_.host);
    if (port_ < 0) throw std::runtime_error("cannot listen on " + options_.host);
  } else {
    if (!h.bind_to_port(options_.host, options_.port))
      throw std::runtime_error("cannot listen on " + options_.host + ":" +
                               std::to_string(options_.port));
    port_ = options_.port;
  }
  h.widen_backlog(1024);
}

void Server::run() {
  http_->listen_after_bind();
}
void Server::stop() {
  http_->stop();
}
bool Server::running() const {
  return http_->is_running();
}

void run_until_signal(Server& server) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);  // inherited by the server's threads
  std::atomic<bool> done{false};
  std::thread watcher([&server, &done, set] {
    // Polls, so that it also ends when run() returns by itself (the server failed).
    const timespec tick{0, 200'000'000};
    int sig = -1;
    while (!done && (sig = sigtimedwait(&set, nullptr, &tick)) < 0) {
    }
    if (sig < 0) return;
    std::cerr << "parley serve: " << (sig == SIGTERM ? "SIGTERM" : "SIGINT")
              << ", finishing requests in flight\n";
    // listen_after_bind() may not have started yet; stop() then would be lost.
    while (!server.running() && !done) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    server.stop();
  });
  server.run();
  done = true;
  watcher.join();
}

}  // namespace parley::serve

// `parley serve`: a read-only JSON API over a stored corpus and the dashboard's static files,
// on cpp-httplib. The HTTP plumbing (limits, errors, static files, shutdown) lives here; the
// data endpoints are in api.cpp, over the store's queries.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace parley {
class Analyzer;
}

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace parley::serve {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                     // 0 = any free port (see Server::port())
  std::string web_root;                // static files; "" = no dashboard
  std::string code_token;              // POST /api/code is off unless this is set
  std::string openapi_path;            // the OpenAPI document served at /api/openapi.json
  std::size_t max_body = 1 << 20;      // bytes of a request body (POST /api/code)
  std::size_t threads = 0;             // worker threads; 0 = enough for 256 keep-alive clients
  std::chrono::seconds io_timeout{5};  // reading a request, writing a response
  std::chrono::milliseconds query_timeout{2000};  // a database query, then 503
  // GET /api answers are kept this long, keyed by path and parameters (0 = no cache): the
  // store is read-only here, so an answer changes only when an ingest runs beside the server.
  std::chrono::milliseconds cache_ttl{5000};
  std::size_t cache_bytes = 64 << 20;  // the cache's bound; the oldest half goes when full
};

// A client error: the request is answered 400 with {"error": message, "parameter": name}.
struct BadRequest : std::runtime_error {
  BadRequest(std::string param, const std::string& message)
      : std::runtime_error(message), parameter(std::move(param)) {}
  std::string parameter;
};
// No such record (an article id that is not stored): 404 with {"error": message}.
struct NotFound : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// A query that ran past the time limit: 503 with {"error": ...}.
struct QueryTimeout : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Resolves a URL path under `root` to a regular file, or "" when it is not one: ".." segments,
// NUL bytes, backslashes and anything whose real path (symlinks followed) leaves the root are
// refused. `url_path` is already percent-decoded (httplib decodes it). "/" and directories
// give their index.html.
std::string resolve_static(const std::string& root, const std::string& url_path);

// The content type of a static file from its extension.
std::string content_type_for(const std::string& path);

using Json = nlohmann::json;
// A GET endpoint: from the validated request, the JSON body.
using JsonHandler = std::function<Json(const httplib::Request&)>;

class Server {
 public:
  Server(ServerOptions options, const Analyzer* analyzer);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Adds GET /api/<path> answering JSON; BadRequest becomes 400, NotFound 404, QueryTimeout 503,
  // anything else 500 with no detail (logged on stderr).
  void get_json(const std::string& path, JsonHandler handler);

  // Binds the listening socket (throws std::runtime_error when it cannot), so port() is known
  // before run().
  void bind();
  int port() const { return port_; }
  // Serves until stop(); returns after the requests in flight are answered.
  void run();
  // Safe from any thread (the SIGTERM watcher calls it).
  void stop();
  bool running() const;

  const ServerOptions& options() const { return options_; }

 private:
  void install_routes();
  void install_fallbacks();
  ServerOptions options_;
  const Analyzer* analyzer_;
  std::unique_ptr<httplib::Server> http_;
  std::string openapi_;
  int port_ = 0;
  struct Cache;
  std::unique_ptr<Cache> cache_;
};

// Runs `server` until SIGTERM or SIGINT, then stops it gracefully. Blocks those signals in the
// calling thread first, so call it before starting other threads that should not take them.
void run_until_signal(Server& server);

}  // namespace parley::serve

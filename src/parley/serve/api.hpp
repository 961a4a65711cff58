// The data endpoints of `parley serve`: every query of the store behind GET /api/..., with the
// filters of `parley query` validated from the URL (anything unknown or malformed is a 400).
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "parley/serve/server.hpp"
#include "parley/store/store.hpp"

namespace httplib {
struct Request;
}

namespace parley::serve {

// The query parameters an endpoint accepts, parsed into the store's Filter. Throws BadRequest
// naming the parameter. `extra` lists the endpoint's own parameters (read by the caller).
store::Filter parse_filter(const httplib::Request& req, const std::vector<std::string>& extra = {},
                           int64_t default_limit = 50, int64_t max_limit = 500);

class Api {
 public:
  // Opens the store read-only once, to fail early on a bad URL or a database that is not
  // Parley's; further connections open as requests need them (a Store is one connection and
  // not thread-safe).
  Api(std::string db_url, std::chrono::milliseconds slow_query);
  ~Api();

  void install(Server& server);
  std::string describe() const;  // "sqlite parley.db, schema 1, 7 articles"

 private:
  class Lease;
  std::unique_ptr<store::Store> acquire();
  std::unique_ptr<store::Store> open_connection() const;
  void release(std::unique_ptr<store::Store> s);

  std::string url_;
  std::chrono::milliseconds slow_query_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<store::Store>> idle_;
  std::string description_;
};

}  // namespace parley::serve

// Load test of `parley serve`: C concurrent keep-alive clients request event pages for D
// seconds on a running server and report throughput, latency percentiles and failures.
//
//   parley_serve_load --port 8080 [--clients 200] [--seconds 20] [--path /api/events?limit=50]
//
// Each client cycles through pages (offset 0, 50, 100, ... wrapped to what the server holds)
// and a few filtered queries, so the server's query paths are all exercised. Latency is
// measured per request, from sending it to the last byte of the reply; a failure is a
// connection error, a timeout or any status other than 200.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
  std::string host = "127.0.0.1";
  int port = 8080, clients = 200, seconds = 20;
  std::vector<std::string> paths;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--host")
      host = argv[i + 1];
    else if (a == "--port")
      port = std::atoi(argv[i + 1]);
    else if (a == "--clients")
      clients = std::atoi(argv[i + 1]);
    else if (a == "--seconds")
      seconds = std::atoi(argv[i + 1]);
    else if (a == "--path")
      paths.push_back(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: %s --port N [--clients C] [--seconds S] [--path P]...\n",
                   argv[0]);
      return 1;
    }
  }
  if (port <= 0 || clients <= 0 || seconds <= 0) {
    std::fprintf(stderr, "serve_load: --port, --clients and --seconds must be positive\n");
    return 1;
  }
  if (paths.empty())
    paths = {"/api/events?limit=50",         "/api/events?limit=50&offset=50",
             "/api/events?limit=50&quad=4",  "/api/events?limit=50&from=2019-01-01&to=2019-12-31",
             "/api/events?limit=20&root=04", "/api/events?limit=50&offset=100"};

  using clock = std::chrono::steady_clock;
  const auto end = clock::now() + std::chrono::seconds(seconds);
  std::vector<std::vector<double>> latencies(clients);
  std::atomic<long> failures{0}, bytes{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client cli(host, port);
      cli.set_keep_alive(true);
      cli.set_connection_timeout(5);
      cli.set_read_timeout(10);
      while (!go) std::this_thread::yield();
      for (std::size_t i = c; clock::now() < end; ++i) {
        const std::string& path = paths[i % paths.size()];
        const auto t0 = clock::now();
        auto res = cli.Get(path.c_str());
        const double ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
        latencies[c].push_back(ms);
        if (!res || res->status != 200) {
          ++failures;
          if (failures < 5)
            std::fprintf(stderr, "serve_load: %s: %s\n", path.c_str(),
                         res ? std::to_string(res->status).c_str()
                             : httplib::to_string(res.error()).c_str());
        } else {
          bytes += static_cast<long>(res->body.size());
        }
      }
    });
  }
  const auto start = clock::now();
  go = true;
  for (auto& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(clock::now() - start).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) {
    return all.empty() ? 0.0
                       : all[std::min(all.size() - 1, static_cast<std::size_t>(p * all.size()))];
  };
  std::printf(
      "clients %d, %.1f s: %zu requests (%.0f/s), %ld failed, %.1f MB; latency ms: p50 %.2f, "
      "p90 %.2f, p99 %.2f, max %.2f\n",
      clients, elapsed, all.size(), all.size() / elapsed, failures.load(), bytes / 1e6, pct(0.50),
      pct(0.90), pct(0.99), all.empty() ? 0.0 : all.back());
  return failures == 0 ? 0 : 2;
}

// Load test of `parley serve`: C concurrent keep-alive clients request event pages for D
// seconds on a running server and report throughput, latency percentiles and failures.
//
//   parley_serve_load --port 8080 [--clients 200] [--seconds 20] [--path /api/events?limit=50]
//                     [--threads 1 | --thread-per-client]
//
// Each client cycles through pages (offset 0, 50, 100, ... wrapped to what the server holds)
// and a few filtered queries, so the server's query paths are all exercised. Latency is
// measured per request, from sending it to the last byte of the reply (a reconnection the
// server asked for included); a failure is a connection error, a timeout or any status other
// than 200.
//
// By default the clients are non-blocking connections driven by --threads event loops (epoll),
// as wrk and h2load drive theirs: on a machine whose cores the server shares, a load generator
// of one blocking thread per client measures the scheduler as much as the server (its 200
// threads used more CPU than the server they tested). --thread-per-client keeps that older
// generator (httplib's blocking client on one thread each) for comparison.
#include <arpa/inet.h>
#include <httplib.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080, clients = 200, seconds = 20, threads = 1;
  bool thread_per_client = false;
  std::vector<std::string> paths;
  sockaddr_in addr{};  // --host and --port resolved (event loop)
};

struct Tally {
  std::vector<double> latencies;
  long failures = 0, bytes = 0;
  void fail(const std::string& what, std::atomic<long>& shown) {
    ++failures;
    if (shown++ < 5) std::fprintf(stderr, "serve_load: %s\n", what.c_str());
  }
};

std::atomic<long> g_shown{0};

// The older generator: one thread per client, each with httplib's blocking client.
void run_thread_per_client(const Options& o, Clock::time_point end, std::vector<Tally>& tallies) {
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  tallies.resize(o.clients);
  for (int c = 0; c < o.clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client cli(o.host, o.port);
      cli.set_keep_alive(true);
      cli.set_connection_timeout(5);
      cli.set_read_timeout(10);
      while (!go) std::this_thread::yield();
      for (std::size_t i = c; Clock::now() < end; ++i) {
        const std::string& path = o.paths[i % o.paths.size()];
        const auto t0 = Clock::now();
        auto res = cli.Get(path.c_str());
        tallies[c].latencies.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (!res || res->status != 200)
          tallies[c].fail(
              path + ": " + (res ? std::to_string(res->status) : httplib::to_string(res.error())),
              g_shown);
        else
          tallies[c].bytes += static_cast<long>(res->body.size());
      }
    });
  }
  go = true;
  for (auto& t : threads) t.join();
}

// One keep-alive HTTP/1.1 connection of the event-driven generator.
struct Conn {
  int fd = -1;
  std::size_t next = 0;  // index of the next path
  std::string out;       // request bytes not yet sent
  std::size_t sent = 0;
  std::string head;     // response bytes up to the end of the headers
  long body_left = -1;  // body bytes still to read; -1 while reading headers
  int status = 0;
  bool close_after = false;  // the server said Connection: close
  bool busy = false;         // a request is in flight
  Clock::time_point started, deadline;
};

class EventLoop {
 public:
  EventLoop(const Options& o, Tally& tally, int first_client, int clients)
      : o_(o), tally_(tally), conns_(clients) {
    for (int i = 0; i < clients; ++i) conns_[i].next = static_cast<std::size_t>(first_client + i);
  }

  void run(Clock::time_point end) {
    ep_ = epoll_create1(0);
    if (ep_ < 0) {
      tally_.fail(std::string("epoll_create1: ") + std::strerror(errno), g_shown);
      return;
    }
    for (auto& c : conns_) start(c);
    std::vector<epoll_event> events(256);
    char buf[65536];
    for (;;) {
      const auto now = Clock::now();
      bool any_busy = false;
      for (auto& c : conns_) {
        if (c.busy && now > c.deadline) fail(c, "timeout");
        if (!c.busy && now < end) start(c);
        any_busy = any_busy || c.busy;
      }
      if (!any_busy && now >= end) break;
      const int n = epoll_wait(ep_, events.data(), static_cast<int>(events.size()), 50);
      for (int k = 0; k < n; ++k) {
        Conn& c = conns_[events[k].data.u32];
        if (!c.busy) continue;
        if (events[k].events & EPOLLOUT) write_some(c);
        if (c.busy && (events[k].events & (EPOLLIN | EPOLLERR | EPOLLHUP))) read_some(c, buf);
      }
    }
    for (auto& c : conns_)
      if (c.fd >= 0) ::close(c.fd);
    ::close(ep_);
  }

 private:
  void start(Conn& c) {
    // The latency of a request that has to reconnect first includes the connection, as the
    // blocking client's does.
    c.started = Clock::now();
    c.deadline = c.started + std::chrono::seconds(10);
    if (c.fd < 0 && !connect_to(c)) return;
    const std::string& path = o_.paths[c.next++ % o_.paths.size()];
    c.out = "GET " + path + " HTTP/1.1\r\nHost: " + o_.host + ":" + std::to_string(o_.port) +
            "\r\nAccept: */*\r\nConnection: keep-alive\r\n\r\n";
    c.sent = 0;
    c.head.clear();
    c.body_left = -1;
    c.status = 0;
    c.close_after = false;
    c.busy = true;
    write_some(c);
  }

  bool connect_to(Conn& c) {
    c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0) {
      tally_.fail(std::string("socket: ") + std::strerror(errno), g_shown);
      return false;
    }
    int one = 1;
    ::setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr = o_.addr;
    if (::connect(c.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0 &&
        errno != EINPROGRESS) {
      tally_.fail(std::string("connect: ") + std::strerror(errno), g_shown);
      ::close(c.fd);
      c.fd = -1;
      return false;
    }
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT | EPOLLET;
    ev.data.u32 = static_cast<uint32_t>(&c - conns_.data());
    ::epoll_ctl(ep_, EPOLL_CTL_ADD, c.fd, &ev);
    return true;
  }

  void drop(Conn& c) {
    if (c.fd >= 0) ::close(c.fd);  // closing removes it from the epoll set
    c.fd = -1;
  }

  void fail(Conn& c, const std::string& why) {
    record(c);
    tally_.fail(o_.paths[(c.next - 1) % o_.paths.size()] + ": " + why, g_shown);
    c.busy = false;
    drop(c);
  }

  void record(Conn& c) {
    tally_.latencies.push_back(
        std::chrono::duration<double, std::milli>(Clock::now() - c.started).count());
  }

  void write_some(Conn& c) {
    while (c.sent < c.out.size()) {
      const ssize_t k = ::send(c.fd, c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL);
      if (k > 0) {
        c.sent += static_cast<std::size_t>(k);
      } else if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOTCONN)) {
        return;  // EPOLLOUT again when the connection is up or has room
      } else {
        return fail(c, std::string("send: ") + std::strerror(errno));
      }
    }
  }

  void read_some(Conn& c, char* buf) {
    for (;;) {
      const ssize_t k = ::recv(c.fd, buf, 65536, 0);
      if (k == 0) return fail(c, "connection closed by the server");
      if (k < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) return;
        return fail(c, std::string("recv: ") + std::strerror(errno));
      }
      std::size_t used = 0;
      if (c.body_left < 0) {
        c.head.append(buf, static_cast<std::size_t>(k));
        const std::size_t end = c.head.find("\r\n\r\n");
        if (end == std::string::npos) {
          if (c.head.size() > 65536) return fail(c, "headers too long");
          continue;
        }
        if (!parse_head(c, end)) return fail(c, "malformed response headers");
        // Bytes of this read past the headers belong to the body.
        used = static_cast<std::size_t>(k) - (c.head.size() - (end + 4));
      }
      c.body_left -= static_cast<long>(static_cast<std::size_t>(k) - used);
      tally_.bytes += static_cast<long>(static_cast<std::size_t>(k) - used);
      if (c.body_left < 0) return fail(c, "more bytes than Content-Length");
      if (c.body_left == 0) {
        record(c);
        if (c.status != 200)
          tally_.fail(o_.paths[(c.next - 1) % o_.paths.size()] + ": " + std::to_string(c.status),
                      g_shown);
        c.busy = false;
        if (c.close_after) drop(c);
        return;
      }
    }
  }

  bool parse_head(Conn& c, std::size_t end) {
    const std::string head = c.head.substr(0, end);
    if (head.compare(0, 9, "HTTP/1.1 ") != 0 || head.size() < 12) return false;
    c.status = std::atoi(head.c_str() + 9);
    long length = -1;
    std::size_t pos = head.find("\r\n");
    while (pos != std::string::npos && pos < head.size()) {
      std::size_t next = head.find("\r\n", pos + 2);
      std::string line =
          head.substr(pos + 2, (next == std::string::npos ? head.size() : next) - (pos + 2));
      std::string lower = line;
      for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (lower.rfind("content-length:", 0) == 0) length = std::atol(line.c_str() + 15);
      if (lower.rfind("connection:", 0) == 0 && lower.find("close") != std::string::npos)
        c.close_after = true;
      if (lower.rfind("transfer-encoding:", 0) == 0) return false;  // not used by the server
      pos = next;
    }
    if (length < 0) return false;
    c.body_left = length;
    return true;
  }

  const Options& o_;
  Tally& tally_;
  std::vector<Conn> conns_;
  int ep_ = -1;
};

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--thread-per-client") {
      o.thread_per_client = true;
    } else if (a == "--host" && has_value) {
      o.host = argv[++i];
    } else if (a == "--port" && has_value) {
      o.port = std::atoi(argv[++i]);
    } else if (a == "--clients" && has_value) {
      o.clients = std::atoi(argv[++i]);
    } else if (a == "--seconds" && has_value) {
      o.seconds = std::atoi(argv[++i]);
    } else if (a == "--threads" && has_value) {
      o.threads = std::atoi(argv[++i]);
    } else if (a == "--path" && has_value) {
      o.paths.push_back(argv[++i]);
    } else {
      std::fprintf(stderr,
                   "usage: %s --port N [--clients C] [--seconds S] [--path P]... "
                   "[--threads T | --thread-per-client]\n",
                   argv[0]);
      return 1;
    }
  }
  if (o.port <= 0 || o.clients <= 0 || o.seconds <= 0 || o.threads <= 0) {
    std::fprintf(stderr,
                 "serve_load: --port, --clients, --seconds and --threads must be positive\n");
    return 1;
  }
  if (o.paths.empty())
    o.paths = {"/api/events?limit=50",         "/api/events?limit=50&offset=50",
               "/api/events?limit=50&quad=4",  "/api/events?limit=50&from=2019-01-01&to=2019-12-31",
               "/api/events?limit=20&root=04", "/api/events?limit=50&offset=100"};

  if (!o.thread_per_client) {
    addrinfo hints{}, *found = nullptr;
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    const int rc = ::getaddrinfo(o.host.c_str(), nullptr, &hints, &found);
    if (rc != 0 || !found) {
      std::fprintf(stderr, "serve_load: cannot resolve --host %s to an IPv4 address: %s\n",
                   o.host.c_str(), rc ? ::gai_strerror(rc) : "no address");
      return 1;
    }
    std::memcpy(&o.addr, found->ai_addr, sizeof o.addr);
    o.addr.sin_port = htons(static_cast<uint16_t>(o.port));
    ::freeaddrinfo(found);
  }
  const auto start = Clock::now();
  const auto end = start + std::chrono::seconds(o.seconds);
  std::vector<Tally> tallies;
  if (o.thread_per_client) {
    run_thread_per_client(o, end, tallies);
  } else {
    const int threads = std::min(o.threads, o.clients);
    tallies.resize(threads);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      const int first = o.clients * t / threads, last = o.clients * (t + 1) / threads;
      workers.emplace_back([&o, &tallies, t, first, last, end] {
        EventLoop(o, tallies[t], first, last - first).run(end);
      });
    }
    for (auto& w : workers) w.join();
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  long failures = 0, bytes = 0;
  for (auto& t : tallies) {
    all.insert(all.end(), t.latencies.begin(), t.latencies.end());
    failures += t.failures;
    bytes += t.bytes;
  }
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) {
    return all.empty() ? 0.0
                       : all[std::min(all.size() - 1, static_cast<std::size_t>(p * all.size()))];
  };
  std::printf(
      "%s, clients %d, %.1f s: %zu requests (%.0f/s), %ld failed, %.1f MB; latency ms: p50 %.2f, "
      "p90 %.2f, p99 %.2f, max %.2f\n",
      o.thread_per_client ? "thread per client" : "event loop", o.clients, elapsed, all.size(),
      all.size() / elapsed, failures, bytes / 1e6, pct(0.50), pct(0.90), pct(0.99),
      all.empty() ? 0.0 : all.back());
  return failures == 0 ? 0 : 2;
}

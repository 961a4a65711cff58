// `parley serve`: the JSON API and the dashboard over a stored corpus (src/parley/serve/).
#include <filesystem>
#include <iostream>
#include <optional>

#include "commands.hpp"
#include "parley/parley.hpp"
#include "parley/resources.hpp"
#include "parley/serve/api.hpp"
#include "parley/serve/server.hpp"

namespace parley::cli {

namespace {

struct ServeArgs {
  std::string db, host = "127.0.0.1", web_root, code_token, models, data;
  int port = 8080;
  std::size_t threads = 0, max_body = 1 << 20;
  int io_timeout = 5, query_timeout_ms = 2000, cache_ms = 5000;
};

// The dashboard's build output, next to the executable once installed, else in the source tree.
std::string default_web_root() {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& p :
         {exe.parent_path().parent_path() / "share/parley/web",
          exe.parent_path().parent_path().parent_path().parent_path() / "web/dist"})
      if (fs::is_regular_file(p / "index.html", ec)) return p.string();
  }
  return {};
}

void serve(const ServeArgs& a) {
  const ResourcePaths paths = resolve_resources(a.models, a.data);
  serve::ServerOptions options;
  options.host = a.host;
  options.port = a.port;
  options.web_root = a.web_root.empty() ? default_web_root() : a.web_root;
  options.code_token = a.code_token;
  options.openapi_path = paths.data + "/serve/openapi.json";
  options.threads = a.threads;
  options.max_body = a.max_body;
  options.io_timeout = std::chrono::seconds(a.io_timeout);
  options.query_timeout = std::chrono::milliseconds(a.query_timeout_ms);
  options.cache_ttl = std::chrono::milliseconds(a.cache_ms);
  // The analyzer (models, seconds to load) only when /api/code is on.
  std::optional<Analyzer> analyzer;
  if (!a.code_token.empty()) {
    AnalyzerOptions ao;
    ao.models = a.models;
    ao.data = a.data;
    analyzer.emplace(ao);
  }
  serve::Server server(options, analyzer ? &*analyzer : nullptr);
  serve::Api api(a.db, options.query_timeout);
  api.install(server);
  server.bind();
  std::cerr << "parley serve: http://" << a.host << ':' << server.port() << "/ (database "
            << api.describe()
            << (options.web_root.empty() ? ", no dashboard: no --web-root"
                                         : ", dashboard " + options.web_root)
            << (a.code_token.empty() ? "" : ", POST /api/code on") << ")\n";
  serve::run_until_signal(server);
  std::cerr << "parley serve: stopped\n";
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve the JSON API and the dashboard over a database `parley ingest` filled");
  cmd->add_option("--db", args->db, "Database: a SQLite file or sqlite:// / postgresql:// URL")
      ->required();
  cmd->add_option("--host", args->host, "Address to listen on")->capture_default_str();
  cmd->add_option("--port", args->port, "Port (0 = any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--web-root", args->web_root,
                  "Dashboard files (default: web/dist of the source tree, or share/parley/web)")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--code-token", args->code_token,
                  "Turns on POST /api/code for clients sending 'Authorization: Bearer TOKEN'");
  cmd->add_option("--threads", args->threads, "Worker threads (default 256)")
      ->check(CLI::Range(1, 4096));
  cmd->add_option("--max-body", args->max_body, "Largest request body in bytes")
      ->capture_default_str()
      ->check(CLI::Range(1, 64 << 20));
  cmd->add_option("--io-timeout", args->io_timeout, "Seconds to read a request or write a reply")
      ->capture_default_str()
      ->check(CLI::Range(1, 300));
  cmd->add_option("--query-timeout", args->query_timeout_ms,
                  "Milliseconds a database query may run before the request fails with 503")
      ->capture_default_str()
      ->check(CLI::Range(1, 600000));
  cmd->add_option("--cache-ms", args->cache_ms,
                  "Milliseconds an API answer is reused for the same request (0 = never)")
      ->capture_default_str()
      ->check(CLI::Range(0, 3600000));
  cmd->add_option("--models", args->models, "Model directory (for POST /api/code)");
  cmd->add_option("--data", args->data, "Data directory");
  cmd->callback([args] { serve(*args); });
}

}  // namespace parley::cli

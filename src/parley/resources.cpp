#include "parley/resources.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace parley {

namespace {

namespace fs = std::filesystem;

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : std::string();
}

// <exe>/../share/parley, or "" when the executable is unknown (no /proc) or not installed.
std::string installed_share_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec || exe.empty()) return {};
  fs::path share = exe.parent_path().parent_path() / "share" / "parley";
  return fs::is_directory(share, ec) ? share.string() : std::string();
}

void pick(std::string& out, std::string& from, std::string_view flag, const char* flag_name,
          const char* env_name, const char* sub, const std::string& home, const std::string& share,
          const char* compiled) {
  std::error_code ec;
  if (!flag.empty()) {
    out = flag, from = flag_name;
  } else if (std::string e = env(env_name); !e.empty()) {
    out = e, from = env_name;
  } else if (!home.empty()) {
    // PARLEY_HOME is an explicit choice: used even when its sub-directory is missing, so the
    // error names it instead of silently falling back to another tree.
    out = (fs::path(home) / sub).string(), from = "PARLEY_HOME";
  } else if (!share.empty() && fs::is_directory(fs::path(share) / sub, ec)) {
    out = (fs::path(share) / sub).string(), from = "install prefix";
  } else {
    out = compiled, from = "build tree";
  }
}

}  // namespace

ResourcePaths resolve_resources(std::string_view models_flag, std::string_view data_flag) {
  ResourcePaths r;
  const std::string home = env("PARLEY_HOME");
  // Only looked up when needed: both flags given means no guessing at all.
  const std::string share = models_flag.empty() || data_flag.empty() ? installed_share_dir() : "";
  pick(r.models, r.models_from, models_flag, "--models", "PARLEY_MODELS", "models", home, share,
       PARLEY_MODEL_DIR);
  pick(r.data, r.data_from, data_flag, "--data", "PARLEY_DATA", "data", home, share,
       PARLEY_DATA_DIR);
  return r;
}

std::string default_model_dir() {
  return resolve_resources().models;
}
std::string default_data_dir() {
  return resolve_resources().data;
}

}  // namespace parley

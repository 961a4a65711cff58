// `parley resources`: where the models and data are found, and who chose them; the first thing
// to run when an installed `parley` cannot find its models.
#include <fmt/core.h>

#include <filesystem>

#include "commands.hpp"
#include "parley/resources.hpp"

namespace parley::cli {

void add_resources_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("resources", "Show where the models and data are found");
  auto models = std::make_shared<std::string>();
  auto data = std::make_shared<std::string>();
  cmd->add_option("--models", *models, "Model directory");
  cmd->add_option("--data", *data, "Data directory");
  cmd->callback([models, data] {
    const ResourcePaths r = resolve_resources(*models, *data);
    auto line = [](const char* what, const std::string& dir, const std::string& from) {
      std::error_code ec;
      const bool there = std::filesystem::is_directory(dir, ec);
      fmt::print("{:<7} {}  ({}{})\n", what, dir, from, there ? "" : "; missing");
      if (!there) exit_code = 1;
    };
    line("models", r.models, r.models_from);
    line("data", r.data, r.data_from);
  });
}

}  // namespace parley::cli

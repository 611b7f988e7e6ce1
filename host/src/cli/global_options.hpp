// Options that come before the command name (click's per-level option rule).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gptme_sessions::host {

struct GlobalOptions {
  std::optional<std::filesystem::path> sessions_dir;
  int verbosity = 0; // -v count
  bool quiet = false;
  std::vector<std::filesystem::path> plugin_dirs;  // --plugin-dir, in order
  std::vector<std::filesystem::path> plugin_files; // --plugin, explicit: failures are fatal
  bool no_default_plugins = false;
  std::filesystem::path executable; // argv[0] resolved, for the relocatable plugin dir
};

struct ParsedCommandLine {
  GlobalOptions global;
  std::optional<std::string> command; // nullopt: no command (default view)
  std::vector<std::string> command_args;
  bool show_help = false;
  bool show_version = false;
};

// Throws UsageError for unknown or malformed global options.
ParsedCommandLine parse_command_line(int argc, char** argv);

} // namespace gptme_sessions::host

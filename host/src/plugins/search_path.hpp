// Where the host looks for plugins, in precedence order (first plugin name wins):
//   1. --plugin FILE (explicit; any failure is fatal)
//   2. --plugin-dir DIR, in the order given
//   3. $GPTME_SESSIONS_PLUGIN_PATH (colon-separated)
//   4. defaults, unless --no-default-plugins: $GPTME_SESSIONS_SYSTEM_PLUGIN_PATH when set
//      (it replaces them; set but empty means none, which is how tests get isolation), else
//      ${XDG_DATA_HOME:-~/.local/share}/gptme-sessions/plugins, then
//      <dir of executable>/../lib/gptme-sessions/plugins (relocatable: build and install tree),
//      then the compile-time install directory when it differs from the previous one.
// The current directory is never searched implicitly.
#pragma once

#include "cli/global_options.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace gptme_sessions::host::plugins {

// Environment access is injected so tests can describe any environment without touching the
// process's own.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
std::optional<std::string> process_env(const std::string& name);

struct SearchPath {
  std::vector<std::filesystem::path> files; // --plugin, absolute, in order
  std::vector<std::filesystem::path> dirs;  // scanned in order, absolute, without duplicates
};

SearchPath make_search_path(const GlobalOptions& global, const EnvLookup& env = process_env);

// The defaults of step 4 (before deduplication), for the given executable location.
std::vector<std::filesystem::path> default_plugin_dirs(const std::filesystem::path& executable,
                                                       const EnvLookup& env = process_env);

// The candidate files of one directory: regular files (or links to them) named *.so, sorted by
// file name because directory order is unspecified. A missing or unreadable directory yields
// nothing.
std::vector<std::filesystem::path> plugin_files_in(const std::filesystem::path& dir);

} // namespace gptme_sessions::host::plugins

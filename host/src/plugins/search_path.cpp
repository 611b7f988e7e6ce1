#include "plugins/search_path.hpp"

#include <algorithm>
#include <cstdlib>
#include <system_error>

namespace gptme_sessions::host::plugins {

namespace fs = std::filesystem;

namespace {

// Relative directories given by the user are taken relative to the current directory once,
// here, so the loader only ever sees absolute paths (Boost.DLL would prefix "./" otherwise).
fs::path absolute_normal(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  fs::path normal = (ec ? p : abs).lexically_normal();
  // "/a/" and "/a" name one directory; keep the form without the trailing separator.
  if (normal.has_relative_path() && normal.filename().empty())
    normal = normal.parent_path();
  return normal;
}

// Two spellings of one directory (a symlink, a trailing slash, "a/../b") must scan once, or
// every plugin in it would be reported as its own duplicate.
fs::path identity(const fs::path& p) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(p, ec);
  return ec ? p : canonical;
}

std::vector<fs::path> split_path_list(const std::string& list) {
  std::vector<fs::path> dirs;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(':', start);
    if (end == std::string::npos)
      end = list.size();
    if (end > start)
      dirs.emplace_back(list.substr(start, end - start));
    start = end + 1;
  }
  return dirs;
}

std::optional<std::string> non_empty(const EnvLookup& env, const std::string& name) {
  auto value = env(name);
  if (value && value->empty())
    return std::nullopt;
  return value;
}

} // namespace

std::optional<std::string> process_env(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (!value)
    return std::nullopt;
  return std::string(value);
}

std::vector<fs::path> default_plugin_dirs(const fs::path& executable, const EnvLookup& env) {
  std::vector<fs::path> dirs;
  if (auto xdg = non_empty(env, "XDG_DATA_HOME"))
    dirs.push_back(fs::path(*xdg) / "gptme-sessions" / "plugins");
  else if (auto home = non_empty(env, "HOME"))
    dirs.push_back(fs::path(*home) / ".local" / "share" / "gptme-sessions" / "plugins");
  fs::path relocatable;
  if (!executable.empty()) {
    relocatable =
        (executable.parent_path() / ".." / "lib" / "gptme-sessions" / "plugins").lexically_normal();
    dirs.push_back(relocatable);
  }
#ifdef GPTME_SESSIONS_INSTALL_PLUGIN_DIR
  fs::path installed = fs::path(GPTME_SESSIONS_INSTALL_PLUGIN_DIR).lexically_normal();
  if (relocatable.empty() || identity(installed) != identity(relocatable))
    dirs.push_back(installed);
#endif
  return dirs;
}

SearchPath make_search_path(const GlobalOptions& global, const EnvLookup& env) {
  SearchPath search;
  for (const auto& file : global.plugin_files)
    search.files.push_back(absolute_normal(file));

  std::vector<fs::path> candidates(global.plugin_dirs.begin(), global.plugin_dirs.end());
  if (auto extra = env("GPTME_SESSIONS_PLUGIN_PATH")) {
    auto dirs = split_path_list(*extra);
    candidates.insert(candidates.end(), dirs.begin(), dirs.end());
  }
  if (!global.no_default_plugins) {
    if (auto system = env("GPTME_SESSIONS_SYSTEM_PLUGIN_PATH")) {
      auto dirs = split_path_list(*system);
      candidates.insert(candidates.end(), dirs.begin(), dirs.end());
    } else {
      auto dirs = default_plugin_dirs(global.executable, env);
      candidates.insert(candidates.end(), dirs.begin(), dirs.end());
    }
  }

  std::vector<fs::path> seen;
  for (const auto& dir : candidates) {
    fs::path abs = absolute_normal(dir);
    fs::path id = identity(abs);
    if (std::find(seen.begin(), seen.end(), id) != seen.end())
      continue;
    seen.push_back(id);
    search.dirs.push_back(abs);
  }
  return search;
}

std::vector<fs::path> plugin_files_in(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec)
    return files;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec)
      break;
    const fs::path& p = it->path();
    std::error_code type_ec;
    if (p.extension() == ".so" && fs::is_regular_file(p, type_ec))
      files.push_back(p);
  }
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    return a.filename().native() < b.filename().native();
  });
  return files;
}

} // namespace gptme_sessions::host::plugins

#include "claude_roots.hpp"

#include <algorithm>
#include <system_error>

namespace gptme_sessions::plugins::harness_claude_code {
namespace {

namespace fs = std::filesystem;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

} // namespace

std::vector<fs::path> claude_project_roots(const EnvLookup& env, const fs::path& home) {
  std::vector<fs::path> candidates;
  if (auto claude_home = env("CLAUDE_HOME"))
    candidates.push_back(fs::path(*claude_home) / "projects");
  if (auto config_dirs = env("CLAUDE_CONFIG_DIR")) {
    std::string_view rest = *config_dirs;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      const std::string_view item = trim(rest.substr(0, comma));
      if (!item.empty())
        candidates.push_back(fs::path(item) / "projects");
      if (comma == std::string_view::npos)
        break;
      rest.remove_prefix(comma + 1);
    }
  }
  if (candidates.empty() && !home.empty()) {
    candidates.push_back(home / ".claude" / "projects");
    candidates.push_back(home / ".config" / "claude" / "projects");
  }
  std::vector<fs::path> roots;
  std::vector<fs::path> seen;
  for (const auto& candidate : candidates) {
    std::error_code ec;
    if (!fs::is_directory(candidate, ec))
      continue;
    fs::path real = fs::canonical(candidate, ec);
    if (ec)
      real = candidate;
    if (std::find(seen.begin(), seen.end(), real) != seen.end())
      continue;
    seen.push_back(real);
    roots.push_back(candidate);
  }
  return roots;
}

std::vector<fs::path> subagent_files(const fs::path& session_file) {
  std::vector<fs::path> files;
  const fs::path dir = session_file.parent_path() / session_file.stem() / "subagents";
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return files;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code file_ec;
    if (it->path().extension() == ".jsonl" && it->is_regular_file(file_ec))
      files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool is_subagent_file(const fs::path& file) {
  return file.parent_path().filename() == "subagents";
}

std::string project_from_dir_name(std::string_view dir_name) {
  std::string project(dir_name);
  if (!project.empty() && project.front() == '-')
    std::replace(project.begin(), project.end(), '-', '/');
  return project;
}

} // namespace gptme_sessions::plugins::harness_claude_code

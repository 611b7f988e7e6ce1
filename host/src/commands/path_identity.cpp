#include "commands/path_identity.hpp"

#include <filesystem>
#include <system_error>

namespace gptme_sessions::host {

namespace fs = std::filesystem;

std::string resolved_path(std::string_view path) {
  if (path.empty())
    return {};
  std::error_code ec;
  fs::path absolute = fs::absolute(fs::path(path), ec);
  if (ec)
    return fs::path(path).lexically_normal().string();
  fs::path resolved = fs::weakly_canonical(absolute, ec);
  if (ec)
    return absolute.lexically_normal().string();
  return resolved.string();
}

std::string PathResolver::resolve(std::string_view path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(fs::path(path), ec);
  const fs::path name = absolute.filename();
  if (ec || name.empty() || name == "." || name == "..")
    return resolved_path(path);
  const std::string dir = absolute.parent_path().string();
  auto it = m_dirs.find(dir);
  if (it == m_dirs.end())
    it = m_dirs.emplace(dir, resolved_path(dir)).first;
  fs::path candidate = fs::path(it->second) / name;
  if (fs::is_symlink(fs::symlink_status(candidate, ec)))
    return resolved_path(candidate.string());
  return candidate.string();
}

std::unordered_set<std::string> synced_paths(const core::SessionStore& store) {
  std::unordered_set<std::string> paths;
  PathResolver resolver;
  store.for_each([&](core::SessionRecord&& record) {
    if (record.trajectory_path && !record.trajectory_path->empty())
      paths.insert(resolver.resolve(*record.trajectory_path));
    if (record.journal_path && !record.journal_path->empty())
      paths.insert(resolver.resolve(*record.journal_path));
  });
  return paths;
}

} // namespace gptme_sessions::host

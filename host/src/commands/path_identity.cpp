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

std::unordered_set<std::string> synced_paths(const core::SessionStore& store) {
  std::unordered_set<std::string> paths;
  store.for_each([&](core::SessionRecord&& record) {
    if (record.trajectory_path && !record.trajectory_path->empty())
      paths.insert(resolved_path(*record.trajectory_path));
    if (record.journal_path && !record.journal_path->empty())
      paths.insert(resolved_path(*record.journal_path));
  });
  return paths;
}

} // namespace gptme_sessions::host

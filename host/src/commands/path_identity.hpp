// When two spellings name the same trajectory: paths compared fully resolved (absolute,
// symlinks followed), the way Python's Path.resolve() does it.
#pragma once

#include <gptme_sessions/core/session_store.hpp>

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace gptme_sessions::host {

// The absolute path with symlinks resolved as far as the path exists; the lexically
// normalized absolute path when resolution fails.
std::string resolved_path(std::string_view path);

// resolved_path() for many files that share directories: each directory is resolved once,
// then only the file itself is checked for being a symlink.
class PathResolver {
public:
  std::string resolve(std::string_view path);

private:
  std::unordered_map<std::string, std::string> m_dirs;
};

// Resolved trajectory_path and journal_path of every stored record (a session counts as
// synced when either names its trajectory).
std::unordered_set<std::string> synced_paths(const core::SessionStore& store);

} // namespace gptme_sessions::host

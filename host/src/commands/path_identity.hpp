// When two spellings name the same trajectory: paths compared fully resolved (absolute,
// symlinks followed), the way Python's Path.resolve() does it.
#pragma once

#include <gptme_sessions/core/session_store.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

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

// Which discovered trajectories the store already has: a session counts as synced when a
// record's trajectory_path or journal_path names the same file (what resolving both paths
// would say, decided by device and inode). Fed each stored record once, alongside whatever
// else the command reads the store for.
//
// Only stored paths that equal a discovered path as given, or share its file name, cost a
// stat(2): resolving every path of a 200k-record store cost more than reading it. So a stored
// path that is a symlink to a discovered file under another file name is not recognized; a
// symlinked directory, "..", "." or a hard link are.
class SyncedCheck {
public:
  explicit SyncedCheck(const std::vector<std::string>& discovered);
  void add(const core::SessionRecord& record);
  bool synced(std::size_t index) const { return m_synced[index]; }
  int unsynced_count() const;

private:
  struct FileId {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    bool operator==(const FileId&) const = default;
  };
  struct FileIdHash {
    std::size_t operator()(const FileId& id) const {
      return std::hash<std::uint64_t>()(id.inode * 31 + id.device);
    }
  };
  static std::optional<FileId> file_id(const std::string& path);
  void add_path(const std::string& stored);
  void mark(const std::vector<std::size_t>& indices);

  std::unordered_map<std::string, std::vector<std::size_t>> m_by_path; // as given
  std::unordered_map<FileId, std::vector<std::size_t>, FileIdHash> m_by_file;
  std::unordered_set<std::string> m_file_names;
  std::vector<bool> m_synced;
};

} // namespace gptme_sessions::host

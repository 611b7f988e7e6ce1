#include "commands/path_identity.hpp"

#include <algorithm>
#include <filesystem>
#include <sys/stat.h>
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

SyncedCheck::SyncedCheck(const std::vector<std::string>& discovered)
    : m_synced(discovered.size(), false) {
  for (std::size_t i = 0; i < discovered.size(); ++i) {
    m_by_path[discovered[i]].push_back(i);
    // A discovered file that cannot be stat'ed (it vanished) can still match by its path.
    if (auto id = file_id(discovered[i]))
      m_by_file[*id].push_back(i);
    m_file_names.insert(fs::path(discovered[i]).filename().string());
    // Through a symlink, the store may name the target's file name.
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(discovered[i], ec)))
      m_file_names.insert(fs::path(resolved_path(discovered[i])).filename().string());
  }
}

std::optional<SyncedCheck::FileId> SyncedCheck::file_id(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return std::nullopt;
  return FileId{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
}

void SyncedCheck::add(const core::SessionRecord& record) {
  if (m_by_path.empty())
    return;
  if (record.trajectory_path && !record.trajectory_path->empty())
    add_path(*record.trajectory_path);
  if (record.journal_path && !record.journal_path->empty())
    add_path(*record.journal_path);
}

void SyncedCheck::add_path(const std::string& stored) {
  if (auto it = m_by_path.find(stored); it != m_by_path.end()) {
    mark(it->second);
    return;
  }
  if (!m_file_names.contains(fs::path(stored).filename().string()))
    return;
  std::optional<FileId> id = file_id(stored);
  if (!id) {
    // "missing/../file" fails to stat, yet resolves (non-strictly, as Python does) to "file".
    std::error_code ec;
    const fs::path normal = fs::absolute(stored, ec).lexically_normal();
    if (!ec && normal.string() != stored)
      id = file_id(normal.string());
  }
  if (id)
    if (auto it = m_by_file.find(*id); it != m_by_file.end())
      mark(it->second);
}

void SyncedCheck::mark(const std::vector<std::size_t>& indices) {
  for (std::size_t i : indices)
    m_synced[i] = true;
}

int SyncedCheck::unsynced_count() const {
  return static_cast<int>(std::count(m_synced.begin(), m_synced.end(), false));
}

} // namespace gptme_sessions::host

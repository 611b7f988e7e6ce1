// The store's exclusive advisory lock (internal to core).
#pragma once

#include <filesystem>
#include <memory>

namespace gptme_sessions::core::detail {

// Holds flock(LOCK_EX) on the sentinel file for its lifetime. Re-entrant within the process:
// the same thread may nest locks on one path (only the outermost takes and drops the flock),
// other threads of the process wait like other processes do. The sentinel is created if absent
// and never removed.
class FileLock {
public:
  explicit FileLock(const std::filesystem::path& lock_path);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

  struct State;

private:
  std::shared_ptr<State> m_state;
};

} // namespace gptme_sessions::core::detail

#include "file_lock.hpp"

#include <gptme_sessions/core/session_store.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <sys/file.h>

namespace gptme_sessions::core::detail {

struct FileLock::State {
  std::recursive_mutex thread_guard; // orders threads of this process
  int fd = -1;                       // valid while depth > 0
  int depth = 0;
};

namespace {

std::shared_ptr<FileLock::State> state_for(const std::filesystem::path& lock_path) {
  static std::mutex registry_guard;
  static std::map<std::string, std::shared_ptr<FileLock::State>> registry;
  const std::string key = std::filesystem::absolute(lock_path).lexically_normal().string();
  std::lock_guard guard(registry_guard);
  auto& state = registry[key];
  if (!state)
    state = std::make_shared<FileLock::State>();
  return state;
}

} // namespace

FileLock::FileLock(const std::filesystem::path& lock_path) : m_state(state_for(lock_path)) {
  std::unique_lock guard(m_state->thread_guard);
  if (m_state->depth == 0) {
    const int fd = ::open(lock_path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0)
      throw StoreError("cannot open lock file " + lock_path.string() + ": " + std::strerror(errno));
    int rc;
    while ((rc = ::flock(fd, LOCK_EX)) != 0 && errno == EINTR) {
    }
    if (rc != 0) {
      const int err = errno;
      ::close(fd);
      throw StoreError("cannot lock " + lock_path.string() + ": " + std::strerror(err));
    }
    m_state->fd = fd;
  }
  ++m_state->depth;
  guard.release(); // stays locked until the destructor
}

FileLock::~FileLock() {
  if (--m_state->depth == 0) {
    ::close(m_state->fd); // closing the only descriptor drops the flock
    m_state->fd = -1;
  }
  m_state->thread_guard.unlock();
}

} // namespace gptme_sessions::core::detail

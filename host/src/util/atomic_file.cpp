#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>

namespace gptme_sessions::host {

namespace fs = std::filesystem;

namespace {

void write_all(int fd, std::string_view data, const fs::path& file) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
}

} // namespace

void write_file_atomically(const fs::path& file, std::string_view data, Durability durability) {
  // Unique per process and call, so concurrent writers never share a temp file; the last
  // rename wins, which for a cache or index is as good as any.
  std::random_device random;
  const fs::path temp =
      file.parent_path() / (file.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
                            std::to_string(random()));
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    throw std::runtime_error("cannot create " + temp.string() + ": " + std::strerror(errno));
  bool closed = false;
  try {
    write_all(fd, data, temp);
    if (durability == Durability::flushed && ::fsync(fd) != 0)
      throw std::runtime_error("cannot sync " + temp.string() + ": " + std::strerror(errno));
    closed = true;
    if (::close(fd) != 0)
      throw std::runtime_error("cannot close " + temp.string() + ": " + std::strerror(errno));
  } catch (...) {
    if (!closed)
      ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  if (::rename(temp.c_str(), file.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot replace " + file.string() + ": " + reason);
  }
}

} // namespace gptme_sessions::host

// core/src/file_lock.cpp is internal to the library; this test compiles it in.
#include "file_lock.hpp"
#include "temp_dir.hpp"

#include <gptme_sessions/core/session_store.hpp>

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <sys/file.h>
#include <sys/wait.h>
#include <thread>

namespace core = gptme_sessions::core;
namespace detail = gptme_sessions::core::detail;
using gptme_sessions::testing::TempDir;

namespace {

// What another process sees: 0 = it could take the lock, 1 = it is held, 2 = error.
int probe_from_child(const std::filesystem::path& lock_path) {
  const pid_t pid = ::fork();
  BOOST_TEST_REQUIRE(pid >= 0);
  if (pid == 0) {
    const int fd = ::open(lock_path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
      ::_exit(2);
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
      ::_exit(0);
    ::_exit(errno == EWOULDBLOCK ? 1 : 2);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 3;
}

} // namespace

BOOST_AUTO_TEST_SUITE(core_file_lock)

BOOST_AUTO_TEST_CASE(excludes_other_processes_and_nests_in_one_thread) {
  TempDir tmp;
  const auto lock_path = tmp / "store.lock";
  {
    detail::FileLock outer(lock_path);
    BOOST_TEST(std::filesystem::exists(lock_path));
    BOOST_TEST(probe_from_child(lock_path) == 1);
    {
      detail::FileLock inner(lock_path); // same thread: no deadlock
      BOOST_TEST(probe_from_child(lock_path) == 1);
    }
    BOOST_TEST(probe_from_child(lock_path) == 1); // the outer lock still holds
  }
  BOOST_TEST(probe_from_child(lock_path) == 0);
  BOOST_TEST(std::filesystem::exists(lock_path)); // the sentinel is never removed
}

BOOST_AUTO_TEST_CASE(other_threads_wait_for_the_holder) {
  TempDir tmp;
  const auto lock_path = tmp / "store.lock";
  std::atomic<bool> started{false};
  std::atomic<bool> released{false};
  std::atomic<bool> saw_release{false};
  std::thread waiter;
  {
    detail::FileLock held(lock_path);
    waiter = std::thread([&] {
      started = true;
      detail::FileLock mine(lock_path);
      saw_release = released.load();
    });
    while (!started)
      std::this_thread::yield();
    for (int i = 0; i < 100; ++i) // give a broken lock every chance to let the waiter in
      std::this_thread::yield();
    released = true;
  }
  waiter.join();
  BOOST_TEST(saw_release.load());
}

BOOST_AUTO_TEST_CASE(unusable_lock_path_is_a_store_error) {
  TempDir tmp;
  BOOST_CHECK_EXCEPTION(detail::FileLock(tmp / "missing-dir" / "x.lock"),
                        core::StoreError,
                        [&](const core::StoreError& e) {
                          return std::string(e.what()).find("missing-dir/x.lock") !=
                                 std::string::npos;
                        });
}

BOOST_AUTO_TEST_SUITE_END()

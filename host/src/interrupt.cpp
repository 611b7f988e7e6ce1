#include "interrupt.hpp"

#include <signal.h>
#include <unistd.h>

namespace gptme_sessions::host {

namespace {

// Lock-free atomics are async-signal-safe; static_asserts make sure these are.
std::atomic<bool> g_flag{false};
std::atomic<int> g_scopes{0};
static_assert(std::atomic<bool>::is_always_lock_free);
static_assert(std::atomic<int>::is_always_lock_free);

void write_stderr(const char* text, std::size_t size) {
  // write(2) is async-signal-safe; a short write of a hint is not worth a retry loop.
  [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, text, size);
}

extern "C" void on_signal(int sig) {
  if (g_scopes.load() > 0 && !g_flag.exchange(true)) {
    static constexpr char k_hint[] =
        "\nInterrupted: stopping (press Ctrl-C again to quit at once)\n";
    write_stderr(k_hint, sizeof k_hint - 1);
    return;
  }
  // The default action, with the exit status a shell expects from this signal.
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

} // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  // Restart interrupted system calls: the flag, not EINTR, tells the code to stop.
  action.sa_flags = SA_RESTART;
  for (int sig : {SIGINT, SIGTERM}) {
    struct sigaction old {};
    // A signal ignored by whoever started us (nohup, a background job) stays ignored.
    if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN)
      continue;
    ::sigaction(sig, &action, nullptr);
  }
}

const std::atomic<bool>& interrupt_flag() {
  return g_flag;
}

void throw_if_interrupted() {
  if (interrupted())
    throw Interrupted();
}

InterruptScope::InterruptScope() {
  g_scopes.fetch_add(1);
}

InterruptScope::~InterruptScope() {
  g_scopes.fetch_sub(1);
}

} // namespace gptme_sessions::host

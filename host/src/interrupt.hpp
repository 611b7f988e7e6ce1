// Ctrl-C (SIGINT) and SIGTERM. Outside an InterruptScope they kill the process as usual: every
// store write is crash-safe (locked appends that repair a torn tail, atomic rewrites), so
// dying is always safe. Inside a scope (sync's parsing, discovery, judge requests) the first
// signal only raises a flag that plugins see through PluginContext::cancelled() and commands
// check, so work in flight stops early and a command can keep what is complete (judge keeps
// its verdicts) or write nothing (sync); a second signal kills as usual.
#pragma once

#include <atomic>
#include <stdexcept>

namespace gptme_sessions::host {

// The command stopped because of a signal; app.cpp prints "Aborted!" and exits 130.
class Interrupted : public std::runtime_error {
public:
  Interrupted() : std::runtime_error("interrupted") {}
};

// Once, at start-up, on the main thread.
void install_interrupt_handlers();

// Set by the first signal inside a scope; never cleared.
const std::atomic<bool>& interrupt_flag();
inline bool interrupted() {
  return interrupt_flag().load(std::memory_order_relaxed);
}
// Throws Interrupted when the flag is set.
void throw_if_interrupted();

class InterruptScope {
public:
  InterruptScope();
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;
};

} // namespace gptme_sessions::host

// A one-line progress meter on stderr for work over many files: "files done/total, MB/s".
// Shown only when stderr is a terminal, the output is not --json, -q was not given, and the
// work has already taken longer than a moment; erased when done.
#pragma once

#include "cli/command.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace gptme_sessions::host {

// Whether a command may draw progress at all (terminal stderr, no -q, no machine output).
bool progress_allowed(const CommandContext& context, bool machine_output);

class Progress {
public:
  Progress(std::ostream& err, bool enabled, std::string label, std::size_t total_files);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Called by workers when a file is done; thread-safe.
  void file_done(std::uint64_t bytes);
  // Called by the waiting thread; redraws at most every 100 ms.
  void tick();

private:
  void draw();

  std::ostream& m_err;
  bool m_enabled;
  std::string m_label;
  std::size_t m_total;
  std::atomic<std::size_t> m_done{0};
  std::atomic<std::uint64_t> m_bytes{0};
  std::chrono::steady_clock::time_point m_start;
  std::chrono::steady_clock::time_point m_last_draw;
  bool m_drawn = false;
};

} // namespace gptme_sessions::host

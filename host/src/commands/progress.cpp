#include "commands/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ostream>

namespace gptme_sessions::host {

namespace {

// Work that finishes sooner than this never shows a meter (no flicker on small trees).
constexpr auto k_delay = std::chrono::milliseconds(500);
constexpr auto k_redraw = std::chrono::milliseconds(100);

} // namespace

bool progress_allowed(const CommandContext& context, bool machine_output) {
  if (machine_output || context.global().quiet)
    return false;
  if (::isatty(STDERR_FILENO) == 0)
    return false;
  const char* term = std::getenv("TERM");
  return term == nullptr || std::strcmp(term, "dumb") != 0;
}

Progress::Progress(std::ostream& err, bool enabled, std::string label, std::size_t total_files)
    : m_err(err), m_enabled(enabled && total_files > 0), m_label(std::move(label)),
      m_total(total_files), m_start(std::chrono::steady_clock::now()), m_last_draw(m_start) {}

Progress::~Progress() {
  if (m_drawn) {
    m_err << "\r\033[K";
    m_err.flush();
  }
}

void Progress::file_done(std::uint64_t bytes) {
  m_bytes.fetch_add(bytes, std::memory_order_relaxed);
  m_done.fetch_add(1, std::memory_order_relaxed);
}

void Progress::tick() {
  if (!m_enabled)
    return;
  const auto now = std::chrono::steady_clock::now();
  if (now - m_start < k_delay || (m_drawn && now - m_last_draw < k_redraw))
    return;
  m_last_draw = now;
  draw();
}

void Progress::draw() {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
  const double mb = static_cast<double>(m_bytes.load(std::memory_order_relaxed)) / 1e6;
  char line[160];
  std::snprintf(line,
                sizeof line,
                "\r\033[K%s %zu/%zu files, %.1f MB/s",
                m_label.c_str(),
                m_done.load(std::memory_order_relaxed),
                m_total,
                seconds > 0 ? mb / seconds : 0.0);
  m_err << line;
  m_err.flush();
  m_drawn = true;
}

} // namespace gptme_sessions::host

#include "commands/work_pool.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

namespace gptme_sessions::host {

namespace {

constexpr unsigned k_default_jobs = 2;
constexpr unsigned k_max_jobs = 256;
constexpr auto k_tick_interval = std::chrono::milliseconds(100);

} // namespace

unsigned job_count() {
  const char* env = std::getenv("GPTME_SESSIONS_JOBS");
  if (env == nullptr)
    return k_default_jobs;
  const std::string_view text(env);
  unsigned value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value == 0)
    return k_default_jobs;
  return value > k_max_jobs ? k_max_jobs : value;
}

void parallel_for(std::size_t count,
                  unsigned workers,
                  const std::function<void(std::size_t)>& task,
                  const std::function<void()>& tick) {
  if (count == 0)
    return;
  if (workers <= 1 || count == 1) {
    for (std::size_t i = 0; i < count; ++i) {
      task(i);
      if (tick)
        tick();
    }
    return;
  }

  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex mutex;
  std::condition_variable finished;
  std::size_t running = 0;

  auto work = [&] {
    for (;;) {
      if (failed.load(std::memory_order_relaxed))
        break;
      const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= count)
        break;
      try {
        task(i);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!error)
          error = std::current_exception();
        failed.store(true, std::memory_order_relaxed);
      }
    }
    std::lock_guard lock(mutex);
    --running;
    finished.notify_all();
  };

  const std::size_t thread_count = std::min<std::size_t>(workers, count);
  {
    std::vector<std::jthread> threads;
    threads.reserve(thread_count);
    running = thread_count;
    for (std::size_t t = 0; t < thread_count; ++t)
      threads.emplace_back(work);
    std::unique_lock lock(mutex);
    while (running > 0) {
      finished.wait_for(lock, k_tick_interval);
      if (tick && running > 0) {
        lock.unlock();
        tick();
        lock.lock();
      }
    }
  }
  if (tick)
    tick();
  if (error)
    std::rethrow_exception(error);
}

} // namespace gptme_sessions::host

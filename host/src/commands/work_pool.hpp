// Runs independent per-file work on a few worker threads while the calling thread stays free
// to report progress. Results are written by index, so output order never depends on timing.
#pragma once

#include <cstddef>
#include <functional>

namespace gptme_sessions::host {

// Worker threads for per-file work: $GPTME_SESSIONS_JOBS when it is a positive integer,
// else 2 (the machines this runs on have few cores and the work is mostly parsing).
unsigned job_count();

// Calls task(i) for every i in [0, count), on up to `workers` threads. The calling thread
// waits and calls `tick` about every 100 ms (and once at the end). An exception escaping a
// task stops the remaining work and is rethrown here once every worker has finished.
void parallel_for(std::size_t count,
                  unsigned workers,
                  const std::function<void(std::size_t)>& task,
                  const std::function<void()>& tick = {});

} // namespace gptme_sessions::host

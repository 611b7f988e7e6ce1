#include "commands/work_pool.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <stdexcept>
#include <vector>

using namespace gptme_sessions::host;

BOOST_AUTO_TEST_SUITE(host_commands_work_pool)

BOOST_AUTO_TEST_CASE(every_index_runs_exactly_once) {
  for (unsigned workers : {1u, 2u, 5u}) {
    std::vector<std::atomic<int>> hits(1000);
    std::atomic<int> ticks{0};
    parallel_for(
        hits.size(), workers, [&](std::size_t i) { hits[i]++; }, [&] { ticks++; });
    for (const auto& h : hits)
      BOOST_TEST(h.load() == 1);
    BOOST_TEST(ticks.load() >= 1);
  }
}

BOOST_AUTO_TEST_CASE(nothing_to_do) {
  bool called = false;
  parallel_for(0, 2, [&](std::size_t) { called = true; });
  BOOST_TEST(!called);
}

BOOST_AUTO_TEST_CASE(a_failing_task_is_rethrown_after_the_workers_stop) {
  std::atomic<int> done{0};
  BOOST_CHECK_THROW(parallel_for(100,
                                 2,
                                 [&](std::size_t i) {
                                   if (i == 3)
                                     throw std::runtime_error("boom");
                                   done++;
                                 }),
                    std::runtime_error);
  BOOST_TEST(done.load() < 100);
}

BOOST_AUTO_TEST_CASE(job_count_reads_the_environment) {
  ::setenv("GPTME_SESSIONS_JOBS", "3", 1);
  BOOST_TEST(job_count() == 3u);
  ::setenv("GPTME_SESSIONS_JOBS", "zero", 1);
  BOOST_TEST(job_count() == 2u);
  ::setenv("GPTME_SESSIONS_JOBS", "0", 1);
  BOOST_TEST(job_count() == 2u);
  ::unsetenv("GPTME_SESSIONS_JOBS");
  BOOST_TEST(job_count() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

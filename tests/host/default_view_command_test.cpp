#include "cli_test_support.hpp"

#include <boost/test/unit_test.hpp>

namespace fs = std::filesystem;
using namespace gptme_sessions::testing;

BOOST_FIXTURE_TEST_SUITE(host_commands_default_view, CliFixture)

BOOST_AUTO_TEST_CASE(out_of_window_records) {
  use_worked_example();
  const auto r = gs({});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "No records in the last 30 days. Use 'gptme-sessions stats --since all' "
                      "for all-time data.\n");
}

BOOST_AUTO_TEST_CASE(recent_records_show_stats_and_a_tip) {
  write_store(record_line("11111111", utc_stamp(-60), "\"outcome\": \"productive\"") +
              record_line("22222222", utc_stamp(-120), "\"outcome\": \"noop\""));
  const auto r = gs({});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.starts_with("Last 30 days (use 'gptme-sessions stats --since all' for "
                               "all-time):\n\nSessions: 2 total, 1 productive (50% success "
                               "rate)\n"));
  BOOST_TEST(r.out.ends_with("(50%)\n\n\nTip: Run 'gptme-sessions sync' to keep the store up to "
                             "date.\n"));
}

BOOST_AUTO_TEST_CASE(missing_store_falls_back_to_discovery) {
  const auto r = gs({});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out ==
             "No session records found in store.\n"
             "No sessions discovered in the last 30 days either.\n"
             "To record sessions, run 'gptme-sessions post-session' after each agent run.\n");
  BOOST_TEST(!fs::exists(dir()));
}

BOOST_AUTO_TEST_CASE(default_store_location_is_under_home) {
  const fs::path default_dir = home() / ".local" / "share" / "gptme-sessions";
  write_bytes(default_dir / "session-records.jsonl", read_bytes(worked_example_store()));
  const auto r = run_plain({"stats", "--since", "all"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == worked_example_expected("stats_since_all.txt"));
}

BOOST_AUTO_TEST_SUITE_END()

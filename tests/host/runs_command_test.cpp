#include "cli_test_support.hpp"

#include <gptme_sessions/core/json_writer.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

namespace core = gptme_sessions::core;
namespace fs = std::filesystem;
using namespace gptme_sessions::testing;

namespace {

std::string fallback(const std::string& window) {
  return "No session records found in store.\n"
         "No sessions discovered in the last " +
         window +
         " either.\n"
         "To record sessions, run 'gptme-sessions post-session' after each agent run.\n";
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(host_commands_runs, CliFixture)

BOOST_AUTO_TEST_CASE(worked_example_text) {
  use_worked_example();
  const auto r = gs({"runs", "--since", "all"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == worked_example_expected("runs_since_all.txt"));
  BOOST_TEST(r.err == "");
}

BOOST_AUTO_TEST_CASE(worked_example_json) {
  use_worked_example();
  const auto r = gs({"runs", "--since", "all", "--json"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == worked_example_expected("runs_since_all.json"));
  const auto v = boost::json::parse(r.out).as_object();
  BOOST_TEST(core::to_json(v.at("duration_distribution")) ==
             "{\"<1m\": 1, \"1-5m\": 2, \"5-15m\": 1, \"15-30m\": 1, \"30m+\": 2, \"unknown\": 1}");
  BOOST_TEST(core::to_json(v.at("short_runs")) == "{\"autonomous\": 2}");
  BOOST_TEST(v.at("noop_by_run_type").at("autonomous").at("rate").as_double() == 0.4);
  BOOST_TEST(v.at("daily_counts").at("2026-03-02").as_int64() == 2);
}

BOOST_AUTO_TEST_CASE(empty_windows_name_the_window) {
  use_worked_example();
  auto r = gs({"runs"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "No runs found in the last 14 days.\n");
  r = gs({"runs", "--since", "0"});
  BOOST_TEST(r.out == "No runs found in the last 14 days.\n");
  r = gs({"runs", "--since", "2h"});
  BOOST_TEST(r.out == "No runs found in the last 2 hours.\n");
  r = gs({"runs", "--since", "36h"});
  BOOST_TEST(r.out == "No runs found in the last 1.5 days.\n");
  r = gs({"runs", "--json"});
  BOOST_TEST(r.out == "{\n  \"total\": 0\n}\n");
}

BOOST_AUTO_TEST_CASE(missing_store_falls_back_to_discovery) {
  auto r = gs({"runs"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == fallback("14 days"));
  r = gs({"runs", "--since", "2h"});
  BOOST_TEST(r.out == fallback("1 days"));
  r = gs({"runs", "--since", "all"});
  BOOST_TEST(r.out == fallback("14 days"));
  r = gs({"runs", "--json"});
  BOOST_TEST(r.out == "{\n  \"total\": 0\n}\n");
  BOOST_TEST(!fs::exists(dir()));
}

BOOST_AUTO_TEST_CASE(recent_records_use_the_default_window) {
  write_store(record_line("11111111", utc_stamp(-3600), "\"duration_seconds\": 30") +
              record_line("22222222", "2020-01-01T00:00:00+00:00"));
  const auto r = gs({"runs", "--json"});
  BOOST_TEST(boost::json::parse(r.out).at("total").as_int64() == 1);
}

BOOST_AUTO_TEST_CASE(bad_since_is_a_usage_error) {
  use_worked_example();
  const auto r = gs({"runs", "--since", "abc"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.starts_with("Usage: gptme-sessions runs [OPTIONS]\n"));
  BOOST_TEST(last_line(r.err) ==
             "Error: Invalid value for '--since': invalid value 'abc' (expected e.g. 90s, 30m, "
             "2h, 7d, 2w, '2 hours ago', or 'all')");
}

BOOST_AUTO_TEST_SUITE_END()

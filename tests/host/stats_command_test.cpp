#include "cli_test_support.hpp"

#include <gptme_sessions/core/json_writer.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

namespace core = gptme_sessions::core;
namespace fs = std::filesystem;
using namespace gptme_sessions::testing;

namespace {

const std::string k_fallback_30 =
    "No session records found in store.\n"
    "No sessions discovered in the last 30 days either.\n"
    "To record sessions, run 'gptme-sessions post-session' after each agent run.\n";

} // namespace

BOOST_FIXTURE_TEST_SUITE(host_commands_stats, CliFixture)

BOOST_AUTO_TEST_CASE(worked_example_text) {
  use_worked_example();
  const auto r = gs({"stats", "--since", "all"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == worked_example_expected("stats_since_all.txt"));
  BOOST_TEST(r.err == "");
}

BOOST_AUTO_TEST_CASE(worked_example_json) {
  use_worked_example();
  const auto r = gs({"stats", "--since", "all", "--json"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == worked_example_expected("stats_since_all.json"));
  // The verbatim shape of spec §9.
  BOOST_TEST(r.out.starts_with("{\n  \"total\": 8,\n  \"productive\": 4,\n"));
  BOOST_TEST(r.out.find("\n  \"duration\": {\n    \"count\": 7,\n") != std::string::npos);
  BOOST_TEST(r.out.find("\n  \"by_model_run_type\": {\n    \"deepseek-r2\\u00d7monitoring\": {\n"
                        "      \"total\": 1,\n      \"productive\": 0,\n      \"rate\": 0.0\n"
                        "    },\n") != std::string::npos);
  BOOST_TEST(r.out.ends_with("\n}\n"));
  const auto v = boost::json::parse(r.out).as_object();
  BOOST_TEST(v.at("success_rate").as_double() == 0.5);
  // Boost.JSON 1.81 does not parse doubles exactly, so exact values are checked as text.
  BOOST_TEST(r.out.find("\n    \"avg\": 1196.4285714285713,\n") != std::string::npos);
  BOOST_TEST(r.out.find("\"proj-alpha\": {\n      \"total\": 3,\n      \"productive\": 2,\n"
                        "      \"rate\": 0.6666666666666666\n") != std::string::npos);
  BOOST_TEST(v.at("by_model_run_type").as_object().contains("null\xC3\x97null"));
}

BOOST_AUTO_TEST_CASE(default_window_is_thirty_days) {
  use_worked_example();
  const auto r = gs({"stats"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "No records in the last 30 days. Use --since all for all-time data.\n");
}

BOOST_AUTO_TEST_CASE(header_when_the_default_window_has_records) {
  write_store(record_line("00000001", utc_stamp(-3600), "\"outcome\": \"productive\"") +
              record_line("00000002", "2020-01-01T00:00:00+00:00"));
  const auto r = gs({"stats"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.starts_with("Last 30 days (use --since all for all-time):\n\n"
                               "Sessions: 1 total, 1 productive (100% success rate)\n"));
  BOOST_TEST(r.out.ends_with("(100%)\n\n"));
  // With --since given there is no header.
  const auto all = gs({"stats", "--since", "all"});
  BOOST_TEST(all.out.starts_with("Sessions: 2 total, 1 productive (50% success rate)\n"));
}

BOOST_AUTO_TEST_CASE(filters) {
  use_worked_example();
  auto r = gs({"stats", "--since", "all", "--model", "sonnet"});
  BOOST_TEST(r.out.starts_with("Sessions: 2 total, 1 productive (50% success rate)\n"));
  r = gs({"stats", "--since", "all", "--project", "alpha", "--outcome", "productive"});
  BOOST_TEST(r.out.starts_with("Sessions: 2 total, 2 productive (100% success rate)\n"));
  r = gs({"stats", "--since", "all", "--harness", "nobody"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "No records match your filters.\n");
  r = gs({"stats", "--model", "sonnet"});
  BOOST_TEST(r.out == "No records match your filters.\n");
  r = gs({"stats", "--since", "all", "--harness", "nobody", "--json"});
  BOOST_TEST(r.out == "{\n  \"total\": 0\n}\n");
}

BOOST_AUTO_TEST_CASE(missing_store_falls_back_to_discovery_and_creates_nothing) {
  auto r = gs({"stats"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == k_fallback_30);
  r = gs({"stats", "--json"});
  BOOST_TEST(r.out == "{\n  \"total\": 0\n}\n");
  r = gs({"stats", "--since", "all"});
  BOOST_TEST(r.out == "No records match your filters.\n");
  BOOST_TEST(!fs::exists(dir()));
}

BOOST_AUTO_TEST_CASE(bad_since_is_a_usage_error) {
  use_worked_example();
  const auto r = gs({"stats", "--since", "2 fortnights"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.out == "");
  BOOST_TEST(r.err == "Usage: gptme-sessions stats [OPTIONS]\n"
                      "Try 'gptme-sessions stats --help' for help.\n\n"
                      "Error: Invalid value for '--since': invalid value '2 fortnights' "
                      "(expected e.g. 90s, 30m, 2h, 7d, 2w, '2 hours ago', or 'all')\n");
}

BOOST_AUTO_TEST_CASE(global_options_must_precede_the_command) {
  use_worked_example();
  const auto r = gs({"stats", "--sessions-dir", "x"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(last_line(r.err) == "Error: No such option '--sessions-dir'.");
}

BOOST_AUTO_TEST_CASE(store_chosen_by_environment_variable) {
  use_worked_example();
  ProcessOptions options;
  options.env["HOME"] = home().string();
  options.env["GPTME_SESSIONS_DIR"] = dir().string();
  options.env["XDG_DATA_HOME"] = std::nullopt;
  const auto r = run_process({GPTME_SESSIONS_HOST_EXE, "stats", "--since", "all"}, options);
  BOOST_TEST(r.out == worked_example_expected("stats_since_all.txt"));
}

BOOST_AUTO_TEST_SUITE_END()

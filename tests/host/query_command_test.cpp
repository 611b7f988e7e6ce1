#include "cli_test_support.hpp"

#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/core/session_store.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

namespace core = gptme_sessions::core;
namespace fs = std::filesystem;
using namespace gptme_sessions::testing;

namespace {

std::vector<std::string> ids_of(const std::string& json_array) {
  std::vector<std::string> ids;
  const boost::json::value parsed = boost::json::parse(json_array);
  for (const auto& v : parsed.as_array())
    ids.emplace_back(v.at("session_id").as_string());
  return ids;
}

using Ids = std::vector<std::string>;

} // namespace

BOOST_FIXTURE_TEST_SUITE(host_commands_query, CliFixture)

BOOST_AUTO_TEST_CASE(worked_example_text) {
  use_worked_example();
  const auto r = gs({"query"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == worked_example_expected("query.txt"));
  BOOST_TEST(r.err == "");
}

BOOST_AUTO_TEST_CASE(model_filter_matches_normalized_or_raw) {
  use_worked_example();
  auto r = gs({"query", "--model", "sonnet", "--json"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(ids_of(r.out) == (Ids{"a1b2ffff", "b7e01234"}));
  r = gs({"query", "--model", "anthropic/claude-sonnet-4-6", "--json"});
  BOOST_TEST(ids_of(r.out) == Ids{"a1b2ffff"});
}

BOOST_AUTO_TEST_CASE(project_filter_is_a_case_sensitive_substring) {
  use_worked_example();
  auto r = gs({"query", "--project", "alpha", "--json"});
  BOOST_TEST(ids_of(r.out) == (Ids{"a1b2c3d4", "a1b2ffff", "e5e5e5e5"}));
  r = gs({"query", "--project", "ALPHA"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "\n0 records\n");
}

BOOST_AUTO_TEST_CASE(other_filters_and_empty_values) {
  use_worked_example();
  auto r = gs({"query", "--run-type", "autonomous", "--category", "code", "--json"});
  BOOST_TEST(ids_of(r.out) == (Ids{"a1b2c3d4", "b7e01234"}));
  r = gs({"query", "--outcome", "noop", "--harness", "claude-code", "--json"});
  BOOST_TEST(ids_of(r.out) == (Ids{"a1b2ffff", "f1f2f3f4"}));
  // An empty value counts as unset.
  r = gs({"query", "--model", "", "--since", "", "--json"});
  BOOST_TEST(ids_of(r.out).size() == 8u);
}

BOOST_AUTO_TEST_CASE(json_is_an_indented_array_of_full_records) {
  use_worked_example();
  const auto r = gs({"query", "--json"});
  BOOST_TEST(r.exit_code == 0);
  const auto array = boost::json::parse(r.out).as_array();
  BOOST_TEST(array.size() == 8u);
  // Streamed element by element, yet identical to json.dumps(list, indent=2).
  boost::json::array expected;
  for (const auto& record : core::SessionStore(dir()).load_all())
    expected.push_back(core::record_to_json(record));
  BOOST_TEST(r.out == core::to_json_pretty(expected) + "\n");
  BOOST_TEST(r.out.starts_with("[\n  {\n    \"session_id\": \"a1b2c3d4\",\n    \"timestamp\": "));
  BOOST_TEST(r.out.ends_with("\n  }\n]\n"));
  // Stored values come back normalized (T24 fix, run_type) and model raw.
  BOOST_TEST(array[3].at("timestamp").as_string() == "2026-03-02T23:59:59+00:00");
  BOOST_TEST(array[2].at("run_type").as_string() == "autonomous");
  BOOST_TEST(array[2].at("model").as_string() == "openrouter/anthropic/claude-sonnet-4.5/extended");
}

BOOST_AUTO_TEST_CASE(stats_flag) {
  use_worked_example();
  auto r = gs({"query", "--stats"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == worked_example_expected("stats_since_all.txt"));
  r = gs({"query", "--stats", "--json"});
  BOOST_TEST(r.out == worked_example_expected("stats_since_all.json"));
  r = gs({"query", "--stats", "--model", "nobody"});
  BOOST_TEST(r.out == "No session records found.\n");
}

BOOST_AUTO_TEST_CASE(since_windows) {
  write_store(record_line("11111111", utc_stamp(-3600)) +
              record_line("22222222", utc_stamp(-5 * 3600)));
  for (const char* since : {"2h", "2 hours ago", "2H", "0.1d", "  120 MINUTES  "}) {
    BOOST_TEST_CONTEXT(since) {
      const auto r = gs({"query", "--since", since, "--json"});
      BOOST_TEST(r.exit_code == 0);
      BOOST_TEST(ids_of(r.out) == Ids{"11111111"});
    }
  }
  BOOST_TEST(ids_of(gs({"query", "--since", "6h", "--json"}).out).size() == 2u);
  BOOST_TEST(ids_of(gs({"query", "--since", "all", "--json"}).out).size() == 2u);
}

BOOST_AUTO_TEST_CASE(bad_since_is_a_usage_error) {
  use_worked_example();
  const auto r = gs({"query", "--since", "abc"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.out == "");
  BOOST_TEST(r.err.starts_with("Usage: gptme-sessions query [OPTIONS]\n"
                               "Try 'gptme-sessions query --help' for help.\n\n"));
  BOOST_TEST(last_line(r.err) ==
             "Error: Invalid value for '--since': invalid value 'abc' (expected e.g. 90s, 30m, "
             "2h, 7d, 2w, '2 hours ago', or 'all')");
  for (const char* bad : {"2x", "hours", ".5h", "-1d", "1e3", "ago", "2hago"}) {
    BOOST_TEST_CONTEXT(bad) {
      BOOST_TEST(gs({"query", "--since", bad}).exit_code == 2);
    }
  }
}

BOOST_AUTO_TEST_CASE(missing_store) {
  auto r = gs({"query"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "\n0 records\n");
  r = gs({"query", "--json"});
  BOOST_TEST(r.out == "[]\n");
  r = gs({"query", "--stats"});
  BOOST_TEST(r.out == "No session records found.\n");
  r = gs({"query", "--stats", "--json"});
  BOOST_TEST(r.out == "{\n  \"total\": 0\n}\n");
  BOOST_TEST(!fs::exists(dir()));
}

BOOST_AUTO_TEST_CASE(usage_errors) {
  use_worked_example();
  auto r = gs({"query", "extra"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(last_line(r.err) == "Error: Got unexpected extra argument (extra)");
  r = gs({"query", "--bogus"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(last_line(r.err) == "Error: No such option '--bogus'.");
  r = gs({"bogus"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(last_line(r.err) == "Error: No such command 'bogus'.");
}

BOOST_AUTO_TEST_SUITE_END()

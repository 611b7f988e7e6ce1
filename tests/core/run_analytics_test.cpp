#include "analytics_test_support.hpp"

#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/core/run_analytics.hpp>

#include <boost/test/unit_test.hpp>

namespace core = gptme_sessions::core;
using gptme_sessions::testing::make_test_record;
using gptme_sessions::testing::worked_example_expected;
using gptme_sessions::testing::worked_example_records;

BOOST_AUTO_TEST_SUITE(core_run_analytics)

BOOST_AUTO_TEST_CASE(worked_example_json_values_and_key_order) {
  const auto runs = core::compute_run_analytics(worked_example_records());
  // Python json.dumps(indent=2) output, checked against the spec values.
  BOOST_TEST(core::to_json_pretty(core::run_analytics_to_json(runs)) + "\n" ==
             worked_example_expected("runs_since_all.json"));
}

BOOST_AUTO_TEST_CASE(worked_example_text_is_byte_exact) {
  const auto runs = core::compute_run_analytics(worked_example_records());
  BOOST_TEST(core::format_run_analytics(runs) + "\n" ==
             worked_example_expected("runs_since_all.txt"));
}

BOOST_AUTO_TEST_CASE(empty_input) {
  const auto runs = core::compute_run_analytics({});
  BOOST_TEST(core::to_json(core::run_analytics_to_json(runs)) == "{\"total\": 0}");
  BOOST_TEST(core::format_run_analytics(runs) == "No session records found.");
}

BOOST_AUTO_TEST_CASE(bucket_boundaries) {
  BOOST_TEST(core::k_duration_buckets[core::duration_bucket(-5)] == "unknown");
  BOOST_TEST(core::k_duration_buckets[core::duration_bucket(0)] == "unknown");
  BOOST_TEST(core::k_duration_buckets[core::duration_bucket(1)] == "<1m");
  BOOST_TEST(core::k_duration_buckets[core::duration_bucket(59)] == "<1m");
  BOOST_TEST(core::k_duration_buckets[core::duration_bucket(60)] == "1-5m");
  BOOST_TEST(core::k_duration_buckets[core::duration_bucket(299)] == "1-5m");
  BOOST_TEST(core::k_duration_buckets[core::duration_bucket(300)] == "5-15m");
  BOOST_TEST(core::k_duration_buckets[core::duration_bucket(900)] == "15-30m");
  BOOST_TEST(core::k_duration_buckets[core::duration_bucket(1799)] == "15-30m");
  BOOST_TEST(core::k_duration_buckets[core::duration_bucket(1800)] == "30m+");
}

BOOST_AUTO_TEST_CASE(short_runs_keep_first_seen_order_and_text_sorts_by_count) {
  std::vector<core::SessionRecord> records = {
      make_test_record({.run_type = std::string("b-type"), .duration = 30}),
      make_test_record({.run_type = std::string("a-type"), .duration = 119}),
      make_test_record({.run_type = std::string("a-type"), .duration = 1}),
      make_test_record({.run_type = std::string("c-type"), .duration = 5}),
      make_test_record({.run_type = std::string("d-type"), .duration = 120}),
      make_test_record({.run_type = std::string("d-type"), .duration = 0}),
  };
  const auto runs = core::compute_run_analytics(records);
  BOOST_TEST(core::to_json(core::run_analytics_to_json(runs).at("short_runs")) ==
             "{\"b-type\": 1, \"a-type\": 2, \"c-type\": 1}");
  const std::string text = core::format_run_analytics(runs);
  BOOST_TEST(text.find("Short runs (<2min) by type:\n"
                       "  a-type             2\n"
                       "  b-type             1\n"
                       "  c-type             1\n\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_short_runs_section_without_short_runs) {
  std::vector<core::SessionRecord> records = {make_test_record({.duration = 600})};
  const auto runs = core::compute_run_analytics(records);
  BOOST_TEST(core::to_json(core::run_analytics_to_json(runs).at("short_runs")) == "{}");
  BOOST_TEST(core::format_run_analytics(runs).find("Short runs") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(bars_cap_at_forty_and_zero_leaves_two_spaces) {
  std::vector<core::SessionRecord> records(
      45, make_test_record({.duration = 10, .timestamp = "2026-03-05T01:00:00Z"}));
  const std::string text = core::format_run_analytics(core::compute_run_analytics(records));
  BOOST_TEST(text.find("      <1m   45  (100.0%)  " + std::string(40, '#') + "\n") !=
             std::string::npos);
  BOOST_TEST(text.find("     1-5m    0  ( 0.0%)  \n") != std::string::npos);
  BOOST_TEST(text.find("  2026-03-05   45  " + std::string(40, '#') + "\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(daily_counts_use_the_timestamp_text_without_timezone_conversion) {
  std::vector<core::SessionRecord> records = {
      make_test_record({.timestamp = "2026-03-02T23:30:00-05:00"}),
      make_test_record({.timestamp = "2026-03-01T01:00:00+09:00"}),
      make_test_record({.timestamp = "2026-03-02"}),
  };
  const auto runs = core::compute_run_analytics(records);
  BOOST_TEST(core::to_json(core::run_analytics_to_json(runs).at("daily_counts")) ==
             "{\"2026-03-01\": 1, \"2026-03-02\": 2}");
}

BOOST_AUTO_TEST_CASE(model_outcome_rates) {
  std::vector<core::SessionRecord> records = {
      make_test_record({.model = std::string("claude-sonnet-4-6")}),
      make_test_record(
          {.model = std::string("anthropic/claude-sonnet-4-6"), .outcome = std::string("noop")}),
      make_test_record({.model = std::string("x"), .outcome = std::string("failed")}),
  };
  const auto runs = core::compute_run_analytics(records);
  BOOST_TEST(core::to_json(core::run_analytics_to_json(runs).at("model_outcome")) ==
             "{\"sonnet\": {\"total\": 2, \"productive\": 1, \"noop\": 1, \"rate\": 0.5}, "
             "\"x\": {\"total\": 1, \"productive\": 0, \"noop\": 0, \"rate\": 0.0}}");
  BOOST_TEST(core::format_run_analytics(runs).ends_with(
      std::string("Model \xC3\x97 outcome:\n") + "  sonnet" + std::string(10, ' ') +
      "1 productive,   1 noop  (50% success)\n" + "  x" + std::string(15, ' ') +
      "0 productive,   0 noop  (0% success)"));
}

BOOST_AUTO_TEST_SUITE_END()

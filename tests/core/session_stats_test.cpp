#include "analytics_test_support.hpp"

#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/core/session_stats.hpp>

#include <boost/test/unit_test.hpp>

namespace core = gptme_sessions::core;
using gptme_sessions::testing::make_test_record;
using gptme_sessions::testing::RecordSpec;
using gptme_sessions::testing::worked_example_expected;
using gptme_sessions::testing::worked_example_records;

namespace {

// One table row: two spaces, the key padded to `pad` spaces, then the counts.
std::string row(const std::string& key, std::size_t pad, const std::string& counts) {
  return "  " + key + std::string(pad, ' ') + "  " + counts + "\n";
}

} // namespace

BOOST_AUTO_TEST_SUITE(core_session_stats)

BOOST_AUTO_TEST_CASE(worked_example_json_values_and_key_order) {
  const auto stats = core::compute_stats(worked_example_records());
  // Python json.dumps(indent=2) output, checked against the spec values.
  BOOST_TEST(core::to_json_pretty(core::stats_to_json(stats)) + "\n" ==
             worked_example_expected("stats_since_all.json"));
}

BOOST_AUTO_TEST_CASE(worked_example_text_is_byte_exact) {
  const auto stats = core::compute_stats(worked_example_records());
  // The CLI prints the report plus one newline.
  BOOST_TEST(core::format_stats(stats) + "\n" == worked_example_expected("stats_since_all.txt"));
}

BOOST_AUTO_TEST_CASE(worked_example_counts) {
  const auto s = core::compute_stats(worked_example_records());
  BOOST_TEST(s.total == 8);
  BOOST_TEST(s.productive == 4);
  BOOST_TEST(s.noop == 2);
  BOOST_TEST(s.violated_policy == 1);
  BOOST_TEST(s.success_rate() == 0.5);
  BOOST_REQUIRE(s.duration.has_value());
  BOOST_TEST(s.duration->count == 7);
  BOOST_TEST(s.duration->avg() == 1196.4285714285713);
  BOOST_TEST(s.duration->min == 45);
  BOOST_TEST(s.duration->max == 4000);
  BOOST_TEST(s.by_model.at("sonnet").total == 2);
  BOOST_TEST(s.by_model.at("sonnet").productive == 1);
  BOOST_TEST(s.by_project->at("proj-alpha").rate() == 2.0 / 3.0);
  BOOST_TEST(s.by_model_run_type.count("null\xC3\x97null") == 1);
}

BOOST_AUTO_TEST_CASE(empty_input) {
  const auto stats = core::compute_stats({});
  BOOST_TEST(core::to_json(core::stats_to_json(stats)) == "{\"total\": 0}");
  BOOST_TEST(core::format_stats(stats) == "No session records found.");
}

BOOST_AUTO_TEST_CASE(durations_only_count_positive_values) {
  std::vector<core::SessionRecord> records = {make_test_record({.duration = 0}),
                                              make_test_record({.duration = -5})};
  auto stats = core::compute_stats(records);
  BOOST_TEST(!stats.duration.has_value());
  BOOST_TEST(core::to_json(core::stats_to_json(stats).at("duration")) == "{}");
  const std::string text = core::format_stats(stats);
  BOOST_TEST(text.find("Duration:") == std::string::npos);
  BOOST_TEST(text.find("Policy violations") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(by_project_only_when_some_record_has_a_project) {
  std::vector<core::SessionRecord> records = {make_test_record({}), make_test_record({})};
  auto stats = core::compute_stats(records);
  BOOST_TEST(!stats.by_project.has_value());
  BOOST_TEST(!core::stats_to_json(stats).contains("by_project"));
  BOOST_TEST(core::format_stats(stats).find("By project:") == std::string::npos);

  records.push_back(make_test_record({.project = std::string("/a/b/proj///")}));
  records.push_back(make_test_record({.project = std::string("")}));
  stats = core::compute_stats(records);
  BOOST_REQUIRE(stats.by_project.has_value());
  BOOST_TEST(stats.by_project->size() == 1);
  BOOST_TEST(stats.by_project->at("proj").total == 1);
}

BOOST_AUTO_TEST_CASE(percentages_round_half_to_even) {
  // 1/8 = 12.5% -> 12, 3/8 = 37.5% -> 38.
  std::vector<core::SessionRecord> records;
  for (int i = 0; i < 8; ++i)
    records.push_back(
        make_test_record({.model = i < 4 ? std::string("m1") : std::string("m2"),
                          .outcome = i == 0 || (i >= 4 && i < 7) ? std::string("productive")
                                                                 : std::string("noop")}));
  const std::string text = core::format_stats(core::compute_stats(records));
  BOOST_TEST(text.starts_with("Sessions: 8 total, 4 productive (50% success rate)\n"));
  BOOST_TEST(text.find(row("m1", 10, "  1/  4  (25%)")) != std::string::npos);
  BOOST_TEST(text.find(row("m2", 10, "  3/  4  (75%)")) != std::string::npos);

  std::vector<core::SessionRecord> eighth(8, make_test_record({.outcome = std::string("noop")}));
  eighth[0].outcome = "productive";
  BOOST_TEST(core::format_stats(core::compute_stats(eighth))
                 .starts_with("Sessions: 8 total, 1 productive (12% success rate)"));
  for (int i = 1; i < 3; ++i)
    eighth[i].outcome = "productive";
  BOOST_TEST(core::format_stats(core::compute_stats(eighth))
                 .starts_with("Sessions: 8 total, 3 productive (38% success rate)"));
}

BOOST_AUTO_TEST_CASE(padding_counts_code_points_and_never_truncates) {
  std::vector<core::SessionRecord> records = {
      make_test_record({.model = std::string("mod\xC3\xA9le")}), // "modéle": 6 code points
      make_test_record({.model = std::string("a-very-long-model-name")}),
  };
  const std::string text = core::format_stats(core::compute_stats(records));
  // Width = longest key (22 code points).
  BOOST_TEST(text.find(row("mod\xC3\xA9le", 16, "  1/  1  (100%)")) != std::string::npos);
  BOOST_TEST(text.find(row("a-very-long-model-name", 0, "  1/  1  (100%)")) != std::string::npos);
  // Run type column is fixed at 12 and pushed right by longer values.
  std::vector<core::SessionRecord> long_rt = {
      make_test_record({.run_type = std::string("a-long-run-type-name")})};
  BOOST_TEST(core::format_stats(core::compute_stats(long_rt))
                 .find(row("a-long-run-type-name", 0, "  1/  1  (100%)")) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(cross_tables_need_two_values_on_both_sides) {
  // Two models, one run type: no "By model × run type" section.
  std::vector<core::SessionRecord> records = {
      make_test_record({.model = std::string("m1")}),
      make_test_record({.model = std::string("m2")}),
  };
  std::string text = core::format_stats(core::compute_stats(records));
  BOOST_TEST(text.find("By model \xC3\x97 run type:") == std::string::npos);
  BOOST_TEST(text.find("By harness \xC3\x97 model:") == std::string::npos);
  records.push_back(make_test_record(
      {.model = std::string("m1"), .run_type = std::string("r2"), .harness = std::string("h2")}));
  text = core::format_stats(core::compute_stats(records));
  // "m1×autonomous" is 13 code points (15 bytes) in a 25-wide column.
  BOOST_TEST(text.find("By model \xC3\x97 run type:\n" + row("m1\xC3\x97"
                                                             "autonomous",
                                                             12,
                                                             "  1/  1  (100%)")) !=
             std::string::npos);
  BOOST_TEST(text.find("By harness \xC3\x97 model:") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_values_group_as_null) {
  std::vector<core::SessionRecord> records = {
      make_test_record({.model = std::nullopt, .run_type = std::string(""), .harness = {}}),
      make_test_record({.model = std::string(""), .run_type = {}, .harness = std::string("")}),
  };
  const auto stats = core::compute_stats(records);
  BOOST_TEST(stats.by_model.size() == 1);
  BOOST_TEST(stats.by_model.at("null").total == 2);
  BOOST_TEST(stats.by_run_type.at("null").total == 2);
  BOOST_TEST(stats.by_harness.at("null").total == 2);
  BOOST_TEST(stats.by_harness_model.at("null\xC3\x97null").total == 2);
}

BOOST_AUTO_TEST_CASE(models_group_by_normalized_name) {
  std::vector<core::SessionRecord> records = {
      make_test_record({.model = std::string("claude-opus-4-6")}),
      make_test_record({.model = std::string("anthropic/claude-opus-4.5")}),
      make_test_record({.model = std::string("openrouter/deepseek/deepseek-r2")}),
  };
  const auto stats = core::compute_stats(records);
  BOOST_TEST(stats.by_model.size() == 2);
  BOOST_TEST(stats.by_model.at("opus").total == 2);
  BOOST_TEST(stats.by_model.at("deepseek-r2").total == 1);
}

BOOST_AUTO_TEST_CASE(accumulator_matches_batch) {
  core::StatsAccumulator acc;
  for (const auto& r : worked_example_records())
    acc.add(r);
  BOOST_TEST(acc.count() == 8);
  BOOST_TEST(core::to_json(core::stats_to_json(acc.result())) ==
             core::to_json(core::stats_to_json(core::compute_stats(worked_example_records()))));
}

BOOST_AUTO_TEST_SUITE_END()

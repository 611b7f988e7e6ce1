#include "analytics_test_support.hpp"

#include <gptme_sessions/core/iso_time.hpp>
#include <gptme_sessions/core/record_filter.hpp>

#include <boost/test/unit_test.hpp>

#include <ctime>
#include <string>
#include <vector>

namespace core = gptme_sessions::core;
using gptme_sessions::testing::make_test_record;
using gptme_sessions::testing::worked_example_records;

namespace {

std::vector<std::string> kept_ids(const core::RecordFilter& filter) {
  const core::RecordMatcher matches(filter);
  std::vector<std::string> ids;
  for (const auto& r : worked_example_records())
    if (matches(r))
      ids.push_back(r.session_id);
  return ids;
}

using Ids = std::vector<std::string>;

// 2026-03-03T00:00:00Z, a fixed "now" for window tests on the worked example.
constexpr std::int64_t k_march_3 = 1772496000LL * 1000000;

} // namespace

BOOST_AUTO_TEST_SUITE(core_record_filter)

BOOST_AUTO_TEST_CASE(empty_filter_keeps_everything) {
  core::RecordFilter f;
  BOOST_TEST(f.keeps_everything());
  BOOST_TEST(kept_ids(f).size() == 8u);
  f.model = "";
  f.project = "";
  BOOST_TEST(f.keeps_everything());
  BOOST_TEST(kept_ids(f).size() == 8u);
}

BOOST_AUTO_TEST_CASE(model_matches_normalized_or_raw) {
  BOOST_TEST(kept_ids({.model = "sonnet"}) == (Ids{"a1b2ffff", "b7e01234"}));
  BOOST_TEST(kept_ids({.model = "anthropic/claude-sonnet-4-6"}) == Ids{"a1b2ffff"});
  BOOST_TEST(kept_ids({.model = "SONNET"}).empty());
  BOOST_TEST(kept_ids({.model = "null"}).empty());
  BOOST_TEST(kept_ids({.model = "deepseek-r2"}) == Ids{"c0ffee00"});
}

BOOST_AUTO_TEST_CASE(exact_field_filters) {
  BOOST_TEST(kept_ids({.run_type = "autonomous"}).size() == 5u);
  BOOST_TEST(kept_ids({.run_type = "1042"}).empty());
  BOOST_TEST(kept_ids({.category = "code"}) == (Ids{"a1b2c3d4", "b7e01234"}));
  BOOST_TEST(kept_ids({.harness = "gptme"}) == (Ids{"b7e01234", "c0ffee00"}));
  BOOST_TEST(kept_ids({.outcome = "noop"}) == (Ids{"a1b2ffff", "f1f2f3f4"}));
  BOOST_TEST(kept_ids({.harness = "claude-code", .outcome = "productive"}) ==
             (Ids{"a1b2c3d4", "0a0b0c0d"}));
}

BOOST_AUTO_TEST_CASE(project_is_a_case_sensitive_substring) {
  BOOST_TEST(kept_ids({.project = "alpha"}) == (Ids{"a1b2c3d4", "a1b2ffff", "e5e5e5e5"}));
  BOOST_TEST(kept_ids({.project = "ALPHA"}).empty());
  BOOST_TEST(kept_ids({.project = "/home/u/"}) == (Ids{"a1b2c3d4", "a1b2ffff", "b7e01234"}));
}

BOOST_AUTO_TEST_CASE(since_window_against_a_fixed_now) {
  auto ids = [](double days) {
    const core::RecordMatcher matches({.since_days = days}, k_march_3);
    Ids out;
    for (const auto& r : worked_example_records())
      if (matches(r))
        out.push_back(r.session_id);
    return out;
  };
  // The T24 record is stored as 2026-03-02T23:59:59+00:00.
  BOOST_TEST(ids(1.0) ==
             (Ids{"b7e01234", "c0ffee00", "d00d0001", "e5e5e5e5", "f1f2f3f4", "0a0b0c0d"}));
  BOOST_TEST(ids(2.0 / 86400) == (Ids{"c0ffee00", "d00d0001", "e5e5e5e5", "f1f2f3f4", "0a0b0c0d"}));
  BOOST_TEST(ids(0.0) == (Ids{"d00d0001", "e5e5e5e5", "f1f2f3f4", "0a0b0c0d"}));
  BOOST_TEST(ids(100000.0).size() == 8u);
  BOOST_TEST(ids(1e300).size() == 8u);
}

BOOST_AUTO_TEST_CASE(since_drops_unparseable_and_keeps_future_timestamps) {
  const std::int64_t now = core::now_us();
  auto stamp = [](std::int64_t us) {
    const std::time_t t = static_cast<std::time_t>(us / 1000000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
    return std::string(buf);
  };
  const std::int64_t hour = 3600LL * 1000000;
  const core::RecordMatcher two_hours({.since_days = 2.0 / 24}, now);
  BOOST_TEST(two_hours(make_test_record({.timestamp = stamp(now - hour)})));
  BOOST_TEST(!two_hours(make_test_record({.timestamp = stamp(now - 5 * hour)})));
  BOOST_TEST(two_hours(make_test_record({.timestamp = stamp(now + 500 * hour)})));
  BOOST_TEST(!two_hours(make_test_record({.timestamp = "not a time"})));
  BOOST_TEST(!two_hours(make_test_record({.timestamp = "2026-03-01T24:00"})));
  // No window: unparseable timestamps stay.
  const core::RecordMatcher all({}, now);
  BOOST_TEST(all(make_test_record({.timestamp = "not a time"})));
}

BOOST_AUTO_TEST_SUITE_END()

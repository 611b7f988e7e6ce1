#include <gptme_sessions/core/since.hpp>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace core = gptme_sessions::core;
namespace bdata = boost::unit_test::data;

namespace {

// Days = number * unit multiplier, the multiplier being 1/86400, 1/1440, 1/24, 1 or 7.
constexpr double k_sec = 1.0 / 86400;
constexpr double k_min = 1.0 / 1440;
constexpr double k_hour = 1.0 / 24;

const std::vector<std::pair<std::string, double>> k_valid = {
    {"7d", 7.0},
    {"30", 30.0},
    {"2w", 14.0},
    {"1 week ago", 7.0},
    {"2h", 2.0 * k_hour},
    {"2 hours ago", 2.0 * k_hour},
    {"2 hours", 2.0 * k_hour},
    {"30m", 30.0 * k_min},
    {"30 minutes", 30.0 * k_min},
    {"90s", 90.0 * k_sec},
    {"2.5h", 2.5 * k_hour},
    {"0.5d", 0.5},
    {"  2H  ", 2.0 * k_hour},
    {"1d ago", 1.0},
    {"1.5w", 10.5},
    {"10 secs", 10.0 * k_sec},
    {"3 wks ago", 21.0},
    {"0", 0.0},
    {"1 sec", 1.0 * k_sec},
    {"5 second", 5.0 * k_sec},
    {"4 min", 4.0 * k_min},
    {"4 mins", 4.0 * k_min},
    {"1 minute", 1.0 * k_min},
    {"3hr", 3.0 * k_hour},
    {"3 hrs", 3.0 * k_hour},
    {"1 hour", 1.0 * k_hour},
    {"2 day", 2.0},
    {"2 days", 2.0},
    {"1wk", 7.0},
    {"1 week", 7.0},
    {"2 weeks", 14.0},
    {"2 HOURS AGO", 2.0 * k_hour},
};

const std::vector<std::string> k_invalid = {
    "abc", "2x", "hours", "2 fortnights", ".5h", "-1d", "1e3", "ago", "2hago", "2.h", "1 2d"};

} // namespace

BOOST_AUTO_TEST_SUITE(core_since)

BOOST_DATA_TEST_CASE(valid_values_give_days, bdata::xrange(k_valid.size()), i) {
  const auto& [text, days] = k_valid[i];
  BOOST_TEST_CONTEXT(text) {
    const auto parsed = core::parse_since_days(text);
    BOOST_REQUIRE(parsed.has_value());
    BOOST_TEST(*parsed == days);
  }
}

BOOST_AUTO_TEST_CASE(empty_and_all_mean_no_limit) {
  BOOST_TEST(!core::parse_since_days("").has_value());
  BOOST_TEST(!core::parse_since_days("all").has_value());
  BOOST_TEST(!core::parse_since_days("ALL").has_value());
  BOOST_TEST(!core::parse_since_days(" All ").has_value());
}

BOOST_DATA_TEST_CASE(invalid_values_are_rejected, bdata::xrange(k_invalid.size()), i) {
  const std::string& text = k_invalid[i];
  BOOST_TEST_CONTEXT(text) {
    BOOST_CHECK_THROW(core::parse_since_days(text), core::SinceParseError);
  }
}

BOOST_AUTO_TEST_CASE(error_message_quotes_the_value_as_given) {
  try {
    core::parse_since_days("abc");
    BOOST_FAIL("no exception");
  } catch (const core::SinceParseError& e) {
    BOOST_TEST(std::string(e.what()) ==
               "invalid value 'abc' (expected e.g. 90s, 30m, 2h, 7d, 2w, '2 hours ago', or "
               "'all')");
  }
  try {
    core::parse_since_days(" 2 Fortnights ");
    BOOST_FAIL("no exception");
  } catch (const core::SinceParseError& e) {
    BOOST_TEST(std::string(e.what()).starts_with("invalid value ' 2 Fortnights ' (expected"));
  }
}

BOOST_AUTO_TEST_CASE(python_repr_picks_quotes_and_escapes) {
  BOOST_TEST(core::python_str_repr("abc") == "'abc'");
  BOOST_TEST(core::python_str_repr("it's") == "\"it's\"");
  BOOST_TEST(core::python_str_repr("a'b\"c") == "'a\\'b\"c'");
  BOOST_TEST(core::python_str_repr("a\tb\\") == "'a\\tb\\\\'");
  BOOST_TEST(core::python_str_repr(std::string("\x01", 1)) == "'\\x01'");
}

BOOST_AUTO_TEST_CASE(format_since_matches_spec_examples) {
  BOOST_TEST(core::format_since(std::nullopt) == "all time");
  BOOST_TEST(core::format_since(30.0) == "30 days");
  BOOST_TEST(core::format_since(1.5) == "1.5 days");
  BOOST_TEST(core::format_since(2.0 / 24) == "2 hours");
  BOOST_TEST(core::format_since(0.5) == "12 hours");
  BOOST_TEST(core::format_since(30.0 / 1440) == "30 minutes");
  BOOST_TEST(core::format_since(60.0 / 86400) == "60 seconds");
  BOOST_TEST(core::format_since(0.0) == "0 seconds");
  BOOST_TEST(core::format_since(1.0) == "1 days");
  BOOST_TEST(core::format_since(14.0) == "14 days");
}

BOOST_AUTO_TEST_CASE(format_since_boundaries_and_half_even_rounding) {
  BOOST_TEST(core::format_since(119.0 / 86400) == "119 seconds");
  BOOST_TEST(core::format_since(120.0 / 86400) == "2 minutes");
  BOOST_TEST(core::format_since(59.0 / 1440) == "59 minutes");
  BOOST_TEST(core::format_since(1.0 / 24) == "1 hours");
  BOOST_TEST(core::format_since(23.0 / 24) == "23 hours");
  // 2.5 h and 150 min both round half to even.
  BOOST_TEST(core::format_since(2.5 / 24) == "2 hours");
  BOOST_TEST(core::format_since(3.5 / 24) == "4 hours");
  BOOST_TEST(core::format_since(2.5 / 1440) == "2 minutes");
  BOOST_TEST(core::format_since(1.05) == "1.1 days");
  BOOST_TEST(core::format_since(10.25) == "10.2 days");
}

BOOST_AUTO_TEST_CASE(parsed_windows_format_back) {
  BOOST_TEST(core::format_since(core::parse_since_days("90s")) == "90 seconds");
  BOOST_TEST(core::format_since(core::parse_since_days("30m")) == "30 minutes");
  BOOST_TEST(core::format_since(core::parse_since_days("2h")) == "2 hours");
  BOOST_TEST(core::format_since(core::parse_since_days("2w")) == "14 days");
  BOOST_TEST(core::format_since(core::parse_since_days("36h")) == "1.5 days");
}

BOOST_AUTO_TEST_SUITE_END()

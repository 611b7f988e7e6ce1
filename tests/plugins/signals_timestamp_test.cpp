#include "plugin_test_support.hpp"

#include <gptme_sessions/core/signals/timestamp.hpp>

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace sig = gptme_sessions::core::signals;
using gptme_sessions::testing::ScopedTz;

namespace {

std::string iso(std::string_view text) {
  auto ts = sig::parse_timestamp(text);
  return ts ? sig::isoformat(*ts) : "INVALID";
}

} // namespace

BOOST_AUTO_TEST_SUITE(core_signals_timestamp)

// Expected values are what Python 3.11 datetime.fromisoformat(...).isoformat() prints.
BOOST_AUTO_TEST_CASE(accepts_python_311_isoformat_forms) {
  BOOST_TEST(iso("2026-03-07T09:14:02.118734") == "2026-03-07T09:14:02.118734");
  BOOST_TEST(iso("2026-03-09T13:02:17.412Z") == "2026-03-09T13:02:17.412000+00:00");
  BOOST_TEST(iso("2026-03-07x09:14:02") == "2026-03-07T09:14:02");
  BOOST_TEST(iso("2026-03-07 09") == "2026-03-07T09:00:00");
  BOOST_TEST(iso("2026-03-07T0914") == "2026-03-07T09:14:00");
  BOOST_TEST(iso("2026-03-07T091402.5") == "2026-03-07T09:14:02.500000");
  BOOST_TEST(iso("2026-03-07T09:14:02,5") == "2026-03-07T09:14:02.500000");
  BOOST_TEST(iso("2026-03-07T09:14:02.1234567") == "2026-03-07T09:14:02.123456");
  BOOST_TEST(iso("2026-03-07T09:14:02+02") == "2026-03-07T09:14:02+02:00");
  BOOST_TEST(iso("2026-03-07T09:14:02+0230") == "2026-03-07T09:14:02+02:30");
  BOOST_TEST(iso("2026-03-07T09:14:02+02:30:15.5") == "2026-03-07T09:14:02+02:30:15.500000");
  BOOST_TEST(iso("2026-03-07T09:14:02-00:00") == "2026-03-07T09:14:02+00:00");
  BOOST_TEST(iso("2026-03-07T09:14:02-05:00") == "2026-03-07T09:14:02-05:00");
  BOOST_TEST(iso("20260307T091402") == "2026-03-07T09:14:02");
  BOOST_TEST(iso("20260307") == "2026-03-07T00:00:00");
  BOOST_TEST(iso("2026-03-07") == "2026-03-07T00:00:00");
  BOOST_TEST(iso("2024-02-29T23:59:59") == "2024-02-29T23:59:59");
  BOOST_TEST(iso("2026-03-07\xc3\xa9"
                 "09:14") == "2026-03-07T09:14:00");
}

BOOST_AUTO_TEST_CASE(rejects_what_python_rejects) {
  for (const char* bad : {"",
                          "not a date",
                          "2026-03-0709:14",
                          "2026-03-07T09:14:02.",
                          "2026-03-07T",
                          "2026-03-07T09:14:02 ",
                          "2026-03-07T24:00",
                          "2026-02-29",
                          "2026-13-01",
                          "2026-03-07T09:14:60",
                          "2026-03-07T9:14",
                          "2026-03-07T09:4",
                          "2026-03-07T09:14:02+24:00"})
    BOOST_TEST(!sig::parse_timestamp(bad).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(instants_read_naive_values_as_utc) {
  const auto naive = sig::parse_timestamp("2026-03-01T10:00:00");
  const auto aware = sig::parse_timestamp("2026-03-01T10:00:05+02:00");
  BOOST_REQUIRE(naive && aware);
  BOOST_TEST(naive->naive());
  BOOST_TEST(!aware->naive());
  // Example H of the spec: 7195 seconds apart.
  BOOST_TEST(naive->instant_us() - aware->instant_us() == std::int64_t{7195} * 1'000'000);
}

BOOST_AUTO_TEST_CASE(assume_local_attaches_the_zone_offset_of_that_date) {
  ScopedTz tz("Europe/Berlin");
  const auto winter = sig::parse_timestamp("2026-03-07T09:14:02.118734");
  const auto summer = sig::parse_timestamp("2026-07-01T12:00:00");
  BOOST_REQUIRE(winter && summer);
  BOOST_TEST(sig::isoformat(sig::assume_local(*winter)) == "2026-03-07T09:14:02.118734+01:00");
  BOOST_TEST(sig::isoformat(sig::assume_local(*summer)) == "2026-07-01T12:00:00+02:00");
  // The wall clock is kept, so the instant moves by the offset.
  BOOST_TEST(winter->instant_us() - sig::assume_local(*winter).instant_us() ==
             std::int64_t{3600} * 1'000'000);
  const auto aware = sig::parse_timestamp("2026-03-07T09:14:02-05:00");
  BOOST_TEST(sig::isoformat(sig::assume_local(*aware)) == "2026-03-07T09:14:02-05:00");
}

BOOST_AUTO_TEST_CASE(assume_local_in_utc_gives_a_zero_offset) {
  ScopedTz tz("UTC");
  const auto ts = sig::parse_timestamp("2026-03-08T08:15:00.004411");
  BOOST_REQUIRE(ts);
  BOOST_TEST(sig::isoformat(sig::assume_local(*ts)) == "2026-03-08T08:15:00.004411+00:00");
}

BOOST_AUTO_TEST_CASE(wall_fields_are_formatted_as_written) {
  const auto ts = sig::parse_timestamp("2026-03-10T23:45:10-07:00");
  BOOST_REQUIRE(ts);
  BOOST_TEST(sig::wall_date(*ts) == "2026-03-10");
  BOOST_TEST(sig::wall_hhmm(*ts) == "2345");
}

BOOST_AUTO_TEST_CASE(iso_dates) {
  BOOST_TEST(sig::is_iso_date("2026-03-07"));
  BOOST_TEST(sig::is_iso_date("2024-02-29"));
  BOOST_TEST(!sig::is_iso_date("2026-02-29"));
  BOOST_TEST(!sig::is_iso_date("2026-3-07x"));
  BOOST_TEST(!sig::is_iso_date("20260307"));
  BOOST_TEST(!sig::is_iso_date("2026-03-07-"));
}

BOOST_AUTO_TEST_SUITE_END()

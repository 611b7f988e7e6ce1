// core/src/civil_date.hpp is internal to the library; unit_core has core/src on its include path.
#include "civil_date.hpp"

#include <boost/test/unit_test.hpp>

namespace detail = gptme_sessions::core::detail;

BOOST_AUTO_TEST_SUITE(core_civil_date)

BOOST_AUTO_TEST_CASE(leap_years_follow_the_gregorian_rule) {
  BOOST_TEST(detail::is_leap_year(2024));
  BOOST_TEST(!detail::is_leap_year(2026));
  BOOST_TEST(!detail::is_leap_year(1900));
  BOOST_TEST(detail::is_leap_year(2000));
  BOOST_TEST(detail::days_in_month(2024, 2) == 29);
  BOOST_TEST(detail::days_in_month(2026, 2) == 28);
  BOOST_TEST(detail::days_in_month(2026, 1) == 31);
  BOOST_TEST(detail::days_in_month(2026, 4) == 30);
  BOOST_TEST(detail::days_in_month(2026, 12) == 31);
}

BOOST_AUTO_TEST_CASE(days_count_from_the_unix_epoch) {
  BOOST_TEST(detail::days_from_civil(1970, 1, 1) == 0);
  BOOST_TEST(detail::days_from_civil(1969, 12, 31) == -1);
  BOOST_TEST(detail::days_from_civil(2000, 3, 1) == 11017);
  BOOST_TEST(detail::days_from_civil(2026, 3, 2) == 20514);
  BOOST_TEST(detail::days_from_civil(1, 1, 1) == -719162);
  BOOST_TEST(detail::days_from_civil(9999, 12, 31) == 2932896);
  // Consecutive days across month and leap-day boundaries.
  BOOST_TEST(detail::days_from_civil(2024, 3, 1) - detail::days_from_civil(2024, 2, 28) == 2);
  BOOST_TEST(detail::days_from_civil(2025, 1, 1) - detail::days_from_civil(2024, 12, 31) == 1);
}

BOOST_AUTO_TEST_SUITE_END()

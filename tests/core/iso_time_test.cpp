#include <gptme_sessions/core/iso_time.hpp>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <ctime>
#include <string>
#include <utility>
#include <vector>

namespace core = gptme_sessions::core;
namespace bdata = boost::unit_test::data;

namespace {

// Values computed with Python 3.11: datetime.fromisoformat(s).timestamp() * 1e6.
const std::vector<std::pair<std::string, std::int64_t>> k_aware = {
    {"2026-03-02T10:00:00Z", 1772445600000000},
    {"2026-03-02T10:00:00+00:00", 1772445600000000},
    {"2026-03-02T10:00:00-00:00", 1772445600000000},
    {"2026-03-02T10:00:00+02:00", 1772438400000000},
    {"2026-03-02T10:00:00-05:30", 1772465400000000},
    {"2026-03-02T10:00:00+0530", 1772425800000000},
    {"2026-03-02 10:00+05", 1772427600000000},
    {"2026-03-02T10:00:00.5+00:00", 1772445600500000},
    {"2026-03-02T10:00:00.1234567+00:00", 1772445600123456},
    {"2026-03-02T10:00:00,25Z", 1772445600250000},
    {"2026-03-02T100000Z", 1772445600000000},
    {"20260302T10:00:00Z", 1772445600000000},
    {"2026-03-02T10:00:00+05:30:15", 1772425785000000},
    {"2024-02-29T12:00:00Z", 1709208000000000},
    {"1970-01-01T00:00:00Z", 0},
    // CPython ignores one stray character between the time and the offset.
    {"2026-03-02T10:00:+00:00", 1772445600000000},
};

const std::vector<std::string> k_invalid = {
    "",
    "garbage",
    "2026-13-01",
    "2026-02-29",
    "2026-03-01T24:00:00+00:00",
    "2026-03-01T24:00",
    "2026-03-01T10:60Z",
    "2026-03-01T10:00:60Z",
    "2026-03-01T",
    "2026-03-01T10:00:00+5",
    "2026-03-01T10:00:00+24:00",
    "2026-03-01T10:00:00+05:",
    "2026-03-01T10:00:00ZZ",
    "2026-03-01T10:00:00Z ",
    "2026-03-01T10:00:00.",
    "2026-03-01T10:00:",
    "2026-3-01",
    "2026-W09-1",
};

// Local time as the C library sees it, for naive timestamps.
std::int64_t local_us(int y, int mo, int d, int h, int mi, int s) {
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  tm.tm_isdst = -1;
  return static_cast<std::int64_t>(std::mktime(&tm)) * 1000000;
}

} // namespace

BOOST_AUTO_TEST_SUITE(core_iso_time)

BOOST_DATA_TEST_CASE(aware_timestamps, bdata::xrange(k_aware.size()), i) {
  const auto& [text, expected] = k_aware[i];
  BOOST_TEST_CONTEXT(text) {
    const auto parsed = core::parse_iso_timestamp_us(text);
    BOOST_REQUIRE(parsed.has_value());
    BOOST_TEST(*parsed == expected);
  }
}

BOOST_DATA_TEST_CASE(invalid_timestamps, bdata::xrange(k_invalid.size()), i) {
  BOOST_TEST_CONTEXT(k_invalid[i]) {
    BOOST_TEST(!core::parse_iso_timestamp_us(k_invalid[i]).has_value());
  }
}

BOOST_AUTO_TEST_CASE(naive_timestamps_are_local_time) {
  BOOST_TEST(core::parse_iso_timestamp_us("2026-03-02T10:00:00").value() ==
             local_us(2026, 3, 2, 10, 0, 0));
  BOOST_TEST(core::parse_iso_timestamp_us("2026-07-15 23:59:59.5").value() ==
             local_us(2026, 7, 15, 23, 59, 59) + 500000);
  BOOST_TEST(core::parse_iso_timestamp_us("2026-03-02").value() == local_us(2026, 3, 2, 0, 0, 0));
  BOOST_TEST(core::parse_iso_timestamp_us("20260302").value() == local_us(2026, 3, 2, 0, 0, 0));
}

BOOST_AUTO_TEST_CASE(now_is_close_to_time) {
  const std::int64_t wall = static_cast<std::int64_t>(std::time(nullptr)) * 1000000;
  const std::int64_t now = core::now_us();
  BOOST_TEST(now >= wall - 2000000);
  BOOST_TEST(now <= wall + 2000000);
}

BOOST_AUTO_TEST_SUITE_END()

#include "civil_date.hpp"

#include <gptme_sessions/core/iso_time.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>

namespace gptme_sessions::core {

namespace {

using detail::days_from_civil;
using detail::days_in_month;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads exactly n digits at pos.
std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size())
    return std::nullopt;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!is_digit(s[i]))
      return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

struct Clock {
  int hour = 0, minute = 0, second = 0, micro = 0;
};

// [HH[:?MM[:?SS]]][{.,}fraction] exactly as CPython 3.11's C parse_hh_mm_ss_ff reads it: a
// '.' or ',' after any component starts the fraction, extra fraction digits are dropped.
// CPython ignores what that parser says about the text's end when an offset follows, so then
// one stray character before the offset, or anything after six fraction digits, passes.
std::optional<Clock> parse_clock(std::string_view s, bool offset_follows) {
  int comps[3] = {0, 0, 0};
  std::size_t pos = 0;
  bool has_sep = true;
  bool fraction = false;
  for (int i = 0; i < 3; ++i) {
    auto v = digits(s, pos, 2);
    if (!v)
      return std::nullopt;
    comps[i] = *v;
    pos += 2;
    if (pos >= s.size())
      return Clock{comps[0], comps[1], comps[2], 0};
    const char c = s[pos++];
    if (i == 0)
      has_sep = c == ':';
    if (pos >= s.size()) // a separator with nothing after it
      return offset_follows ? std::optional<Clock>(Clock{comps[0], comps[1], comps[2], 0})
                            : std::nullopt;
    if (has_sep && c == ':')
      continue;
    if (c == '.' || c == ',') {
      fraction = true;
      break;
    }
    if (has_sep)
      return std::nullopt;
    --pos;
  }
  if (!fraction && pos >= s.size())
    return Clock{comps[0], comps[1], comps[2], 0};
  Clock clock{comps[0], comps[1], comps[2], 0};
  const std::size_t to_parse = std::min<std::size_t>(6, s.size() - pos);
  auto micro = digits(s, pos, to_parse);
  if (!micro)
    return std::nullopt;
  static constexpr int k_scale[] = {1, 100000, 10000, 1000, 100, 10, 1};
  clock.micro = *micro * k_scale[to_parse];
  for (pos += to_parse; pos < s.size() && !offset_follows; ++pos)
    if (!is_digit(s[pos]))
      return std::nullopt;
  return clock;
}

// Offset east of UTC in microseconds for a naive local time (cached per local hour: offsets
// only change on hour boundaries in practice, and mktime is the slow part of a filter).
std::int64_t local_offset_us(std::int64_t local_seconds, int y, int mo, int d, int h) {
  thread_local std::int64_t cached_hour = INT64_MIN;
  thread_local std::int64_t cached_offset = 0;
  const std::int64_t hour_key = local_seconds / 3600 - (local_seconds % 3600 < 0 ? 1 : 0);
  if (hour_key == cached_hour)
    return cached_offset;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_isdst = -1;
  const std::time_t t = std::mktime(&tm);
  const std::int64_t hour_start = hour_key * 3600;
  cached_offset = (hour_start - static_cast<std::int64_t>(t)) * 1000000;
  cached_hour = hour_key;
  return cached_offset;
}

} // namespace

std::optional<std::int64_t> parse_iso_timestamp_us(std::string_view s) {
  // YYYY-MM-DD or YYYYMMDD (ISO week dates are not supported), then any one separator byte.
  if (s.size() < 8 || s[4] == 'W' || (s[4] == '-' && s[5] == 'W'))
    return std::nullopt;
  const bool extended = s[4] == '-';
  const std::size_t date_len = extended ? 10 : 8;
  if (s.size() < date_len || (extended && s[7] != '-'))
    return std::nullopt;
  auto year = digits(s, 0, 4);
  auto month = digits(s, extended ? 5 : 4, 2);
  auto day = digits(s, extended ? 8 : 6, 2);
  if (!year || !month || !day || *year < 1 || *month < 1 || *month > 12 || *day < 1 ||
      *day > days_in_month(*year, *month))
    return std::nullopt;
  const std::int64_t date_seconds = days_from_civil(*year, *month, *day) * 86400;
  if (s.size() == date_len)
    return (date_seconds * 1000000) - local_offset_us(date_seconds, *year, *month, *day, 0);
  const std::string_view rest = s.substr(date_len + 1);

  // The offset starts at the first 'Z', '+' or '-'.
  const std::size_t tz = rest.find_first_of("Z+-");
  auto clock = parse_clock(rest.substr(0, tz), tz != std::string_view::npos);
  if (!clock || clock->hour > 23 || clock->minute > 59 || clock->second > 59)
    return std::nullopt;
  const std::int64_t local_seconds =
      date_seconds + clock->hour * 3600 + clock->minute * 60 + clock->second;
  const std::int64_t local_us = local_seconds * 1000000 + clock->micro;
  if (tz == std::string_view::npos)
    return local_us - local_offset_us(local_seconds, *year, *month, *day, clock->hour);
  if (rest[tz] == 'Z')
    return tz + 1 == rest.size() ? std::optional<std::int64_t>(local_us) : std::nullopt;
  auto offset = parse_clock(rest.substr(tz + 1), false);
  if (!offset)
    return std::nullopt;
  const std::int64_t offset_us =
      (static_cast<std::int64_t>(offset->hour) * 3600 + offset->minute * 60 + offset->second) *
          1000000 +
      offset->micro;
  if (offset_us >= std::int64_t{86400} * 1000000)
    return std::nullopt;
  return rest[tz] == '-' ? local_us + offset_us : local_us - offset_us;
}

std::int64_t now_us() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace gptme_sessions::core

#include "civil_date.hpp"

#include <gptme_sessions/core/signals/timestamp.hpp>

#include <cstdio>
#include <ctime>

namespace gptme_sessions::core::signals {
namespace {

using detail::days_from_civil;
using detail::days_in_month;

constexpr std::int64_t k_us_per_s = 1'000'000;
constexpr std::int64_t k_us_per_day = 86'400 * k_us_per_s;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads exactly n digits at text[pos]; advances pos.
std::optional<int> read_digits(std::string_view text, std::size_t& pos, std::size_t n) {
  if (pos + n > text.size())
    return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char c = text[pos + i];
    if (!is_digit(c))
      return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += n;
  return value;
}

struct Civil {
  int year, month, day, hour, minute, second, micro;
};

Civil civil_from_us(std::int64_t us) {
  std::int64_t days = us / k_us_per_day;
  std::int64_t rem = us % k_us_per_day;
  if (rem < 0) {
    rem += k_us_per_day;
    --days;
  }
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
  const std::int64_t secs = rem / k_us_per_s;
  return Civil{y,
               m,
               d,
               static_cast<int>(secs / 3600),
               static_cast<int>(secs / 60 % 60),
               static_cast<int>(secs % 60),
               static_cast<int>(rem % k_us_per_s)};
}

// Length in bytes of the UTF-8 sequence starting with lead byte c (1 for invalid leads).
std::size_t utf8_len(unsigned char c) {
  if (c >= 0xF0)
    return 4;
  if (c >= 0xE0)
    return 3;
  if (c >= 0xC0)
    return 2;
  return 1;
}

// Fraction after '.' or ',': one or more digits, truncated to microseconds.
std::optional<int> read_fraction(std::string_view text, std::size_t& pos) {
  if (pos >= text.size() || (text[pos] != '.' && text[pos] != ','))
    return 0;
  ++pos;
  std::size_t start = pos;
  int micro = 0;
  while (pos < text.size() && is_digit(text[pos])) {
    if (pos - start < 6)
      micro = micro * 10 + (text[pos] - '0');
    ++pos;
  }
  std::size_t digits = pos - start;
  if (digits == 0)
    return std::nullopt;
  for (std::size_t i = digits; i < 6; ++i)
    micro *= 10;
  return micro;
}

// HH[:MM[:SS[.f]]] or HH[MM[SS[.f]]]; the colon style must be consistent.
struct Clock {
  int hour = 0, minute = 0, second = 0, micro = 0;
};

std::optional<Clock> read_clock(std::string_view text, std::size_t& pos, bool allow_fraction) {
  Clock clock;
  auto hour = read_digits(text, pos, 2);
  if (!hour)
    return std::nullopt;
  clock.hour = *hour;
  if (pos == text.size() || text[pos] == '+' || text[pos] == '-')
    return clock;
  const bool extended = text[pos] == ':';
  if (extended)
    ++pos;
  auto minute = read_digits(text, pos, 2);
  if (!minute)
    return std::nullopt;
  clock.minute = *minute;
  if (pos == text.size() || text[pos] == '+' || text[pos] == '-')
    return clock;
  if (extended) {
    if (text[pos] != ':')
      return std::nullopt;
    ++pos;
  }
  auto second = read_digits(text, pos, 2);
  if (!second)
    return std::nullopt;
  clock.second = *second;
  if (allow_fraction || (pos < text.size() && text[pos] == '.')) {
    auto micro = read_fraction(text, pos);
    if (!micro)
      return std::nullopt;
    clock.micro = *micro;
  }
  return clock;
}

void append_2(std::string& out, int v) {
  out += static_cast<char>('0' + v / 10);
  out += static_cast<char>('0' + v % 10);
}

} // namespace

std::optional<Timestamp> parse_timestamp(std::string_view text) {
  std::string replaced;
  if (text.find('Z') != std::string_view::npos) {
    replaced.reserve(text.size() + 8);
    for (char c : text) {
      if (c == 'Z')
        replaced += "+00:00";
      else
        replaced += c;
    }
    text = replaced;
  }
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0;
  if (text.size() >= 10 && text[4] == '-') {
    auto y = read_digits(text, pos, 4);
    ++pos;
    auto m = read_digits(text, pos, 2);
    if (!y || !m || pos >= text.size() || text[pos] != '-')
      return std::nullopt;
    ++pos;
    auto d = read_digits(text, pos, 2);
    if (!d)
      return std::nullopt;
    year = *y, month = *m, day = *d;
  } else {
    auto y = read_digits(text, pos, 4);
    auto m = read_digits(text, pos, 2);
    auto d = read_digits(text, pos, 2);
    if (!y || !m || !d)
      return std::nullopt;
    year = *y, month = *m, day = *d;
  }
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
    return std::nullopt;

  Clock clock;
  std::optional<std::int64_t> offset;
  if (pos < text.size()) {
    // Any single character separates date and time.
    pos += utf8_len(static_cast<unsigned char>(text[pos]));
    auto parsed = read_clock(text, pos, true);
    if (!parsed)
      return std::nullopt;
    clock = *parsed;
    if (pos < text.size()) {
      const char sign = text[pos];
      if (sign != '+' && sign != '-')
        return std::nullopt;
      ++pos;
      auto tz = read_clock(text, pos, false);
      if (!tz || pos != text.size())
        return std::nullopt;
      std::int64_t off =
          (static_cast<std::int64_t>(tz->hour) * 3600 + tz->minute * 60 + tz->second) * k_us_per_s +
          tz->micro;
      if (off >= k_us_per_day)
        return std::nullopt;
      offset = sign == '-' ? -off : off;
    }
  }
  if (clock.hour > 23 || clock.minute > 59 || clock.second > 59)
    return std::nullopt;
  Timestamp ts;
  ts.wall_us = days_from_civil(year, month, day) * k_us_per_day +
               (static_cast<std::int64_t>(clock.hour) * 3600 + clock.minute * 60 + clock.second) *
                   k_us_per_s +
               clock.micro;
  ts.offset_us = offset;
  return ts;
}

std::string isoformat(const Timestamp& ts) {
  const Civil c = civil_from_us(ts.wall_us);
  char buf[40];
  std::snprintf(buf,
                sizeof buf,
                "%04d-%02d-%02dT%02d:%02d:%02d",
                c.year,
                c.month,
                c.day,
                c.hour,
                c.minute,
                c.second);
  std::string out = buf;
  if (c.micro != 0) {
    std::snprintf(buf, sizeof buf, ".%06d", c.micro);
    out += buf;
  }
  if (ts.offset_us) {
    std::int64_t off = *ts.offset_us;
    out += off < 0 ? '-' : '+';
    if (off < 0)
      off = -off;
    const std::int64_t secs = off / k_us_per_s;
    const int micro = static_cast<int>(off % k_us_per_s);
    append_2(out, static_cast<int>(secs / 3600));
    out += ':';
    append_2(out, static_cast<int>(secs / 60 % 60));
    if (secs % 60 != 0 || micro != 0) {
      out += ':';
      append_2(out, static_cast<int>(secs % 60));
      if (micro != 0) {
        std::snprintf(buf, sizeof buf, ".%06d", micro);
        out += buf;
      }
    }
  }
  return out;
}

Timestamp assume_local(const Timestamp& ts) {
  if (!ts.naive())
    return ts;
  const Civil c = civil_from_us(ts.wall_us);
  std::tm tm{};
  tm.tm_year = c.year - 1900;
  tm.tm_mon = c.month - 1;
  tm.tm_mday = c.day;
  tm.tm_hour = c.hour;
  tm.tm_min = c.minute;
  tm.tm_sec = c.second;
  tm.tm_isdst = -1;
  const std::time_t t = std::mktime(&tm);
  Timestamp out = ts;
  if (t == -1) {
    out.offset_us = 0;
    return out;
  }
  // mktime normalised tm to the local wall clock of instant t; the offset is the difference
  // between that wall clock read as UTC and the instant.
  const std::int64_t wall_s =
      days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) * 86'400 + tm.tm_hour * 3600 +
      tm.tm_min * 60 + tm.tm_sec;
  out.offset_us = (wall_s - static_cast<std::int64_t>(t)) * k_us_per_s;
  return out;
}

std::string wall_date(const Timestamp& ts) {
  const Civil c = civil_from_us(ts.wall_us);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

std::string wall_hhmm(const Timestamp& ts) {
  const Civil c = civil_from_us(ts.wall_us);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d%02d", c.hour, c.minute);
  return buf;
}

bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-')
    return false;
  std::size_t pos = 0;
  auto y = read_digits(text, pos, 4);
  ++pos;
  auto m = read_digits(text, pos, 2);
  ++pos;
  auto d = read_digits(text, pos, 2);
  return y && m && d && *y >= 1 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month(*y, *m);
}

} // namespace gptme_sessions::core::signals

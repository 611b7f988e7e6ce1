// Seeded, platform-independent randomness for the bench data generators: the same seed gives
// byte-identical data on every machine (std:: distributions differ between standard libraries).
#pragma once

#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace gptme_sessions::bench {

// SplitMix64: tiny, fast, good enough statistical quality for synthetic data.
class Rng {
public:
  explicit Rng(std::uint64_t seed) : m_state(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, n); n > 0. The modulo bias is irrelevant for n far below 2^64.
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }

  template <typename T> const T& pick(std::span<const T> items) {
    return items[below(items.size())];
  }
  template <typename T, std::size_t N> const T& pick(const T (&items)[N]) {
    return items[below(N)];
  }

  // Index chosen with the given relative weights.
  std::size_t weighted(std::initializer_list<double> weights) {
    double total = 0;
    for (double w : weights)
      total += w;
    double x = unit() * total;
    std::size_t i = 0;
    for (double w : weights) {
      if (x < w)
        return i;
      x -= w;
      ++i;
    }
    return weights.size() - 1;
  }

  std::string hex(std::size_t digits) {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(digits);
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < digits; ++i) {
      if (i % 16 == 0)
        bits = next();
      out += k_digits[bits & 0xf];
      bits >>= 4;
    }
    return out;
  }

  // Random version-4 UUID text, as Claude Code uses for session and message ids.
  std::string uuid4() {
    std::string h = hex(32);
    h[12] = '4';
    h[16] = "89ab"[h[16] % 4];
    return h.substr(0, 8) + '-' + h.substr(8, 4) + '-' + h.substr(12, 4) + '-' + h.substr(16, 4) +
           '-' + h.substr(20);
  }

private:
  std::uint64_t m_state;
};

// A bijection on 32-bit values: distinct counters give distinct, random-looking ids.
inline std::uint32_t permute32(std::uint32_t x, std::uint32_t key) {
  for (int round = 0; round < 4; ++round) {
    x ^= key;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
  }
  return x;
}

inline std::string hex32(std::uint32_t value) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", value);
  return buf;
}

// Python-style "adjective-colour-animal" session names.
inline constexpr std::string_view k_name_adjectives[] = {
    "dancing", "quiet", "brave", "sleepy", "clever", "swift", "gentle", "lucky", "rapid", "calm",
    "bold",    "eager", "fuzzy", "happy",  "jolly",  "proud", "silly",  "witty", "zesty", "mighty"};
inline constexpr std::string_view k_name_colours[] = {
    "blue", "grey", "red", "green", "amber", "violet", "teal", "golden", "silver", "crimson"};
inline constexpr std::string_view k_name_animals[] = {
    "fish", "owl",   "fox",  "otter", "lynx",  "heron", "panda", "koala", "badger", "falcon",
    "wolf", "whale", "moth", "gecko", "bison", "crane", "yak",   "newt",  "raven",  "tapir"};

inline std::string session_name(Rng& rng) {
  std::string name(rng.pick(k_name_adjectives));
  name += '-';
  name += rng.pick(k_name_colours);
  name += '-';
  name += rng.pick(k_name_animals);
  return name;
}

// Days since 1970-01-01 -> (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
struct CivilDate {
  int year;
  unsigned month;
  unsigned day;
};

inline CivilDate civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), m, d};
}

inline std::int64_t days_from_civil(int year, unsigned month, unsigned day) {
  year -= month <= 2;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// "YYYY-MM-DDTHH:MM:SS" (no fraction, no offset) for a Unix time.
inline std::string iso_seconds(std::int64_t unix_seconds) {
  const std::int64_t days = (unix_seconds >= 0 ? unix_seconds : unix_seconds - 86399) / 86400;
  const std::int64_t secs = unix_seconds - days * 86400;
  const CivilDate date = civil_from_days(days);
  char buf[64];
  std::snprintf(buf,
                sizeof buf,
                "%04d-%02u-%02uT%02d:%02d:%02d",
                date.year,
                date.month,
                date.day,
                static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return buf;
}

// Parses "YYYY-MM-DD" to Unix seconds at 00:00 UTC; returns false on bad input.
inline bool parse_date(std::string_view text, std::int64_t& unix_seconds) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(std::string(text).c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3 || m < 1 || m > 12 ||
      d < 1 || d > 31)
    return false;
  unix_seconds = days_from_civil(y, m, d) * 86400;
  return true;
}

} // namespace gptme_sessions::bench

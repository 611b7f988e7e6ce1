#include <gptme_sessions/core/since.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <utility>

namespace gptme_sessions::core {

SinceParseError::~SinceParseError() = default;

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}

struct Unit {
  std::string_view name;
  double days;
};

// No unit means days.
constexpr std::array<Unit, 24> k_units{{
    {"", 1.0},
    {"s", 1.0 / 86400},
    {"sec", 1.0 / 86400},
    {"secs", 1.0 / 86400},
    {"second", 1.0 / 86400},
    {"seconds", 1.0 / 86400},
    {"m", 1.0 / 1440},
    {"min", 1.0 / 1440},
    {"mins", 1.0 / 1440},
    {"minute", 1.0 / 1440},
    {"minutes", 1.0 / 1440},
    {"h", 1.0 / 24},
    {"hr", 1.0 / 24},
    {"hrs", 1.0 / 24},
    {"hour", 1.0 / 24},
    {"hours", 1.0 / 24},
    {"d", 1.0},
    {"day", 1.0},
    {"days", 1.0},
    {"w", 7.0},
    {"wk", 7.0},
    {"wks", 7.0},
    {"week", 7.0},
    {"weeks", 7.0},
}};

// Full match of  \d+(\.\d+)?\s*([a-z]*)  -> (number text, unit text).
std::optional<std::pair<std::string_view, std::string_view>> match_amount(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_digit(s[i]))
    ++i;
  if (i == 0)
    return std::nullopt;
  if (i < s.size() && s[i] == '.' && i + 1 < s.size() && is_digit(s[i + 1])) {
    i += 1;
    while (i < s.size() && is_digit(s[i]))
      ++i;
  }
  const std::string_view number = s.substr(0, i);
  while (i < s.size() && is_space(s[i]))
    ++i;
  const std::size_t unit_start = i;
  while (i < s.size() && s[i] >= 'a' && s[i] <= 'z')
    ++i;
  if (i != s.size())
    return std::nullopt;
  return std::pair{number, s.substr(unit_start)};
}

std::optional<double> unit_days(std::string_view unit) {
  for (const auto& u : k_units)
    if (u.name == unit)
      return u.days;
  return std::nullopt;
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Python round(): half to even, which is nearbyint under the default rounding mode.
long long round_half_even(double v) {
  return static_cast<long long>(std::nearbyint(v));
}

} // namespace

std::optional<double> parse_since_days(std::string_view text) {
  if (text.empty())
    return std::nullopt;
  const std::string lowered = to_lower_ascii(text);
  std::string_view s = trim(lowered);
  if (s == "all")
    return std::nullopt;
  auto amount = match_amount(s);
  if (!amount && s.size() >= 3 && s.substr(s.size() - 3) == "ago")
    amount = match_amount(trim(s.substr(0, s.size() - 3)));
  std::optional<double> per_unit = amount ? unit_days(amount->second) : std::nullopt;
  if (!per_unit)
    throw SinceParseError("invalid value " + python_str_repr(text) +
                          " (expected e.g. 90s, 30m, 2h, 7d, 2w, '2 hours ago', or 'all')");
  double number = 0;
  std::from_chars(amount->first.data(), amount->first.data() + amount->first.size(), number);
  return number * *per_unit;
}

std::string format_since(std::optional<double> days) {
  if (!days)
    return "all time";
  const double seconds = *days * 86400;
  if (seconds < 120)
    return std::to_string(round_half_even(seconds)) + " seconds";
  if (seconds < 3600)
    return std::to_string(round_half_even(seconds / 60)) + " minutes";
  if (seconds < 86400)
    return std::to_string(round_half_even(seconds / 3600)) + " hours";
  if (*days == std::trunc(*days) && std::fabs(*days) < 9.0e18)
    return std::to_string(static_cast<long long>(*days)) + " days";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f days", *days);
  return buf;
}

std::string python_str_repr(std::string_view text) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == quote || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (ch == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      constexpr char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xF];
    } else {
      out += ch;
    }
  }
  out += quote;
  return out;
}

} // namespace gptme_sessions::core

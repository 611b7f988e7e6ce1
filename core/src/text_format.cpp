#include <gptme_sessions/core/text_format.hpp>

#include <cstdio>

namespace gptme_sessions::core {

namespace {

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

std::size_t code_point_count(std::string_view text) {
  std::size_t n = 0;
  for (char c : text)
    n += is_continuation(c) ? 0 : 1;
  return n;
}

std::string_view code_point_prefix(std::string_view text, std::size_t count) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_continuation(text[i]))
      continue;
    if (seen == count)
      return text.substr(0, i);
    ++seen;
  }
  return text;
}

void append_padded_left(std::string& out, std::string_view text, std::size_t width) {
  out += text;
  const std::size_t n = code_point_count(text);
  if (n < width)
    out.append(width - n, ' ');
}

void append_padded_right(std::string& out, std::string_view text, std::size_t width) {
  const std::size_t n = code_point_count(text);
  if (n < width)
    out.append(width - n, ' ');
  out += text;
}

void append_int(std::string& out, std::int64_t value, int width) {
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%*lld", width, static_cast<long long>(value));
  out.append(buf, static_cast<std::size_t>(n));
}

void append_fixed(std::string& out, double value, int precision, int width) {
  char buf[512];
  const int n = std::snprintf(buf, sizeof buf, "%*.*f", width, precision, value);
  if (n >= 0 && static_cast<std::size_t>(n) < sizeof buf) {
    out.append(buf, static_cast<std::size_t>(n));
    return;
  }
  // Only astronomically large values get here (%.f of 1e300 has 301 digits).
  std::string big(static_cast<std::size_t>(n) + 1, '\0');
  std::snprintf(big.data(), big.size(), "%*.*f", width, precision, value);
  big.pop_back();
  out += big;
}

std::string percent(double rate) {
  std::string out;
  append_fixed(out, rate * 100.0, 0);
  return out;
}

std::string thousands(std::int64_t value) {
  std::string digits = std::to_string(value);
  const bool negative = !digits.empty() && digits[0] == '-';
  const std::size_t start = negative ? 1 : 0;
  std::string out = negative ? "-" : "";
  const std::size_t len = digits.size() - start;
  for (std::size_t i = 0; i < len; ++i) {
    if (i > 0 && (len - i) % 3 == 0)
      out += ',';
    out += digits[start + i];
  }
  return out;
}

std::string_view project_display_name(std::string_view project) {
  if (project.find('/') == std::string_view::npos)
    return project;
  while (!project.empty() && project.back() == '/')
    project.remove_suffix(1);
  const auto slash = project.rfind('/');
  return slash == std::string_view::npos ? project : project.substr(slash + 1);
}

} // namespace gptme_sessions::core

#include "jsonl_lines.hpp"

#include "utf8.hpp"

#include <gptme_sessions/core/session_store.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>

namespace gptme_sessions::core::detail {

namespace json = boost::json;

namespace {

// Python's json module nests up to its recursion limit (about 1000 levels).
json::parse_options parse_options() {
  json::parse_options options;
  options.max_depth = 1000;
  return options;
}

// Stands in for NaN while Boost.JSON (which has no NaN literal) parses the line. It holds a
// NUL character, which a JSON string can only contain through the escape "\u0000"; the
// fallback is not used for lines containing that escape, so it cannot clash with real data.
constexpr std::string_view k_nan_marker{"\0NaN", 4};

// Rewrites NaN / Infinity / -Infinity outside strings into parseable stand-ins:
// NaN -> the marker string, Infinity -> 1e400 (which parses to +inf). False if none found.
bool replace_non_finite_literals(std::string_view text, std::string& out) {
  bool in_string = false;
  bool found = false;
  out.clear();
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size())
        out += text[++i];
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
      out += c;
    } else if (text.substr(i).starts_with("NaN")) {
      out += "\"\\u0000NaN\"";
      i += 2;
      found = true;
    } else if (text.substr(i).starts_with("Infinity")) {
      out += "1e400";
      i += 7;
      found = true;
    } else {
      out += c;
    }
  }
  return found;
}

void restore_nan(json::value& value) {
  if (value.is_string()) {
    if (std::string_view(value.get_string()) == k_nan_marker)
      value = std::numeric_limits<double>::quiet_NaN();
  } else if (value.is_array()) {
    for (auto& item : value.get_array())
      restore_nan(item);
  } else if (value.is_object()) {
    for (auto& member : value.get_object())
      restore_nan(member.value());
  }
}

bool parse_strict(std::string_view text,
                  json::value& out,
                  std::string& error,
                  const json::storage_ptr& storage) {
  json::error_code ec;
  // Ordinary lines reuse one parser per thread (it keeps its internal stack); a huge line gets
  // its own so the thread does not hold on to that much memory afterwards.
  thread_local json::parser shared({}, parse_options());
  std::optional<json::parser> own;
  json::parser& parser =
      text.size() <= (1u << 20) ? shared : own.emplace(json::storage_ptr{}, parse_options());
  parser.reset(storage);
  parser.write(text.data(), text.size(), ec);
  if (ec) {
    error = "invalid JSON: " + ec.message();
    return false;
  }
  out = parser.release();
  return true;
}

} // namespace

LineReader::LineReader(int fd, std::filesystem::path path, std::size_t initial_buffer)
    : m_fd(fd), m_path(std::move(path)),
      m_buf(std::make_unique_for_overwrite<char[]>(std::max<std::size_t>(initial_buffer, 1))),
      m_capacity(std::max<std::size_t>(initial_buffer, 1)) {}

bool LineReader::next(Line& line) {
  for (;;) {
    const char* start = m_buf.get() + m_begin;
    if (const void* nl = std::memchr(start, '\n', m_end - m_begin)) {
      const auto length = static_cast<std::size_t>(static_cast<const char*>(nl) - start);
      line = {std::string_view(start, length), m_buf_offset + m_begin, ++m_number};
      m_begin += length + 1;
      return true;
    }
    if (m_eof) {
      if (m_begin == m_end)
        return false;
      line = {std::string_view(start, m_end - m_begin), m_buf_offset + m_begin, ++m_number};
      m_begin = m_end;
      return true;
    }
    // Keep the unfinished line at the front, then read more behind it; the buffer grows only
    // when a single line does not fit.
    const std::size_t pending = m_end - m_begin;
    if (pending == m_capacity) {
      auto bigger = std::make_unique_for_overwrite<char[]>(m_capacity * 2);
      std::memcpy(bigger.get(), start, pending);
      m_buf = std::move(bigger);
      m_capacity *= 2;
    } else if (m_begin > 0) {
      std::memmove(m_buf.get(), start, pending);
    }
    m_buf_offset += m_begin;
    m_begin = 0;
    m_end = pending;
    ssize_t n;
    while ((n = ::read(m_fd, m_buf.get() + m_end, m_capacity - m_end)) < 0 && errno == EINTR) {
    }
    if (n < 0)
      throw StoreError("cannot read " + m_path.string() + ": " + std::strerror(errno));
    if (n == 0)
      m_eof = true;
    m_end += static_cast<std::size_t>(n);
  }
}

std::string_view strip_ascii_whitespace(std::string_view text) {
  constexpr std::string_view ws = " \t\n\r\v\f";
  const std::size_t first = text.find_first_not_of(ws);
  if (first == std::string_view::npos)
    return {};
  return text.substr(first, text.find_last_not_of(ws) - first + 1);
}

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

bool parse_json_text(std::string_view text,
                     json::value& out,
                     std::string& error,
                     json::storage_ptr storage) {
  if (const auto bad = find_invalid_utf8(text)) {
    char buf[96];
    std::snprintf(buf,
                  sizeof buf,
                  "invalid UTF-8 (byte 0x%02x at column %zu)",
                  static_cast<unsigned>(static_cast<unsigned char>(text[*bad])),
                  *bad + 1);
    error = buf;
    return false;
  }
  if (parse_strict(text, out, error, storage))
    return true;
  std::string replaced;
  if ((text.find("NaN") == std::string_view::npos &&
       text.find("Infinity") == std::string_view::npos) ||
      text.find("\\u0000") != std::string_view::npos ||
      !replace_non_finite_literals(text, replaced))
    return false;
  std::string ignored;
  if (!parse_strict(replaced, out, ignored, storage))
    return false; // report the error of the original text
  restore_nan(out);
  return true;
}

} // namespace gptme_sessions::core::detail

#include "plainlog_format.hpp"

#include <gptme_sessions/core/signals/json_access.hpp>

#include <boost/json/parse.hpp>

#include <charconv>
#include <system_error>
#include <utility>

namespace plainlog {
namespace {

std::optional<EventKind> kind_of(std::string_view word) {
  if (word == "USER")
    return EventKind::user;
  if (word == "AGENT")
    return EventKind::agent;
  if (word == "TOOL")
    return EventKind::tool;
  if (word == "RESULT")
    return EventKind::result;
  if (word == "TOKENS")
    return EventKind::tokens;
  return std::nullopt;
}

} // namespace

bool is_header(const boost::json::object& object) {
  const auto* version = object.if_contains("plainlog");
  return version != nullptr && version->is_int64() && version->get_int64() == 1;
}

std::optional<Header> parse_header(std::string_view line) {
  // Cheap pre-check: event lines start with a digit, headers with '{'.
  if (line.empty() || line.front() != '{')
    return std::nullopt;
  std::error_code ec;
  const boost::json::value value = boost::json::parse(line, ec);
  if (ec || !value.is_object() || !is_header(value.get_object()))
    return std::nullopt;
  const boost::json::object& o = value.get_object();
  using gptme_sessions::core::signals::string_of;
  return Header{std::string(string_of(o, "session")),
                std::string(string_of(o, "project")),
                std::string(string_of(o, "model"))};
}

std::pair<std::string_view, std::string_view> split_word(std::string_view text) {
  const auto start = text.find_first_not_of(' ');
  if (start == std::string_view::npos)
    return {};
  text.remove_prefix(start);
  const auto end = text.find(' ');
  if (end == std::string_view::npos)
    return {text, {}};
  std::string_view rest = text.substr(end);
  const auto rest_start = rest.find_first_not_of(' ');
  rest = rest_start == std::string_view::npos ? std::string_view{} : rest.substr(rest_start);
  return {text.substr(0, end), rest};
}

std::optional<Event> parse_event(std::string_view line) {
  const auto [timestamp, after_timestamp] = split_word(line);
  const auto [kind_word, rest] = split_word(after_timestamp);
  const std::optional<EventKind> kind = kind_of(kind_word);
  if (timestamp.empty() || !kind)
    return std::nullopt;
  return Event{timestamp, *kind, rest};
}

std::optional<Tokens> parse_tokens(std::string_view rest) {
  Tokens tokens;
  while (!rest.empty()) {
    auto [field, remaining] = split_word(rest);
    rest = remaining;
    const auto eq = field.find('=');
    if (eq == std::string_view::npos)
      return std::nullopt;
    const std::string_view key = field.substr(0, eq);
    const std::string_view digits = field.substr(eq + 1);
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc() || end != digits.data() + digits.size() || value < 0)
      return std::nullopt;
    if (key == "in")
      tokens.input = value;
    else if (key == "out")
      tokens.output = value;
    else if (key == "cache_read")
      tokens.cache_read = value;
    else if (key == "cache_write")
      tokens.cache_write = value;
    else
      return std::nullopt;
  }
  return tokens;
}

} // namespace plainlog

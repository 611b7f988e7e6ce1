// "plainlog", a made-up agent log format, one session per file `<name>.plainlog`:
//
//   {"plainlog": 1, "session": "fix-login", "project": "shop", "model": "example/model-s"}
//   2026-03-07T10:00:00Z USER Fix the failing login test
//   2026-03-07T10:00:03Z TOOL shell pytest tests/test_login.py
//   2026-03-07T10:00:09Z RESULT error 1 failed, 12 passed
//   2026-03-07T10:00:15Z TOOL write src/shop/login.py
//   2026-03-07T10:00:16Z RESULT ok
//   2026-03-07T10:00:22Z TOKENS in=5200 out=800
//
// The first line is a JSON header. It is there because the host picks a file's format by
// handing the JSON lines at its start to every extractor's detect(): a format without a single
// JSON line could not be told apart from others. Every other line is an event:
// `<ISO 8601 timestamp> <KIND> <rest>`, KIND one of
//   USER <text> / AGENT <text>   a message
//   TOOL <tool> <arguments>      a tool call; `shell <command>` and `write <path>` are special
//   RESULT ok|error [<text>]     the result of the earliest TOOL still waiting for one
//   TOKENS in=<n> out=<n> [cache_read=<n>] [cache_write=<n>]   usage of one model response
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace plainlog {

inline constexpr std::string_view k_extension = ".plainlog";

struct Header {
  std::string session;
  std::string project;
  std::string model;
};

// A header object: has "plainlog": 1. Other values are other versions of the format.
bool is_header(const boost::json::object& object);
// The header of a line, nullopt when the line is not one.
std::optional<Header> parse_header(std::string_view line);

enum class EventKind { user, agent, tool, result, tokens };

// Views into the parsed line: valid as long as the line is.
struct Event {
  std::string_view timestamp;
  EventKind kind = EventKind::user;
  std::string_view rest; // everything after the kind, may be empty
};

// nullopt for a line that is not an event (the header, a blank line, an unknown kind).
std::optional<Event> parse_event(std::string_view line);

// The first word of `text` and what follows it (leading spaces dropped from both).
std::pair<std::string_view, std::string_view> split_word(std::string_view text);

struct Tokens {
  std::int64_t input = 0;
  std::int64_t output = 0;
  std::int64_t cache_read = 0;
  std::int64_t cache_write = 0;
};
// The counters of a TOKENS event's rest; nullopt when a field is malformed.
std::optional<Tokens> parse_tokens(std::string_view rest);

} // namespace plainlog

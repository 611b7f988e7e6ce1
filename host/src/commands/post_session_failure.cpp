#include "commands/post_session_failure.hpp"

#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/core/signals/jsonl_reader.hpp>
#include <gptme_sessions/core/signals/python_compat.hpp>
#include <gptme_sessions/core/signals/text_patterns.hpp>

#include <boost/json/object.hpp>

#include <array>
#include <string_view>

namespace gptme_sessions::host {

namespace json = boost::json;
namespace sig = core::signals;

namespace {

constexpr std::size_t k_error_chars = 500;

// Python str(x) of a truthy value, "" for a falsy one (the reference's `x or ""`).
std::string text_of(const json::value* v) {
  if (v == nullptr || v->is_null())
    return "";
  if (v->is_string())
    return std::string(v->get_string());
  if ((v->is_bool() && !v->get_bool()) || (v->is_array() && v->get_array().empty()) ||
      (v->is_object() && v->get_object().empty()))
    return "";
  if (auto n = sig::as_number(v); n && *n == 0)
    return "";
  return sig::python_str(*v);
}

// The record's text: flat `content` or `text`, else the text blocks of `message.content`.
std::string content_text(const json::object& record) {
  std::string flat = text_of(record.if_contains("content"));
  if (flat.empty())
    flat = text_of(record.if_contains("text"));
  if (!flat.empty())
    return flat;
  const json::value* message = record.if_contains("message");
  if (message == nullptr || !message->is_object())
    return "";
  const json::value* content = message->get_object().if_contains("content");
  if (content != nullptr && content->is_array()) {
    std::string joined;
    for (const auto& block : content->get_array()) {
      if (!block.is_object())
        continue;
      const std::string part = text_of(block.get_object().if_contains("text"));
      if (part.empty())
        continue;
      if (!joined.empty())
        joined += ' ';
      joined += part;
    }
    return joined;
  }
  return text_of(content);
}

bool is_assistant(const json::object& record) {
  const json::value* role = record.if_contains("role");
  if (role != nullptr && role->is_string() && role->get_string() == "assistant")
    return true;
  const json::value* type = record.if_contains("type");
  return type != nullptr && type->is_string() && type->get_string() == "assistant";
}

// (?i)(error|exception|traceback|failed|rate.?limit|401|403|429|authentication)
bool looks_like_error(std::string_view line) {
  const std::string lower = sig::ascii_lower(line);
  static constexpr std::array<std::string_view, 8> k_words{
      "error", "exception", "traceback", "failed", "401", "403", "429", "authentication"};
  for (std::string_view word : k_words)
    if (lower.find(word) != std::string::npos)
      return true;
  for (std::size_t at = lower.find("rate"); at != std::string::npos;
       at = lower.find("rate", at + 1)) {
    std::size_t next = at + 4;
    if (lower.compare(next, 5, "limit") == 0)
      return true;
    if (next < lower.size()) {
      char32_t cp = 0;
      next += sig::utf8_decode(lower, next, cp);
      if (lower.compare(next, 5, "limit") == 0)
        return true;
    }
  }
  return false;
}

// Python str.splitlines() boundaries that can occur in UTF-8 text.
std::size_t line_break_length(std::string_view text, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c == '\n' || c == '\v' || c == '\f' || (c >= 0x1c && c <= 0x1e))
    return 1;
  if (c == '\r')
    return i + 1 < text.size() && text[i + 1] == '\n' ? 2 : 1;
  if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x85)
    return 2;
  if (c == 0xe2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
      (static_cast<unsigned char>(text[i + 2]) == 0xa8 ||
       static_cast<unsigned char>(text[i + 2]) == 0xa9))
    return 3;
  return 0;
}

void scan_lines(std::string_view text, std::optional<std::string>& last) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size();) {
    const std::size_t br = i < text.size() ? line_break_length(text, i) : 1;
    if (br == 0) {
      ++i;
      continue;
    }
    const std::string_view part = sig::python_strip(text.substr(start, i - start));
    if (!part.empty() && looks_like_error(part))
      last = std::string(sig::utf8_prefix(part, k_error_chars));
    i += br;
    start = i;
  }
}

} // namespace

TrajectoryErrorScan scan_trajectory_errors(const std::filesystem::path& trajectory) {
  TrajectoryErrorScan scan;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(trajectory, ec))
    return scan;
  sig::JsonlReader reader(
      [](std::string_view) {},
      sig::JsonlReaderOptions{.max_line_warnings = 0, .allow_invalid_utf8 = true});
  try {
    reader.read(trajectory, [&](const json::value& value, const sig::JsonlLine&) {
      const json::object& record = value.get_object();
      const std::string text = content_text(record);
      if (!scan.has_assistant_turn && is_assistant(record) && !sig::python_strip(text).empty())
        scan.has_assistant_turn = true;
      if (!text.empty())
        scan_lines(text, scan.error);
      return true;
    });
  } catch (const sig::JsonlReadError&) {
    return TrajectoryErrorScan{};
  }
  return scan;
}

std::optional<FailureCapture> capture_failure(std::int64_t exit_code,
                                              std::int64_t duration_seconds,
                                              std::optional<std::int64_t> input_tokens,
                                              const TrajectoryErrorScan& scan) {
  if (exit_code == 0)
    return std::nullopt;
  FailureCapture failure;
  failure.error = scan.error;
  if (exit_code == 124) {
    failure.reason = "timeout";
    return failure;
  }
  if (scan.error) {
    const std::string lower = sig::ascii_lower(*scan.error);
    if ((lower.find("rate") != std::string::npos && lower.find("limit") != std::string::npos) ||
        lower.find("429") != std::string::npos) {
      failure.reason = "rate_limit";
      return failure;
    }
    if (lower.find("invalid_request_error") != std::string::npos) {
      failure.reason = "invalid_request";
      return failure;
    }
    for (std::string_view word : {"authentication", "unauthorized", "401", "403"}) {
      if (lower.find(word) != std::string::npos) {
        failure.reason = "auth";
        return failure;
      }
    }
  }
  const bool no_model_tokens = !scan.has_assistant_turn && input_tokens.value_or(0) == 0;
  if (no_model_tokens && duration_seconds < 120) {
    failure.reason = "pre_response_api_failure";
    if (!failure.error)
      failure.error = "exit before first assistant response (input_tokens=0)";
    return failure;
  }
  failure.reason = "nonzero_exit_unclassified";
  return failure;
}

} // namespace gptme_sessions::host

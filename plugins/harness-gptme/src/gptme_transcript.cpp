#include "gptme_transcript.hpp"

#include "gptme_system_message.hpp"
#include "gptme_tool_calls.hpp"

#include <gptme_sessions/core/signals/json_access.hpp>
#include <gptme_sessions/core/signals/text_patterns.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace gptme_sessions::plugins::harness_gptme {
namespace {

namespace json = boost::json;
using core::signals::string_of;

// "@tool(id): {json}" args name their main value ({"command": ...}); anything else is shown
// as written.
std::string call_input(std::string_view input) {
  if (input.starts_with('{')) {
    boost::system::error_code ec;
    const json::value args = json::parse(input, ec);
    if (!ec && args.is_object())
      return core::tool_input_summary(args.get_object());
  }
  return std::string(input);
}

// A shell report repeats the command on its first line; the output's first line says more.
std::string_view result_line(std::string_view content) {
  const std::string_view stripped = core::signals::python_strip(content);
  if (stripped.starts_with("Ran command:")) {
    const std::size_t nl = stripped.find('\n');
    if (nl != std::string_view::npos)
      if (auto line = core::first_content_line(stripped.substr(nl + 1)); !line.empty())
        return line;
  }
  return core::first_content_line(content);
}

} // namespace

void GptmeTranscript::record(const json::object& message) {
  const std::string_view role = string_of(message, "role");
  const std::string_view content = string_of(message, "content");
  if (role == "user") {
    m_started = true;
    m_pending_calls = 0;
    m_writer.add("user", content);
  } else if (role == "assistant") {
    assistant(content);
  } else if (role == "system" && m_started) {
    system(message, content);
  }
}

void GptmeTranscript::assistant(std::string_view content) {
  const auto calls = parse_tool_calls(content);
  m_writer.add("assistant", calls.empty() ? content : content.substr(0, calls.front().offset));
  for (const auto& call : calls)
    m_writer.add("tool " + call.tool, call_input(call.input));
  m_pending_calls = calls.size();
}

void GptmeTranscript::system(const json::object& message, std::string_view content) {
  if (m_pending_calls > 0 || message.contains("call_id")) {
    if (m_pending_calls > 0)
      --m_pending_calls;
    m_writer.add(is_error_output(content) ? "result[error]" : "result", result_line(content));
  } else {
    m_writer.add("system", core::first_content_line(content));
  }
}

} // namespace gptme_sessions::plugins::harness_gptme

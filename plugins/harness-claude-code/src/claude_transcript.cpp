#include "claude_transcript.hpp"

#include <gptme_sessions/core/signals/json_access.hpp>

#include <boost/json/value.hpp>

#include <functional>

namespace gptme_sessions::plugins::harness_claude_code {
namespace {

namespace json = boost::json;
using core::signals::string_of;

bool is_true(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_bool() && v->get_bool();
}

// A tool_result's text: its string content, or its first text block.
std::string_view result_text(const json::object& item) {
  const json::value* content = item.if_contains("content");
  if (content == nullptr)
    return {};
  if (content->is_string())
    return content->get_string();
  if (content->is_array())
    for (const auto& block : content->get_array())
      if (block.is_object() && string_of(block.get_object(), "type") == "text")
        return string_of(block.get_object(), "text");
  return {};
}

bool truthy_error(const json::object& item) {
  const json::value* v = item.if_contains("is_error");
  return v != nullptr && ((v->is_bool() && v->get_bool()) || (v->is_int64() && v->get_int64()) ||
                          (v->is_string() && !v->get_string().empty()));
}

} // namespace

void ClaudeTranscript::record(const json::object& record) {
  if (m_honour_sidechain && is_true(record, "isSidechain"))
    return;
  const json::value* message = record.if_contains("message");
  if (message == nullptr || !message->is_object())
    return;
  const std::string_view type = string_of(record, "type");
  if (type == "user" && !is_true(record, "isMeta"))
    user(message->get_object());
  else if (type == "assistant")
    assistant(record, message->get_object());
}

void ClaudeTranscript::user(const json::object& message) {
  const json::value* content = message.if_contains("content");
  if (content == nullptr)
    return;
  if (content->is_string()) {
    m_writer.add("user", content->get_string());
    return;
  }
  if (!content->is_array())
    return;
  for (const auto& block_value : content->get_array()) {
    if (!block_value.is_object())
      continue;
    const json::object& block = block_value.get_object();
    const std::string_view type = string_of(block, "type");
    if (type == "text")
      m_writer.add("user", string_of(block, "text"));
    else if (type == "tool_result")
      m_writer.add(truthy_error(block) ? "result[error]" : "result",
                   core::first_content_line(result_text(block)));
  }
}

void ClaudeTranscript::assistant(const json::object& record, const json::object& message) {
  std::string response;
  if (const std::string_view id = string_of(message, "id"); !id.empty()) {
    response = id;
    response += '\x1f';
    response += string_of(record, "requestId");
  }
  if (response.empty() || response != m_response) {
    m_response = std::move(response);
    m_seen.clear();
  }
  const json::value* content = message.if_contains("content");
  if (content == nullptr)
    return;
  if (content->is_string()) {
    if (first_time("text", content->get_string()))
      m_writer.add("assistant", content->get_string());
    return;
  }
  if (!content->is_array())
    return;
  for (const auto& block_value : content->get_array()) {
    if (!block_value.is_object())
      continue;
    const json::object& block = block_value.get_object();
    const std::string_view type = string_of(block, "type");
    if (type == "text") {
      const std::string_view text = string_of(block, "text");
      if (first_time("text", text))
        m_writer.add("assistant", text);
    } else if (type == "tool_use") {
      const std::string_view name = string_of(block, "name");
      if (name.empty() || !first_time("tool_use", string_of(block, "id")))
        continue;
      const json::value* input = block.if_contains("input");
      m_writer.add("tool " + std::string(name),
                   input != nullptr && input->is_object()
                       ? core::tool_input_summary(input->get_object())
                       : std::string());
    }
  }
}

bool ClaudeTranscript::first_time(std::string_view kind, std::string_view block) {
  // Records without a message id are responses of their own: nothing to repeat.
  if (m_response.empty())
    return true;
  std::size_t hash = std::hash<std::string_view>{}(block);
  hash ^= std::hash<std::string_view>{}(kind) + 0x9e3779b97f4a7c15ull + (hash << 6) + (hash >> 2);
  return m_seen.insert(hash).second;
}

} // namespace gptme_sessions::plugins::harness_claude_code

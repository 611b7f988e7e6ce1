#include "chat_completion.hpp"

#include <gptme_sessions/core/json_writer.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cctype>

namespace gptme_sessions::plugins::judge_openai {
namespace {

constexpr std::size_t k_detail_limit = 200;

boost::json::object verdict_schema() {
  boost::json::object rating{{"type", "integer"}, {"enum", boost::json::array{1, 2, 3, 4, 5}}};
  boost::json::object reason{{"type", "string"}};
  return boost::json::object{
      {"type", "object"},
      {"properties", boost::json::object{{"rating", rating}, {"reason", reason}}},
      {"required", boost::json::array{"rating", "reason"}},
      {"additionalProperties", false},
  };
}

boost::json::object response_format(JsonMode mode) {
  if (mode == JsonMode::json_object)
    return boost::json::object{{"type", "json_object"}};
  return boost::json::object{
      {"type", "json_schema"},
      {"json_schema",
       boost::json::object{
           {"name", "session_rating"}, {"strict", true}, {"schema", verdict_schema()}}},
  };
}

std::string one_line(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space)
      out += ' ';
    space = false;
    out += c;
    if (out.size() >= k_detail_limit) {
      out += "...";
      break;
    }
  }
  return out;
}

sdk::JudgeError bad_envelope(std::string message) {
  return sdk::JudgeError{sdk::JudgeErrorKind::bad_envelope, std::move(message)};
}

} // namespace

std::string_view to_string(JsonMode mode) {
  switch (mode) {
  case JsonMode::json_schema:
    return "json_schema";
  case JsonMode::json_object:
    return "json_object";
  case JsonMode::prompt_only:
    return "prompt_only";
  }
  return "unknown";
}

std::string chat_request_body(const ChatRequest& request) {
  boost::json::object body{
      {"model", request.model},
      {"messages",
       boost::json::array{
           boost::json::object{{"role", "system"}, {"content", request.system}},
           boost::json::object{{"role", "user"}, {"content", request.user}},
       }},
      {"temperature", request.temperature},
      {"max_tokens", request.max_tokens},
      {"stream", false},
  };
  if (request.json_mode != JsonMode::prompt_only)
    body["response_format"] = response_format(request.json_mode);
  return core::to_json(body);
}

std::variant<std::string, sdk::JudgeError> read_chat_reply(std::string_view body) {
  boost::system::error_code ec;
  auto value = boost::json::parse(body, ec);
  if (ec || !value.is_object())
    return bad_envelope("reply is not a JSON object: " + one_line(body.substr(0, 80)));
  const auto& object = value.get_object();
  const auto* choices = object.if_contains("choices");
  if (choices == nullptr || !choices->is_array() || choices->get_array().empty()) {
    if (auto detail = error_detail(body); !detail.empty() && object.contains("error"))
      return bad_envelope("server error: " + detail);
    return bad_envelope("reply has no choices");
  }
  const auto& first = choices->get_array().front();
  const auto* message = first.is_object() ? first.get_object().if_contains("message") : nullptr;
  const auto* content = (message != nullptr && message->is_object())
                            ? message->get_object().if_contains("content")
                            : nullptr;
  if (content != nullptr && content->is_string())
    return std::string(content->get_string());
  if (content != nullptr && content->is_array()) {
    std::string text;
    bool any = false;
    for (const auto& part : content->get_array()) {
      if (!part.is_object())
        continue;
      const auto& p = part.get_object();
      const auto* type = p.if_contains("type");
      const auto* part_text = p.if_contains("text");
      if (type && type->is_string() && type->get_string() == "text" && part_text &&
          part_text->is_string()) {
        text += part_text->get_string();
        any = true;
      }
    }
    if (any)
      return text;
  }
  std::string finish;
  if (first.is_object())
    if (const auto* reason = first.get_object().if_contains("finish_reason");
        reason && reason->is_string())
      finish = " (finish_reason " + std::string(reason->get_string()) + ")";
  return bad_envelope("reply has no message content" + finish);
}

std::string error_detail(std::string_view body) {
  boost::system::error_code ec;
  auto value = boost::json::parse(body, ec);
  if (ec)
    return one_line(body);
  if (!value.is_object())
    return {};
  const auto& object = value.get_object();
  const boost::json::value* message = nullptr;
  if (const auto* error = object.if_contains("error")) {
    if (error->is_string())
      message = error;
    else if (error->is_object())
      message = error->get_object().if_contains("message");
  }
  if (message == nullptr)
    message = object.if_contains("message");
  if (message != nullptr && message->is_string())
    return one_line(message->get_string());
  return {};
}

} // namespace gptme_sessions::plugins::judge_openai

// The chat-completions wire format: the request body and reading the reply envelope.
#pragma once

#include <gptme_sessions/sdk/judge.hpp>

#include <string>
#include <string_view>
#include <variant>

namespace gptme_sessions::plugins::judge_openai {

// How the request asks for JSON. Servers that reject one mode (HTTP 400/422) get the next:
// a strict JSON schema (OpenAI, vLLM, llama.cpp, LM Studio, Ollama), then plain JSON mode,
// then the prompt's instructions alone.
enum class JsonMode { json_schema = 0, json_object = 1, prompt_only = 2 };

std::string_view to_string(JsonMode mode);

struct ChatRequest {
  std::string model; // wire model id
  std::string system;
  std::string user;
  double temperature = 0.3;
  int max_tokens = 300;
  JsonMode json_mode = JsonMode::json_schema;
};

// {"model", "messages": [system, user], "temperature", "max_tokens", "stream": false,
//  "response_format" (unless prompt_only)}
std::string chat_request_body(const ChatRequest& request);

// The assistant text of choices[0].message.content: a string, or the joined "text" of the
// parts whose type is "text". Anything else (not JSON, no choices, null content, an "error"
// object in a 200 reply as OpenRouter sends) is a JudgeError of kind bad_envelope.
std::variant<std::string, sdk::JudgeError> read_chat_reply(std::string_view body);

// A one-line summary of an error body ({"error": {"message": ...}}, {"error": "..."},
// {"message": ...} or plain text), at most 200 characters; empty when there is none.
std::string error_detail(std::string_view body);

} // namespace gptme_sessions::plugins::judge_openai

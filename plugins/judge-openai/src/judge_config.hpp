// Where the judge-openai plugin sends its request, with which key, and how patiently.
//
// Settings, each read from PluginContext::config(<key>) first (command-line values), then from
// the environment variable next to it; empty values count as unset:
//   model            GPTME_SESSIONS_JUDGE_MODEL            default gpt-4o-mini (JudgeInput::model
//                                                          wins over both when set)
//   base_url         GPTME_SESSIONS_JUDGE_BASE_URL         see resolve_endpoint()
//   api_key          GPTME_SESSIONS_JUDGE_API_KEY          see resolve_endpoint()
//   timeout          GPTME_SESSIONS_JUDGE_TIMEOUT          seconds per attempt, default 60
//   connect_timeout  GPTME_SESSIONS_JUDGE_CONNECT_TIMEOUT  seconds, default 5
//   max_retries      GPTME_SESSIONS_JUDGE_MAX_RETRIES      default 2 (so at most 3 attempts)
//   backoff          GPTME_SESSIONS_JUDGE_BACKOFF          first retry delay in seconds, doubled
//                                                          per retry, capped at 8, up to 25%
//                                                          jitter; 0 = retry at once, no jitter
//   max_tokens       GPTME_SESSIONS_JUDGE_MAX_TOKENS       default 300 (room for a <think> block)
//   temperature      GPTME_SESSIONS_JUDGE_TEMPERATURE      default 0.3
// Provider variables read as fallbacks: OPENAI_BASE_URL, OPENAI_API_KEY, and for OpenRouter
// OPENROUTER_API_KEY_JUDGE, OPENROUTER_API_KEY_LLM_JUDGE, OPENROUTER_API_KEY_EVAL,
// OPENROUTER_API_KEY (first non-empty).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace gptme_sessions::plugins::judge_openai {

// Looks a name up; nullopt when unset. Injected so tests control the environment.
using Lookup = std::function<std::optional<std::string>(std::string_view)>;

inline constexpr std::string_view k_default_model = "gpt-4o-mini";
inline constexpr std::string_view k_openai_base_url = "https://api.openai.com/v1";
inline constexpr std::string_view k_openrouter_base_url = "https://openrouter.ai/api/v1";
inline constexpr std::string_view k_lmstudio_base_url = "http://127.0.0.1:1234/v1";

struct JudgeSettings {
  std::optional<std::string> model;
  std::optional<std::string> base_url;
  std::optional<std::string> api_key;
  std::optional<std::string> openai_base_url;
  std::optional<std::string> openai_api_key;
  std::optional<std::string> openrouter_api_key;
  double timeout_s = 60;
  double connect_timeout_s = 5;
  int max_retries = 2;
  double backoff_s = 0.5;
  int max_tokens = 300;
  double temperature = 0.3;
};

// Reads every setting. Throws std::invalid_argument naming the setting for a malformed number
// (the value is quoted only for numeric settings, never for keys).
JudgeSettings read_settings(const Lookup& config, const Lookup& env);

// The request target for one model.
struct Endpoint {
  std::string requested_model; // as asked for, provider prefix kept (stored in the verdict)
  std::string wire_model;      // sent in the body: a known provider prefix removed
  std::string base_url;        // without a trailing '/'
  std::string url;             // base_url + "/chat/completions"
  std::optional<std::string> api_key;
  bool loopback = false;
};

struct EndpointError {
  std::string message; // never contains the key
};

// Model: `requested` if non-empty, else settings.model, else k_default_model. Known provider
// prefixes (openai/, openrouter/, lmstudio/, local/) are removed for the wire.
// Base URL: settings.base_url; else openrouter/ models -> OpenRouter, lmstudio/ -> LM Studio's
// local port; else OPENAI_BASE_URL; else OpenAI.
// Key: settings.api_key; else for OpenRouter (by prefix or host) the OPENROUTER_* chain; else
// OPENAI_API_KEY, which is never sent to a loopback server unless OPENAI_BASE_URL points there.
// No key and a non-loopback URL is an error, so no request is sent.
std::variant<Endpoint, EndpointError> resolve_endpoint(const JudgeSettings& settings,
                                                       std::string_view requested);

// The host part of an http(s) URL, lower-cased, without brackets, port or user info; empty
// when the URL is not http(s).
std::string url_host(std::string_view url);
bool is_loopback_host(std::string_view host);
// The URL without any "user:password@" part, for messages.
std::string display_url(std::string_view url);

} // namespace gptme_sessions::plugins::judge_openai

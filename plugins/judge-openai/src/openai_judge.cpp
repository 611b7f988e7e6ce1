#include "openai_judge.hpp"

#include <gptme_sessions/core/judge_prompt.hpp>
#include <gptme_sessions/sdk/verdict_parser.hpp>

#include <cmath>
#include <cstdlib>

namespace gptme_sessions::plugins::judge_openai {
namespace {

std::string log_prefix() {
  return "LLM judge (" + std::string(k_backend_tag) + ")";
}

std::chrono::milliseconds seconds_to_millis(double seconds) {
  return std::chrono::milliseconds(std::max<long long>(1, std::llround(seconds * 1000.0)));
}

// Where a server that cannot do the requested JSON mode says so.
bool rejects_json_mode(long status) {
  return status == 400 || status == 422;
}

std::optional<std::string> process_env(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  if (value == nullptr)
    return std::nullopt;
  return std::string(value);
}

} // namespace

std::string redact(std::string text, const std::optional<std::string>& secret) {
  if (!secret || secret->empty())
    return text;
  static constexpr std::string_view k_mask = "[redacted]";
  for (auto at = text.find(*secret); at != std::string::npos;
       at = text.find(*secret, at + k_mask.size()))
    text.replace(at, secret->size(), k_mask);
  return text;
}

RetryPolicy retry_policy(const JudgeSettings& settings) {
  RetryPolicy policy;
  policy.connect_timeout = seconds_to_millis(settings.connect_timeout_s);
  policy.timeout = seconds_to_millis(settings.timeout_s);
  policy.max_retries = settings.max_retries;
  policy.backoff_s = settings.backoff_s;
  policy.jitter = settings.backoff_s > 0;
  return policy;
}

OpenAiJudge::OpenAiJudge(JudgeSettings settings, HttpClient client, LogSink log)
    : m_settings(std::move(settings)), m_client(std::move(client)), m_log(std::move(log)) {
  if (!m_log)
    m_log = [](sdk::LogLevel, std::string_view) {};
}

sdk::JudgeError OpenAiJudge::fail(sdk::JudgeError error, const Endpoint* endpoint) const {
  // Keys can come back inside server messages; no text leaves here with one in it.
  error.message = redact(std::move(error.message), endpoint ? endpoint->api_key : std::nullopt);
  error.message = redact(std::move(error.message), m_settings.api_key);
  if (error.kind == sdk::JudgeErrorKind::parse_error)
    m_log(sdk::LogLevel::warning, error.message);
  else if (error.kind == sdk::JudgeErrorKind::unavailable)
    m_log(sdk::LogLevel::warning, log_prefix() + " unavailable: " + error.message);
  else
    m_log(sdk::LogLevel::warning, log_prefix() + " failed: " + error.message);
  return error;
}

sdk::JudgeResult OpenAiJudge::judge(const sdk::JudgeInput& input) {
  auto resolved = resolve_endpoint(m_settings, input.model);
  if (auto* error = std::get_if<EndpointError>(&resolved))
    return fail(sdk::JudgeError{sdk::JudgeErrorKind::unavailable, error->message}, nullptr);
  const auto& endpoint = std::get<Endpoint>(resolved);

  ChatRequest chat;
  chat.model = endpoint.wire_model;
  chat.temperature = m_settings.temperature;
  chat.max_tokens = m_settings.max_tokens;
  if (!input.user_prompt.empty()) {
    chat.system = input.system_prompt.empty() ? std::string(core::judge_system_prompt())
                                              : input.system_prompt;
    chat.user = input.user_prompt;
  } else {
    // A host that did not build the prompt still gets the shared one.
    core::JudgePromptInput prompt_input{
        input.record, input.signals, input.goals, input.journal, input.transcript};
    auto prompt = core::build_judge_prompt(prompt_input);
    chat.system = std::move(prompt.system);
    chat.user = std::move(prompt.user);
  }

  HttpRequest request;
  request.url = endpoint.url;
  request.bearer = endpoint.api_key;
  request.bypass_proxy = endpoint.loopback;

  chat.json_mode = json_mode();
  for (;;) {
    request.body = chat_request_body(chat);
    auto outcome = m_client.post_json(request);
    if (auto* failure = std::get_if<HttpFailure>(&outcome)) {
      if (failure->kind == sdk::JudgeErrorKind::http_status && rejects_json_mode(failure->status) &&
          chat.json_mode != JsonMode::prompt_only) {
        auto next = static_cast<JsonMode>(static_cast<int>(chat.json_mode) + 1);
        int expected = static_cast<int>(chat.json_mode);
        m_json_mode.compare_exchange_strong(expected, static_cast<int>(next));
        m_log(sdk::LogLevel::info,
              log_prefix() + ": server rejected response_format " +
                  std::string(to_string(chat.json_mode)) + " (" + failure->message +
                  "); retrying with " + std::string(to_string(next)));
        chat.json_mode = next;
        continue;
      }
      std::string message = failure->message;
      // 401/403 bodies tend to echo part of the key; say only what the status says.
      if (failure->kind == sdk::JudgeErrorKind::http_status && failure->status != 401 &&
          failure->status != 403) {
        if (auto detail = error_detail(failure->body); !detail.empty())
          message += ": " + detail;
      }
      if (failure->attempts > 1)
        message += " (after " + std::to_string(failure->attempts) + " attempts)";
      return fail(sdk::JudgeError{failure->kind, std::move(message)}, &endpoint);
    }

    auto content = read_chat_reply(std::get<HttpResponse>(outcome).body);
    if (auto* error = std::get_if<sdk::JudgeError>(&content))
      return fail(std::move(*error), &endpoint);
    auto result = sdk::parse_verdict(std::get<std::string>(content), endpoint.requested_model);
    if (auto* error = std::get_if<sdk::JudgeError>(&result))
      return fail(std::move(*error), &endpoint);
    return result;
  }
}

std::unique_ptr<sdk::Judge> make_openai_judge(sdk::PluginContext& context) {
  Lookup config = [&context](std::string_view key) { return context.config(key); };
  auto settings = read_settings(config, process_env);
  ensure_curl_initialized();
  CancelCheck cancelled = [&context] { return context.cancelled(); };
  LogSink log = [&context](sdk::LogLevel level, std::string_view message) {
    context.log(level, message);
  };
  HttpClient client(retry_policy(settings),
                    make_interruptible_sleeper(cancelled),
                    cancelled,
                    [log](const std::string& message) {
                      log(sdk::LogLevel::debug, log_prefix() + ": " + message);
                    });
  return std::make_unique<OpenAiJudge>(std::move(settings), std::move(client), std::move(log));
}

} // namespace gptme_sessions::plugins::judge_openai

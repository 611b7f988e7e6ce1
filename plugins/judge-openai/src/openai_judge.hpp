// The Judge: prompt -> chat-completions request -> reply envelope -> shared verdict parser.
// Safe to call from several threads at once (the host's --concurrency).
#pragma once

#include "chat_completion.hpp"
#include "http_client.hpp"
#include "judge_config.hpp"

#include <gptme_sessions/sdk/judge.hpp>
#include <gptme_sessions/sdk/plugin_context.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace gptme_sessions::plugins::judge_openai {

inline constexpr std::string_view k_judge_name = "openai";
// The backend tag in log lines, as the reference tags its backends.
inline constexpr std::string_view k_backend_tag = "openai-compat";

using LogSink = std::function<void(sdk::LogLevel, std::string_view)>;

class OpenAiJudge final : public sdk::Judge {
public:
  OpenAiJudge(JudgeSettings settings, HttpClient client, LogSink log);

  std::string_view judge_name() const override { return k_judge_name; }
  sdk::JudgeResult judge(const sdk::JudgeInput& input) override;

  // The JSON mode the next request starts with (lowered for good once a server rejects one).
  JsonMode json_mode() const { return static_cast<JsonMode>(m_json_mode.load()); }

private:
  sdk::JudgeError fail(sdk::JudgeError error, const Endpoint* endpoint) const;

  JudgeSettings m_settings;
  HttpClient m_client;
  LogSink m_log;
  std::atomic<int> m_json_mode{static_cast<int>(JsonMode::json_schema)};
};

// Settings from the context (config, then the process environment), a real HTTP client that
// honours the context's cancellation, and log lines through the context.
std::unique_ptr<sdk::Judge> make_openai_judge(sdk::PluginContext& context);

// The retry policy the settings describe.
RetryPolicy retry_policy(const JudgeSettings& settings);

// `text` with every occurrence of `secret` replaced by "[redacted]".
std::string redact(std::string text, const std::optional<std::string>& secret);

} // namespace gptme_sessions::plugins::judge_openai

// One JSON POST over libcurl, with the retry policy of the OpenAI/Anthropic SDKs: retry on
// connection errors, timeouts, 408, 409, 429 and 5xx (or when the server sends
// "x-should-retry: true"; "false" forbids it), honouring Retry-After / retry-after-ms up to
// 60 s, otherwise exponential backoff with jitter. Other 4xx are final at once.
#pragma once

#include <gptme_sessions/sdk/judge.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace gptme_sessions::plugins::judge_openai {

struct HttpRequest {
  std::string url;
  std::string body;                  // JSON
  std::optional<std::string> bearer; // sent only as "Authorization: Bearer ..."
  bool bypass_proxy = false;         // loopback targets: a proxy could not reach them anyway
};

struct RetryPolicy {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds timeout{60000}; // per attempt, whole transfer
  int max_retries = 2;
  double backoff_s = 0.5; // first delay; doubled per retry; 0 = no delay and no jitter
  double backoff_cap_s = 8.0;
  double retry_after_cap_s = 60.0;
  bool jitter = true; // up to 25% shorter
};

struct HttpResponse {
  long status = 0;
  std::string body;
  int attempts = 1;
};

struct HttpFailure {
  sdk::JudgeErrorKind kind = sdk::JudgeErrorKind::transport; // transport, timeout, http_status
  std::string message; // "HTTP 500", "timed out after 1.0 s", ...; never holds the key
  long status = 0;     // for http_status
  std::string body;    // the error body, for http_status
  int attempts = 1;
};

using HttpOutcome = std::variant<HttpResponse, HttpFailure>;

// Waits before a retry; returns false when the wait was cut short by cancellation.
using Sleeper = std::function<bool(std::chrono::milliseconds)>;
using CancelCheck = std::function<bool()>;
using DebugLog = std::function<void(const std::string&)>;

// The delay before retry number `retry` (0-based) without a usable Retry-After.
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, double jitter_unit);
// Retry-After in seconds (a number; HTTP dates are not used) or retry-after-ms; nullopt when
// absent, unparsable, negative or beyond the cap.
std::optional<std::chrono::milliseconds>
retry_after_delay(const RetryPolicy& policy,
                  const std::optional<std::string>& retry_after,
                  const std::optional<std::string>& retry_after_ms);
bool is_retryable_status(long status);

class HttpClient {
public:
  HttpClient(RetryPolicy policy, Sleeper sleeper, CancelCheck cancelled, DebugLog debug);

  // Never throws for network or HTTP failures. A 2xx is an HttpResponse, anything else after
  // the retries is an HttpFailure.
  HttpOutcome post_json(const HttpRequest& request) const;

  const RetryPolicy& policy() const { return m_policy; }

private:
  RetryPolicy m_policy;
  Sleeper m_sleep;
  CancelCheck m_cancelled;
  DebugLog m_debug;
};

// A Sleeper that really sleeps, waking early when `cancelled` turns true.
Sleeper make_interruptible_sleeper(CancelCheck cancelled);

// Must run once before threads use libcurl (curl_global_init is not thread-safe everywhere).
void ensure_curl_initialized();

} // namespace gptme_sessions::plugins::judge_openai

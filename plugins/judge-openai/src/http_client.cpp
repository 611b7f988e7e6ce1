#include "http_client.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <curl/curl.h>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>

namespace gptme_sessions::plugins::judge_openai {
namespace {

// A judge reply is a few hundred bytes; anything this large is not a chat completion.
constexpr std::size_t k_max_body_bytes = 8u << 20;
constexpr auto k_sleep_slice = std::chrono::milliseconds(50);

struct Attempt {
  CURLcode code = CURLE_OK;
  std::string error_text; // curl's error buffer: no headers, so never the key
  long status = 0;
  std::string body;
  std::optional<std::string> retry_after;
  std::optional<std::string> retry_after_ms;
  std::optional<std::string> should_retry;
  bool body_too_large = false;
  const CancelCheck* cancelled = nullptr;
};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* attempt = static_cast<Attempt*>(user);
  std::size_t bytes = size * count;
  if (attempt->body.size() + bytes > k_max_body_bytes) {
    attempt->body_too_large = true;
    return 0; // makes curl stop with CURLE_WRITE_ERROR
  }
  attempt->body.append(data, bytes);
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* attempt = static_cast<Attempt*>(user);
  std::size_t bytes = size * count;
  std::string_view line(data, bytes);
  if (line.starts_with("HTTP/")) {
    // A new response (after 100 Continue, say): forget the previous one's headers.
    attempt->retry_after.reset();
    attempt->retry_after_ms.reset();
    attempt->should_retry.reset();
    return bytes;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos)
    return bytes;
  auto name = lower(trim(line.substr(0, colon)));
  auto value = std::string(trim(line.substr(colon + 1)));
  if (name == "retry-after")
    attempt->retry_after = value;
  else if (name == "retry-after-ms")
    attempt->retry_after_ms = value;
  else if (name == "x-should-retry")
    attempt->should_retry = lower(value);
  return bytes;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* attempt = static_cast<Attempt*>(user);
  return (attempt->cancelled && *attempt->cancelled && (*attempt->cancelled)()) ? 1 : 0;
}

bool is_retryable_curl_error(CURLcode code) {
  switch (code) {
  case CURLE_COULDNT_RESOLVE_PROXY:
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_CONNECT:
  case CURLE_OPERATION_TIMEDOUT:
  case CURLE_SEND_ERROR:
  case CURLE_RECV_ERROR:
  case CURLE_GOT_NOTHING:
  case CURLE_PARTIAL_FILE:
  case CURLE_HTTP2:
  case CURLE_HTTP2_STREAM:
  case CURLE_SSL_CONNECT_ERROR:
    return true;
  default:
    return false;
  }
}

std::optional<double> parse_seconds(const std::string& text) {
  if (text.empty())
    return std::nullopt;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

std::chrono::milliseconds to_millis(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(std::llround(seconds * 1000.0)));
}

double uniform_unit() {
  thread_local std::mt19937 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

struct CurlHandleDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct CurlListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

void append_header(std::unique_ptr<curl_slist, CurlListDeleter>& list, const std::string& header) {
  curl_slist* grown = curl_slist_append(list.get(), header.c_str());
  if (grown == nullptr)
    throw std::bad_alloc();
  list.release();
  list.reset(grown);
}

Attempt perform(const HttpRequest& request, const RetryPolicy& policy, const CancelCheck& cancel) {
  Attempt attempt;
  attempt.cancelled = &cancel;
  std::unique_ptr<CURL, CurlHandleDeleter> handle(curl_easy_init());
  if (!handle) {
    attempt.code = CURLE_FAILED_INIT;
    attempt.error_text = "cannot initialise libcurl";
    return attempt;
  }
  std::unique_ptr<curl_slist, CurlListDeleter> headers;
  append_header(headers, "Content-Type: application/json");
  append_header(headers, "Accept: application/json");
  append_header(headers, "Expect:"); // no 100-continue round trip
  if (request.bearer)
    append_header(headers, "Authorization: Bearer " + *request.bearer);

  char error_buffer[CURL_ERROR_SIZE] = {};
  CURL* h = handle.get();
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(policy.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(policy.timeout.count()));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L); // a redirect would re-send the key elsewhere
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &attempt);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &attempt);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, &attempt);
  if (request.bypass_proxy)
    curl_easy_setopt(h, CURLOPT_NOPROXY, "*");

  attempt.code = curl_easy_perform(h);
  if (attempt.code == CURLE_OK)
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &attempt.status);
  else
    attempt.error_text = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(attempt.code);
  return attempt;
}

} // namespace

bool is_retryable_status(long status) {
  return status == 408 || status == 409 || status == 429 || status >= 500;
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, double jitter_unit) {
  if (policy.backoff_s <= 0)
    return std::chrono::milliseconds(0);
  double delay = std::min(policy.backoff_s * std::pow(2.0, retry), policy.backoff_cap_s);
  if (policy.jitter)
    delay *= 1.0 - 0.25 * std::clamp(jitter_unit, 0.0, 1.0);
  return to_millis(delay);
}

std::optional<std::chrono::milliseconds>
retry_after_delay(const RetryPolicy& policy,
                  const std::optional<std::string>& retry_after,
                  const std::optional<std::string>& retry_after_ms) {
  if (retry_after_ms) {
    if (auto ms = parse_seconds(*retry_after_ms);
        ms && *ms >= 0 && *ms <= policy.retry_after_cap_s * 1000.0)
      return std::chrono::milliseconds(static_cast<long long>(std::llround(*ms)));
  }
  if (retry_after) {
    if (auto seconds = parse_seconds(*retry_after);
        seconds && *seconds >= 0 && *seconds <= policy.retry_after_cap_s)
      return to_millis(*seconds);
  }
  return std::nullopt;
}

HttpClient::HttpClient(RetryPolicy policy, Sleeper sleeper, CancelCheck cancelled, DebugLog debug)
    : m_policy(policy), m_sleep(std::move(sleeper)), m_cancelled(std::move(cancelled)),
      m_debug(std::move(debug)) {
  if (!m_cancelled)
    m_cancelled = [] { return false; };
  if (!m_sleep)
    m_sleep = make_interruptible_sleeper(m_cancelled);
}

HttpOutcome HttpClient::post_json(const HttpRequest& request) const {
  ensure_curl_initialized();
  const int max_attempts = 1 + std::max(0, m_policy.max_retries);
  for (int attempt_number = 1;; ++attempt_number) {
    Attempt attempt = perform(request, m_policy, m_cancelled);

    HttpFailure failure;
    failure.attempts = attempt_number;
    bool retryable = false;
    if (attempt.code == CURLE_OK) {
      if (attempt.status >= 200 && attempt.status < 300)
        return HttpResponse{attempt.status, std::move(attempt.body), attempt_number};
      failure.kind = sdk::JudgeErrorKind::http_status;
      failure.status = attempt.status;
      failure.message = "HTTP " + std::to_string(attempt.status);
      failure.body = std::move(attempt.body);
      retryable = attempt.should_retry ? *attempt.should_retry == "true"
                                       : is_retryable_status(attempt.status);
    } else if (attempt.code == CURLE_ABORTED_BY_CALLBACK) {
      failure.kind = sdk::JudgeErrorKind::transport;
      failure.message = "cancelled";
    } else if (attempt.body_too_large) {
      failure.kind = sdk::JudgeErrorKind::bad_envelope;
      failure.message = "reply larger than " + std::to_string(k_max_body_bytes) + " bytes";
    } else {
      failure.kind = attempt.code == CURLE_OPERATION_TIMEDOUT ? sdk::JudgeErrorKind::timeout
                                                              : sdk::JudgeErrorKind::transport;
      failure.message = attempt.error_text;
      retryable = is_retryable_curl_error(attempt.code);
    }

    if (!retryable || attempt_number >= max_attempts || m_cancelled())
      return failure;
    auto delay = retry_after_delay(m_policy, attempt.retry_after, attempt.retry_after_ms)
                     .value_or(backoff_delay(m_policy, attempt_number - 1, uniform_unit()));
    if (m_debug)
      m_debug(failure.message + "; retrying in " + std::to_string(delay.count()) + " ms (attempt " +
              std::to_string(attempt_number + 1) + " of " + std::to_string(max_attempts) + ")");
    if (!m_sleep(delay)) {
      failure.kind = sdk::JudgeErrorKind::transport;
      failure.message = "cancelled";
      return failure;
    }
  }
}

Sleeper make_interruptible_sleeper(CancelCheck cancelled) {
  return [cancelled = std::move(cancelled)](std::chrono::milliseconds delay) {
    auto deadline = std::chrono::steady_clock::now() + delay;
    for (;;) {
      if (cancelled && cancelled())
        return false;
      auto now = std::chrono::steady_clock::now();
      if (now >= deadline)
        return true;
      std::this_thread::sleep_for(
          std::min<std::chrono::steady_clock::duration>(deadline - now, k_sleep_slice));
    }
  };
}

void ensure_curl_initialized() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
      throw std::runtime_error("cannot initialise libcurl");
  });
}

} // namespace gptme_sessions::plugins::judge_openai

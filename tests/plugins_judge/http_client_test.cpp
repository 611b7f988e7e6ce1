#include "http_client.hpp"
#include "http_test_server.hpp"

#include <boost/test/unit_test.hpp>

#include <mutex>
#include <vector>

using namespace gptme_sessions::plugins::judge_openai;
using gptme_sessions::testing::CannedReply;
using gptme_sessions::testing::HttpTestServer;
using std::chrono::milliseconds;

namespace {

// Records the delays the client asks for instead of sleeping.
struct DelayLog {
  std::mutex mutex;
  std::vector<long long> delays;
  Sleeper sleeper() {
    return [this](milliseconds delay) {
      std::lock_guard lock(mutex);
      delays.push_back(delay.count());
      return true;
    };
  }
};

RetryPolicy test_policy() {
  RetryPolicy policy;
  policy.timeout = milliseconds(2000);
  policy.connect_timeout = milliseconds(2000);
  policy.backoff_s = 0.5;
  policy.jitter = false;
  return policy;
}

HttpRequest request_to(const HttpTestServer& server, std::optional<std::string> bearer = {}) {
  return HttpRequest{server.base_url() + "/v1/chat/completions", R"({"k": 1})", bearer, true};
}

HttpResponse response_of(const HttpOutcome& outcome) {
  if (auto* failure = std::get_if<HttpFailure>(&outcome))
    BOOST_FAIL("unexpected failure: " << failure->message);
  return std::get<HttpResponse>(outcome);
}

HttpFailure failure_of(const HttpOutcome& outcome) {
  if (std::holds_alternative<HttpResponse>(outcome))
    BOOST_FAIL("expected a failure");
  return std::get<HttpFailure>(outcome);
}

} // namespace

BOOST_AUTO_TEST_SUITE(judge_openai_http_client)

BOOST_AUTO_TEST_CASE(backoff_doubles_and_caps) {
  auto policy = test_policy();
  BOOST_TEST(backoff_delay(policy, 0, 0.0).count() == 500);
  BOOST_TEST(backoff_delay(policy, 1, 0.0).count() == 1000);
  BOOST_TEST(backoff_delay(policy, 4, 0.0).count() == 8000);
  BOOST_TEST(backoff_delay(policy, 9, 0.0).count() == 8000);
  policy.jitter = true;
  BOOST_TEST(backoff_delay(policy, 0, 0.0).count() == 500);
  BOOST_TEST(backoff_delay(policy, 0, 1.0).count() == 375);
  policy.backoff_s = 0;
  BOOST_TEST(backoff_delay(policy, 3, 1.0).count() == 0);
}

BOOST_AUTO_TEST_CASE(retry_after_parsing) {
  auto policy = test_policy();
  BOOST_TEST(retry_after_delay(policy, std::string("7"), {})->count() == 7000);
  BOOST_TEST(retry_after_delay(policy, std::string("0"), {})->count() == 0);
  BOOST_TEST(retry_after_delay(policy, std::string("1.5"), {})->count() == 1500);
  BOOST_TEST(!retry_after_delay(policy, std::string("61"), {}));
  BOOST_TEST(!retry_after_delay(policy, std::string("-1"), {}));
  BOOST_TEST(!retry_after_delay(policy, std::string("Wed, 21 Oct 2015 07:28:00 GMT"), {}));
  BOOST_TEST(retry_after_delay(policy, std::string("9"), std::string("250"))->count() == 250);
  BOOST_TEST(!retry_after_delay(policy, {}, {}));
}

BOOST_AUTO_TEST_CASE(retryable_statuses) {
  for (long status : {408L, 409L, 429L, 500L, 502L, 503L, 529L})
    BOOST_TEST(is_retryable_status(status), status);
  for (long status : {400L, 401L, 403L, 404L, 422L})
    BOOST_TEST(!is_retryable_status(status), status);
}

BOOST_AUTO_TEST_CASE(posts_json_with_bearer_only_when_given) {
  HttpTestServer server;
  server.set_fallback(CannedReply{200, R"({"ok": true})"});
  DelayLog log;
  HttpClient client(test_policy(), log.sleeper(), {}, {});
  auto response = response_of(client.post_json(request_to(server, std::string("sk-abc"))));
  BOOST_TEST(response.status == 200);
  BOOST_TEST(response.body == R"({"ok": true})");
  BOOST_TEST(response.attempts == 1);
  response_of(client.post_json(request_to(server)));

  auto requests = server.requests();
  BOOST_REQUIRE(requests.size() == 2u);
  BOOST_TEST(requests[0].method == "POST");
  BOOST_TEST(requests[0].path == "/v1/chat/completions");
  BOOST_TEST(requests[0].body == R"({"k": 1})");
  BOOST_TEST(*requests[0].header("Content-Type") == "application/json");
  BOOST_TEST(*requests[0].header("Accept") == "application/json");
  BOOST_TEST(*requests[0].header("Authorization") == "Bearer sk-abc");
  BOOST_TEST(!requests[1].header("Authorization"));
  BOOST_TEST(log.delays.empty());
}

BOOST_AUTO_TEST_CASE(retry_after_is_honoured) {
  HttpTestServer server;
  server.enqueue(
      CannedReply{429, R"({"error": "slow down"})", "application/json", {{"Retry-After", "7"}}});
  server.enqueue(CannedReply{200, "{}"});
  DelayLog log;
  HttpClient client(test_policy(), log.sleeper(), {}, {});
  auto response = response_of(client.post_json(request_to(server)));
  BOOST_TEST(response.attempts == 2);
  BOOST_TEST(log.delays == std::vector<long long>{7000});
  BOOST_TEST(server.request_count() == 2u);
}

BOOST_AUTO_TEST_CASE(backoff_without_retry_after_then_give_up) {
  HttpTestServer server;
  server.set_fallback(CannedReply{503, R"({"error": {"message": "overloaded"}})"});
  DelayLog log;
  std::vector<std::string> debug;
  HttpClient client(
      test_policy(), log.sleeper(), {}, [&](const std::string& m) { debug.push_back(m); });
  auto failure = failure_of(client.post_json(request_to(server)));
  BOOST_TEST((failure.kind == gptme_sessions::sdk::JudgeErrorKind::http_status));
  BOOST_TEST(failure.status == 503);
  BOOST_TEST(failure.message == "HTTP 503");
  BOOST_TEST(failure.body == R"({"error": {"message": "overloaded"}})");
  BOOST_TEST(failure.attempts == 3);
  BOOST_TEST(server.request_count() == 3u);
  BOOST_TEST(log.delays == (std::vector<long long>{500, 1000}));
  BOOST_REQUIRE(debug.size() == 2u);
  BOOST_TEST(debug[0] == "HTTP 503; retrying in 500 ms (attempt 2 of 3)");
}

BOOST_AUTO_TEST_CASE(other_client_errors_are_final) {
  HttpTestServer server;
  server.set_fallback(CannedReply{404, "not here", "text/plain"});
  DelayLog log;
  HttpClient client(test_policy(), log.sleeper(), {}, {});
  auto failure = failure_of(client.post_json(request_to(server)));
  BOOST_TEST(failure.status == 404);
  BOOST_TEST(failure.attempts == 1);
  BOOST_TEST(server.request_count() == 1u);
}

BOOST_AUTO_TEST_CASE(x_should_retry_overrides_the_status_rule) {
  HttpTestServer server;
  server.enqueue(CannedReply{503, "{}", "application/json", {{"x-should-retry", "false"}}});
  server.enqueue(CannedReply{400, "{}", "application/json", {{"X-Should-Retry", "true"}}});
  server.enqueue(CannedReply{200, "{}"});
  DelayLog log;
  HttpClient client(test_policy(), log.sleeper(), {}, {});
  BOOST_TEST(failure_of(client.post_json(request_to(server))).status == 503);
  BOOST_TEST(server.request_count() == 1u);
  BOOST_TEST(response_of(client.post_json(request_to(server))).attempts == 2);
  BOOST_TEST(server.request_count() == 3u);
}

BOOST_AUTO_TEST_CASE(connection_refused_is_retried_transport_error) {
  int closed_port = 0;
  {
    HttpTestServer gone;
    closed_port = gone.port();
  }
  DelayLog log;
  auto policy = test_policy();
  policy.backoff_s = 0;
  HttpClient client(policy, log.sleeper(), {}, {});
  HttpRequest request{
      "http://127.0.0.1:" + std::to_string(closed_port) + "/v1/chat/completions", "{}", {}, true};
  auto failure = failure_of(client.post_json(request));
  BOOST_TEST((failure.kind == gptme_sessions::sdk::JudgeErrorKind::transport));
  BOOST_TEST(failure.attempts == 3);
  BOOST_TEST(log.delays == (std::vector<long long>{0, 0}));
}

BOOST_AUTO_TEST_CASE(a_slow_server_times_out_on_every_attempt) {
  HttpTestServer server;
  server.set_fallback(CannedReply{200, "{}", "application/json", {}, milliseconds(5000)});
  auto policy = test_policy();
  policy.timeout = milliseconds(200);
  policy.max_retries = 1;
  DelayLog log;
  HttpClient client(policy, log.sleeper(), {}, {});
  auto failure = failure_of(client.post_json(request_to(server)));
  BOOST_TEST((failure.kind == gptme_sessions::sdk::JudgeErrorKind::timeout));
  BOOST_TEST(failure.attempts == 2);
  BOOST_TEST(server.request_count() == 2u);
}

BOOST_AUTO_TEST_CASE(cancellation_stops_without_retrying) {
  HttpTestServer server;
  server.set_fallback(CannedReply{200, "{}", "application/json", {}, milliseconds(5000)});
  DelayLog log;
  HttpClient client(test_policy(), log.sleeper(), [] { return true; }, {});
  auto failure = failure_of(client.post_json(request_to(server)));
  BOOST_TEST(failure.message == "cancelled");
  BOOST_TEST(failure.attempts == 1);
  BOOST_TEST(log.delays.empty());
}

BOOST_AUTO_TEST_CASE(interruptible_sleeper_wakes_on_cancel) {
  bool cancelled = false;
  auto sleeper = make_interruptible_sleeper([&] { return cancelled; });
  BOOST_TEST(sleeper(milliseconds(0)));
  cancelled = true;
  BOOST_TEST(!sleeper(milliseconds(60000)));
}

BOOST_AUTO_TEST_SUITE_END()

// The twelve server cases of spec judge.md §9.3, adapted to the 1-5 rating, plus the JSON-mode
// fallback, secrecy of the key and the plugin factory. A real server on 127.0.0.1 answers.
#include "http_test_server.hpp"
#include "openai_judge.hpp"

#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/core/judge_prompt.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

using namespace gptme_sessions::plugins::judge_openai;
using gptme_sessions::testing::CannedReply;
using gptme_sessions::testing::HttpTestServer;
using gptme_sessions::testing::RecordedRequest;
namespace sdk = gptme_sessions::sdk;
namespace core = gptme_sessions::core;
using std::chrono::milliseconds;

namespace {

constexpr const char* k_key = "sk-test-SECRET-7f3a9";

CannedReply chat_reply(std::string content) {
  boost::json::object message{{"role", "assistant"}, {"content", std::move(content)}};
  boost::json::object choice{{"index", 0}, {"message", message}, {"finish_reason", "stop"}};
  boost::json::object body{{"id", "chatcmpl-1"},
                           {"model", "served-model-name"},
                           {"choices", boost::json::array{choice}}};
  return CannedReply{200, core::to_json(body)};
}

struct LogLines {
  std::mutex mutex;
  std::vector<std::pair<sdk::LogLevel, std::string>> lines;
  LogSink sink() {
    return [this](sdk::LogLevel level, std::string_view message) {
      std::lock_guard lock(mutex);
      lines.emplace_back(level, std::string(message));
    };
  }
  bool has_warning(std::string_view text) {
    std::lock_guard lock(mutex);
    for (const auto& [level, line] : lines)
      if (level == sdk::LogLevel::warning && line.find(text) != std::string::npos)
        return true;
    return false;
  }
  bool mentions(std::string_view text) {
    std::lock_guard lock(mutex);
    for (const auto& [level, line] : lines)
      if (line.find(text) != std::string::npos)
        return true;
    return false;
  }
};

// A judge pointed at the test server, with backoff removed and sleeps recorded, not taken.
struct Fixture {
  HttpTestServer server;
  LogLines log;
  std::vector<long long> delays;
  std::mutex delays_mutex;

  JudgeSettings settings(double timeout_s = 2.0) {
    JudgeSettings s;
    s.base_url = server.base_url() + "/v1";
    s.api_key = k_key;
    s.timeout_s = timeout_s;
    s.connect_timeout_s = 2.0;
    s.backoff_s = 0;
    return s;
  }

  std::unique_ptr<OpenAiJudge> judge(JudgeSettings s) {
    auto policy = retry_policy(s);
    HttpClient client(policy,
                      [this](milliseconds delay) {
                        std::lock_guard lock(delays_mutex);
                        delays.push_back(delay.count());
                        return true;
                      },
                      {},
                      {});
    return std::make_unique<OpenAiJudge>(std::move(s), std::move(client), log.sink());
  }
  std::unique_ptr<OpenAiJudge> judge() { return judge(settings()); }
};

sdk::JudgeInput sample_input() {
  sdk::JudgeInput input;
  input.record.session_id = "abc123";
  input.record.category = "code";
  input.journal = "Implemented the {judge} plugin and its tests.";
  input.goals = "1. Ship the judge-openai plugin";
  input.model = "openai/test-model";
  return input;
}

sdk::JudgeVerdict verdict_of(const sdk::JudgeResult& result) {
  if (auto* error = std::get_if<sdk::JudgeError>(&result))
    BOOST_FAIL("unexpected judge error (" << sdk::to_string(error->kind)
                                          << "): " << error->message);
  return std::get<sdk::JudgeVerdict>(result);
}

sdk::JudgeError error_of(const sdk::JudgeResult& result) {
  if (std::holds_alternative<sdk::JudgeVerdict>(result))
    BOOST_FAIL("expected a judge error");
  return std::get<sdk::JudgeError>(result);
}

boost::json::object body_json(const RecordedRequest& request) {
  return boost::json::parse(request.body).as_object();
}

// The key travels only as the bearer header: not in the body, path or any other header.
void check_key_only_in_bearer(const std::vector<RecordedRequest>& requests) {
  for (const auto& request : requests) {
    BOOST_TEST(request.body.find(k_key) == std::string::npos);
    BOOST_TEST(request.path.find(k_key) == std::string::npos);
    for (const auto& [name, value] : request.headers) {
      if (name == "authorization")
        BOOST_TEST(value == std::string("Bearer ") + k_key);
      else
        BOOST_TEST(value.find(k_key) == std::string::npos, name);
    }
  }
}

// Sets an environment variable for one scope.
class ScopedEnv {
public:
  ScopedEnv(std::string name, std::optional<std::string> value) : m_name(std::move(name)) {
    if (const char* old = std::getenv(m_name.c_str()))
      m_old = old;
    if (value)
      ::setenv(m_name.c_str(), value->c_str(), 1);
    else
      ::unsetenv(m_name.c_str());
  }
  ~ScopedEnv() {
    if (m_old)
      ::setenv(m_name.c_str(), m_old->c_str(), 1);
    else
      ::unsetenv(m_name.c_str());
  }

private:
  std::string m_name;
  std::optional<std::string> m_old;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(judge_openai_judge, Fixture)

BOOST_AUTO_TEST_CASE(case01_good_reply_and_the_request_it_came_from) {
  server.enqueue(chat_reply(R"({"rating": 4, "reason": "Good"})"));
  auto v = verdict_of(judge()->judge(sample_input()));
  BOOST_TEST(v.rating == 4);
  BOOST_TEST(v.score == 0.75);
  BOOST_TEST(v.reason == "Good");
  BOOST_TEST(v.model == "openai/test-model"); // as requested, not the server's model name

  auto requests = server.requests();
  BOOST_REQUIRE(requests.size() == 1u);
  const auto& r = requests[0];
  BOOST_TEST(r.method == "POST");
  BOOST_TEST(r.path == "/v1/chat/completions");
  BOOST_TEST(*r.header("Authorization") == std::string("Bearer ") + k_key);
  BOOST_TEST(*r.header("Content-Type") == "application/json");
  auto body = body_json(r);
  BOOST_TEST(body.at("model").as_string() == "test-model");
  BOOST_TEST(body.at("stream").as_bool() == false);
  BOOST_TEST(body.at("temperature").as_double() == 0.3);
  BOOST_TEST(body.at("max_tokens").as_int64() == 300);
  BOOST_TEST(body.at("response_format").at("type").as_string() == "json_schema");
  const auto& messages = body.at("messages").as_array();
  BOOST_REQUIRE(messages.size() == 2u);
  BOOST_TEST(messages[0].at("role").as_string() == "system");
  BOOST_TEST(messages[0].at("content").as_string() == core::judge_system_prompt());
  BOOST_TEST(messages[1].at("role").as_string() == "user");
  std::string user(messages[1].at("content").as_string());
  BOOST_TEST(user.find("## Session Journal\nImplemented the {judge} plugin and its tests.") !=
             std::string::npos);
  BOOST_TEST(user.find("## Agent Goals (ordered by priority)\n1. Ship the judge-openai plugin") !=
             std::string::npos);
  BOOST_TEST(user.find("- Session id: abc123") != std::string::npos);
  check_key_only_in_bearer(requests);
}

BOOST_AUTO_TEST_CASE(case02_fenced_json) {
  server.enqueue(chat_reply("```json\n{\"rating\": 5, \"reason\": \"fenced\"}\n```"));
  auto v = verdict_of(judge()->judge(sample_input()));
  BOOST_TEST(v.rating == 5);
  BOOST_TEST(v.reason == "fenced");
}

BOOST_AUTO_TEST_CASE(case03_out_of_range_rating_is_clamped) {
  server.enqueue(chat_reply(R"({"rating": 7, "reason": "hi"})"));
  server.enqueue(chat_reply(R"({"rating": -2, "reason": "lo"})"));
  auto j = judge();
  auto high = verdict_of(j->judge(sample_input()));
  BOOST_TEST(high.rating == 5);
  BOOST_TEST(high.score == 1.0);
  auto low = verdict_of(j->judge(sample_input()));
  BOOST_TEST(low.rating == 1);
  BOOST_TEST(low.score == 0.0);
}

BOOST_AUTO_TEST_CASE(case04_non_json_text) {
  server.enqueue(chat_reply("I think this is good"));
  auto e = error_of(judge()->judge(sample_input()));
  BOOST_TEST((e.kind == sdk::JudgeErrorKind::parse_error));
  BOOST_TEST(log.has_warning("LLM judge returned non-JSON response"));
  BOOST_TEST(server.request_count() == 1u);
}

BOOST_AUTO_TEST_CASE(case05_429_then_success) {
  server.enqueue(CannedReply{429,
                             R"({"error": {"message": "rate limited"}})",
                             "application/json",
                             {{"Retry-After", "0"}}});
  server.enqueue(chat_reply(R"({"rating": 4, "reason": "Good"})"));
  auto v = verdict_of(judge()->judge(sample_input()));
  BOOST_TEST(v.rating == 4);
  BOOST_TEST(server.request_count() == 2u);
  BOOST_TEST(delays == std::vector<long long>{0});
  check_key_only_in_bearer(server.requests());
}

BOOST_AUTO_TEST_CASE(case06_500_every_time) {
  server.set_fallback(CannedReply{500, R"({"error": {"message": "boom"}})"});
  auto e = error_of(judge()->judge(sample_input()));
  BOOST_TEST((e.kind == sdk::JudgeErrorKind::http_status));
  BOOST_TEST(e.message == "HTTP 500: boom (after 3 attempts)");
  BOOST_TEST(server.request_count() == 3u);
  BOOST_TEST(log.has_warning("LLM judge (openai-compat) failed: HTTP 500"));
}

BOOST_AUTO_TEST_CASE(case07_slow_reply_past_the_timeout) {
  server.set_fallback(CannedReply{200, "{}", "application/json", {}, milliseconds(5000)});
  auto e = error_of(judge(settings(0.2))->judge(sample_input()));
  BOOST_TEST((e.kind == sdk::JudgeErrorKind::timeout));
  BOOST_TEST(server.request_count() == 3u);
  BOOST_TEST(log.has_warning("LLM judge (openai-compat) failed: "));
}

BOOST_AUTO_TEST_CASE(case08_think_block) {
  server.enqueue(chat_reply("<think>x {\"rating\": 5}</think>{\"rating\": 2, \"reason\": \"t\"}"));
  auto v = verdict_of(judge()->judge(sample_input()));
  BOOST_TEST(v.rating == 2);
  BOOST_TEST(v.reason == "t");
}

BOOST_AUTO_TEST_CASE(case09_401_is_final_and_never_echoes_the_key) {
  server.enqueue(CannedReply{
      401, std::string(R"({"error": {"message": "Incorrect API key provided: )") + k_key + "\"}}"});
  auto e = error_of(judge()->judge(sample_input()));
  BOOST_TEST((e.kind == sdk::JudgeErrorKind::http_status));
  BOOST_TEST(e.message == "HTTP 401");
  BOOST_TEST(server.request_count() == 1u);
  BOOST_TEST(!log.mentions(k_key));
}

BOOST_AUTO_TEST_CASE(server_messages_are_redacted) {
  server.enqueue(CannedReply{
      404, std::string(R"({"error": {"message": "no model for key )") + k_key + "\"}}"});
  auto e = error_of(judge()->judge(sample_input()));
  BOOST_TEST(e.message == "HTTP 404: no model for key [redacted]");
  BOOST_TEST(!log.mentions(k_key));
}

BOOST_AUTO_TEST_CASE(case10_empty_choices_or_non_json_body) {
  server.enqueue(CannedReply{200, R"({"choices": []})"});
  server.enqueue(CannedReply{200, "<html>oops</html>", "text/html"});
  auto j = judge();
  BOOST_TEST((error_of(j->judge(sample_input())).kind == sdk::JudgeErrorKind::bad_envelope));
  BOOST_TEST((error_of(j->judge(sample_input())).kind == sdk::JudgeErrorKind::bad_envelope));
  BOOST_TEST(server.request_count() == 2u);
  BOOST_TEST(log.has_warning("LLM judge (openai-compat) failed: reply has no choices"));
}

BOOST_AUTO_TEST_CASE(case11_extra_fields) {
  server.enqueue(chat_reply(
      R"({"rating": 3, "reason": "ok", "alignment_score": 1.5, "pivot_verdict": "pivot"})"));
  auto v = verdict_of(judge()->judge(sample_input()));
  BOOST_TEST(v.rating == 3);
  BOOST_TEST(v.score == 0.5);
  BOOST_TEST(v.reason == "ok");
}

BOOST_AUTO_TEST_CASE(case12_no_key_and_a_remote_url_sends_nothing) {
  // Were a request made anyway, the proxy setting would deliver it here, not to the network.
  ScopedEnv proxy("http_proxy", server.base_url());
  ScopedEnv no_proxy("no_proxy", std::nullopt);
  ScopedEnv no_proxy_upper("NO_PROXY", std::nullopt);
  auto s = settings();
  s.api_key.reset();
  s.base_url = "http://judge.example/v1";
  auto e = error_of(judge(s)->judge(sample_input()));
  BOOST_TEST((e.kind == sdk::JudgeErrorKind::unavailable));
  BOOST_TEST(e.message.find("no API key for http://judge.example/v1") == 0u, e.message);
  BOOST_TEST(server.request_count() == 0u);
  BOOST_TEST(log.has_warning("LLM judge (openai-compat) unavailable: no API key"));
}

BOOST_AUTO_TEST_CASE(a_local_server_is_asked_without_a_key) {
  server.enqueue(chat_reply(R"({"rating": 4, "reason": "local"})"));
  auto s = settings();
  s.api_key.reset();
  s.openai_api_key = "sk-should-not-be-sent";
  verdict_of(judge(s)->judge(sample_input()));
  auto requests = server.requests();
  BOOST_REQUIRE(requests.size() == 1u);
  BOOST_TEST(!requests[0].header("Authorization"));
}

BOOST_AUTO_TEST_CASE(rejected_response_format_falls_back_and_is_remembered) {
  server.enqueue(CannedReply{400, R"({"error": {"message": "json_schema not supported"}})"});
  server.enqueue(CannedReply{422, R"({"error": "response_format json_object unsupported"})"});
  server.enqueue(chat_reply(R"({"rating": 4, "reason": "plain"})"));
  server.enqueue(chat_reply(R"({"rating": 2, "reason": "again"})"));
  auto j = judge();
  BOOST_TEST(verdict_of(j->judge(sample_input())).reason == "plain");
  BOOST_TEST((j->json_mode() == JsonMode::prompt_only));
  BOOST_TEST(verdict_of(j->judge(sample_input())).reason == "again");

  auto requests = server.requests();
  BOOST_REQUIRE(requests.size() == 4u);
  BOOST_TEST(body_json(requests[0]).at("response_format").at("type").as_string() == "json_schema");
  BOOST_TEST(body_json(requests[1]).at("response_format").at("type").as_string() == "json_object");
  BOOST_TEST(!body_json(requests[2]).contains("response_format"));
  BOOST_TEST(!body_json(requests[3]).contains("response_format"));
  BOOST_TEST(log.mentions("server rejected response_format json_schema (HTTP 400)"));
  check_key_only_in_bearer(requests);
}

BOOST_AUTO_TEST_CASE(a_400_without_response_format_is_final) {
  server.set_fallback(CannedReply{400, R"({"error": {"message": "bad model"}})"});
  auto j = judge();
  j->judge(sample_input()); // json_schema, json_object, prompt_only
  BOOST_TEST(server.request_count() == 3u);
  auto e = error_of(j->judge(sample_input()));
  BOOST_TEST(e.message == "HTTP 400: bad model");
  BOOST_TEST(server.request_count() == 4u);
}

BOOST_AUTO_TEST_CASE(a_prompt_built_by_the_host_is_sent_verbatim) {
  server.enqueue(chat_reply(R"({"rating": 3})"));
  auto input = sample_input();
  input.system_prompt = "custom system JSON";
  input.user_prompt = "custom user {text}";
  verdict_of(judge()->judge(input));
  auto messages = body_json(server.requests().at(0)).at("messages").as_array();
  BOOST_TEST(messages[0].at("content").as_string() == "custom system JSON");
  BOOST_TEST(messages[1].at("content").as_string() == "custom user {text}");
}

BOOST_AUTO_TEST_CASE(concurrent_calls_share_one_judge) {
  server.set_fallback(chat_reply(R"({"rating": 5, "reason": "par"})"));
  auto j = judge();
  std::vector<std::thread> threads;
  std::vector<int> ratings(4, 0);
  for (std::size_t i = 0; i < ratings.size(); ++i)
    threads.emplace_back([&, i] {
      auto result = j->judge(sample_input());
      if (auto* v = std::get_if<sdk::JudgeVerdict>(&result))
        ratings[i] = v->rating;
    });
  for (auto& t : threads)
    t.join();
  BOOST_TEST(ratings == std::vector<int>(4, 5));
  BOOST_TEST(server.request_count() == 4u);
}

BOOST_AUTO_TEST_SUITE_END()

// The factory the plugin exports: settings come through PluginContext::config first, then the
// environment, and log lines go to the context.
namespace {

class FakeContext final : public sdk::PluginContext {
public:
  std::map<std::string, std::string, std::less<>> config_values;
  std::vector<std::string> logged;
  std::string_view plugin_name() const override { return "judge-openai"; }
  void log(sdk::LogLevel, std::string_view message) override { logged.emplace_back(message); }
  std::optional<std::string> config(std::string_view key) const override {
    auto it = config_values.find(key);
    if (it == config_values.end())
      return std::nullopt;
    return it->second;
  }
  bool cancelled() const override { return false; }
};

} // namespace

BOOST_AUTO_TEST_SUITE(judge_openai_judge)

BOOST_AUTO_TEST_CASE(factory_reads_config_then_environment) {
  HttpTestServer server;
  server.enqueue(chat_reply(R"({"rating": 4, "reason": "factory"})"));
  ScopedEnv base("GPTME_SESSIONS_JUDGE_BASE_URL", "http://judge.example/v1");
  ScopedEnv key("GPTME_SESSIONS_JUDGE_API_KEY", k_key);
  ScopedEnv model("GPTME_SESSIONS_JUDGE_MODEL", "openai/env-model");
  FakeContext context;
  context.config_values = {{"base_url", server.base_url() + "/v1"}, {"model", "cli-model"}};
  auto judge = make_openai_judge(context);
  BOOST_TEST(judge->judge_name() == "openai");
  auto input = sample_input();
  input.model.clear();
  auto result = judge->judge(input);
  BOOST_REQUIRE(std::holds_alternative<sdk::JudgeVerdict>(result));
  BOOST_TEST(std::get<sdk::JudgeVerdict>(result).model == "cli-model");
  auto requests = server.requests();
  BOOST_REQUIRE(requests.size() == 1u);
  BOOST_TEST(body_json(requests[0]).at("model").as_string() == "cli-model");
  BOOST_TEST(*requests[0].header("Authorization") == std::string("Bearer ") + k_key);
}

BOOST_AUTO_TEST_CASE(factory_logs_failures_through_the_context) {
  HttpTestServer server;
  server.set_fallback(CannedReply{500, "{}"});
  FakeContext context;
  context.config_values = {{"base_url", server.base_url() + "/v1"},
                           {"api_key", k_key},
                           {"backoff", "0"},
                           {"max_retries", "1"}};
  auto judge = make_openai_judge(context);
  auto result = judge->judge(sample_input());
  BOOST_REQUIRE(std::holds_alternative<sdk::JudgeError>(result));
  BOOST_TEST(server.request_count() == 2u);
  bool warned = false;
  for (const auto& line : context.logged) {
    BOOST_TEST(line.find(k_key) == std::string::npos);
    warned = warned || line == "LLM judge (openai-compat) failed: HTTP 500 (after 2 attempts)";
  }
  BOOST_TEST(warned);
}

BOOST_AUTO_TEST_CASE(factory_rejects_malformed_settings) {
  FakeContext context;
  context.config_values = {{"timeout", "soon"}};
  BOOST_CHECK_THROW(make_openai_judge(context), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()

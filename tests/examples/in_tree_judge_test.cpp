// A dropped-in harness working with an in-tree judge: judge-openai (talking to a real HTTP
// server on 127.0.0.1) gets the signals and the transcript of a plainlog session, both made by
// the example plugin, in its prompt.
#include "http_test_server.hpp"
#include "installed_examples.hpp"

#include <gptme_sessions/core/json_writer.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

namespace {

using namespace gptme_sessions::testing::examples;
using gptme_sessions::testing::CannedReply;
using gptme_sessions::testing::HttpTestServer;
using gptme_sessions::testing::RecordedRequest;

CannedReply chat_reply(const std::string& content) {
  json::object message{{"role", "assistant"}, {"content", content}};
  json::object body{{"choices", json::array{json::object{{"message", message}}}}};
  return CannedReply{200, gptme_sessions::core::to_json(body)};
}

std::string user_prompt_of(const RecordedRequest& request) {
  const json::value body = json::parse(request.body);
  return text(body.at("messages").as_array().at(1).at("content"));
}

struct WithJudgeServer : InUserDir {
  WithJudgeServer() {
    set_env("GPTME_SESSIONS_JUDGE_TIMEOUT", "5");
    set_env("GPTME_SESSIONS_JUDGE_BACKOFF", "0");
    for (const char* unset : {"GPTME_SESSIONS_JUDGE_BASE_URL",
                              "GPTME_SESSIONS_JUDGE_API_KEY",
                              "GPTME_SESSIONS_JUDGE_MODEL",
                              "OPENROUTER_API_KEY",
                              "http_proxy",
                              "HTTP_PROXY"})
      unset_env(unset);
  }
  HttpTestServer server;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(examples_in_tree_judge, WithJudgeServer)

BOOST_AUTO_TEST_CASE(judge_openai_prompt_has_the_plainlog_signals_and_transcript) {
  run_json({"sync", "--harness", "plainlog", "--since", "all", "--signals", "--json"});
  const std::string fix_id = text(record_named(stored_records(), "fix-login").at("session_id"));
  server.set_fallback(chat_reply(R"({"rating": 4, "reason": "Fixed and committed."})"));

  const json::array rows = run_json({"judge",
                                     "--session",
                                     fix_id,
                                     "--base-url",
                                     server.base_url() + "/v1",
                                     "--api-key",
                                     "sk-examples-test",
                                     "--model",
                                     "test-model",
                                     "--json"})
                               .as_array();
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(text(rows[0].at("status")) == "scored");
  BOOST_TEST(number(rows[0].at("llm_judge_rating")) == 4);

  const auto requests = server.requests();
  BOOST_TEST_REQUIRE(requests.size() == 1u);
  const std::string prompt = user_prompt_of(requests[0]);
  BOOST_TEST_INFO("prompt:\n" << prompt);
  // From the example extractor's signals, through the shared prompt builder.
  BOOST_TEST(prompt.find("fix(login): keep the redirect target (3f2c1ab)") != std::string::npos);
  // From its transcript_excerpt().
  BOOST_TEST(prompt.find("user: The login test fails since yesterday; please fix it.") !=
             std::string::npos);
  BOOST_TEST(prompt.find("tool shell: git commit -am \"fix(login): keep the redirect target\"") !=
             std::string::npos);
  BOOST_TEST(prompt.find("result[error]: 1 failed, 12 passed") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

#include "chat_completion.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

using namespace gptme_sessions::plugins::judge_openai;
namespace sdk = gptme_sessions::sdk;

namespace {

boost::json::object body_of(JsonMode mode) {
  ChatRequest request{"test-model", "SYS {x}", "USER \"q\"", 0.3, 150, mode};
  return boost::json::parse(chat_request_body(request)).as_object();
}

std::string content_of(std::string_view body) {
  auto result = read_chat_reply(body);
  if (auto* error = std::get_if<sdk::JudgeError>(&result))
    BOOST_FAIL("unexpected envelope error: " << error->message);
  return std::get<std::string>(result);
}

sdk::JudgeError envelope_error(std::string_view body) {
  auto result = read_chat_reply(body);
  if (std::holds_alternative<std::string>(result))
    BOOST_FAIL("expected an envelope error for " << body);
  return std::get<sdk::JudgeError>(result);
}

} // namespace

BOOST_AUTO_TEST_SUITE(judge_openai_chat_completion)

BOOST_AUTO_TEST_CASE(request_body_has_the_chat_fields) {
  auto body = body_of(JsonMode::json_schema);
  BOOST_TEST(body.at("model").as_string() == "test-model");
  BOOST_TEST(body.at("temperature").as_double() == 0.3);
  BOOST_TEST(body.at("max_tokens").as_int64() == 150);
  BOOST_TEST(body.at("stream").as_bool() == false);
  const auto& messages = body.at("messages").as_array();
  BOOST_REQUIRE(messages.size() == 2u);
  BOOST_TEST(messages[0].at("role").as_string() == "system");
  BOOST_TEST(messages[0].at("content").as_string() == "SYS {x}");
  BOOST_TEST(messages[1].at("role").as_string() == "user");
  BOOST_TEST(messages[1].at("content").as_string() == "USER \"q\"");
}

BOOST_AUTO_TEST_CASE(json_modes) {
  auto schema = body_of(JsonMode::json_schema).at("response_format").as_object();
  BOOST_TEST(schema.at("type").as_string() == "json_schema");
  const auto& json_schema = schema.at("json_schema").as_object();
  BOOST_TEST(json_schema.at("strict").as_bool());
  const auto& s = json_schema.at("schema").as_object();
  BOOST_TEST(s.at("required").as_array() == (boost::json::array{"rating", "reason"}));
  BOOST_TEST(s.at("properties").at("rating").at("enum").as_array() ==
             (boost::json::array{1, 2, 3, 4, 5}));
  BOOST_TEST(s.at("additionalProperties").as_bool() == false);

  BOOST_TEST(body_of(JsonMode::json_object).at("response_format") ==
             (boost::json::value{{"type", "json_object"}}));
  BOOST_TEST(!body_of(JsonMode::prompt_only).contains("response_format"));
  BOOST_TEST(to_string(JsonMode::json_object) == "json_object");
}

BOOST_AUTO_TEST_CASE(string_content_is_the_reply) {
  BOOST_TEST(content_of(R"({"choices": [{"message": {"role": "assistant", "content": "hi"}}],
                           "model": "other", "usage": {}})") == "hi");
  // Reasoning fields of local servers are not the answer.
  BOOST_TEST(content_of(R"({"choices": [{"message": {"content": "x",
                           "reasoning_content": "y"}}]})") == "x");
}

BOOST_AUTO_TEST_CASE(content_parts_are_joined) {
  BOOST_TEST(content_of(R"({"choices": [{"message": {"content": [
      {"type": "text", "text": "{\"rating\": "}, {"type": "image_url", "image_url": {}},
      {"type": "text", "text": "4}"}]}}]})") == R"({"rating": 4})");
  BOOST_TEST(
      (envelope_error(R"({"choices": [{"message": {"content": [{"type": "image"}]}}]})").kind ==
       sdk::JudgeErrorKind::bad_envelope));
}

BOOST_AUTO_TEST_CASE(broken_envelopes_are_bad_envelope) {
  for (auto body : {R"({"choices": []})",
                    R"({"id": "x"})",
                    R"({"choices": [{"message": {"content": null}}]})",
                    R"({"choices": [{"message": {}}]})",
                    R"({"choices": [{}]})",
                    R"({"choices": ["x"]})",
                    R"([1, 2])",
                    "<html>Bad Gateway</html>",
                    ""}) {
    auto error = envelope_error(body);
    BOOST_TEST((error.kind == sdk::JudgeErrorKind::bad_envelope), body);
  }
  auto truncated =
      envelope_error(R"({"choices": [{"message": {"content": null}, "finish_reason": "length"}]})");
  BOOST_TEST(truncated.message == "reply has no message content (finish_reason length)");
  BOOST_TEST(envelope_error(R"({"choices": []})").message == "reply has no choices");
}

BOOST_AUTO_TEST_CASE(error_object_in_a_200_reply_is_reported) {
  auto error = envelope_error(R"({"error": {"message": "Upstream\nprovider down", "code": 502}})");
  BOOST_TEST(error.message == "server error: Upstream provider down");
}

BOOST_AUTO_TEST_CASE(error_details) {
  BOOST_TEST(error_detail(R"({"error": {"message": "model not found"}})") == "model not found");
  BOOST_TEST(error_detail(R"({"error": "bad request"})") == "bad request");
  BOOST_TEST(error_detail(R"({"message": "nope"})") == "nope");
  BOOST_TEST(error_detail(R"({"detail": 1})") == "");
  BOOST_TEST(error_detail("  plain\n text  ") == "plain text");
  auto long_text = error_detail(std::string(1000, 'x'));
  BOOST_TEST(long_text.size() == 203u);
}

BOOST_AUTO_TEST_SUITE_END()

#include <gptme_sessions/sdk/verdict_parser.hpp>

#include <boost/test/unit_test.hpp>

#include <string>

namespace sdk = gptme_sessions::sdk;

namespace {

sdk::JudgeVerdict verdict_of(std::string_view reply, std::string_view model = "m") {
  auto result = sdk::parse_verdict(reply, model);
  if (auto* error = std::get_if<sdk::JudgeError>(&result))
    BOOST_FAIL("unexpected parse error: " << error->message);
  return std::get<sdk::JudgeVerdict>(result);
}

sdk::JudgeError error_of(std::string_view reply) {
  auto result = sdk::parse_verdict(reply, "m");
  if (std::holds_alternative<sdk::JudgeVerdict>(result))
    BOOST_FAIL("expected a parse error for: " << reply);
  return std::get<sdk::JudgeError>(result);
}

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.rfind(prefix, 0) == 0;
}

} // namespace

BOOST_AUTO_TEST_SUITE(sdk_verdict_parser)

BOOST_AUTO_TEST_CASE(plain_rating_maps_to_score) {
  auto v = verdict_of(R"({"rating": 4, "reason": "Good"})", "openai/test-model");
  BOOST_TEST(v.rating == 4);
  BOOST_TEST(v.score == 0.75);
  BOOST_TEST(v.reason == "Good");
  BOOST_TEST(v.model == "openai/test-model");
}

BOOST_AUTO_TEST_CASE(every_rating_maps_linearly) {
  BOOST_TEST(sdk::rating_to_score(1) == 0.0);
  BOOST_TEST(sdk::rating_to_score(2) == 0.25);
  BOOST_TEST(sdk::rating_to_score(3) == 0.5);
  BOOST_TEST(sdk::rating_to_score(5) == 1.0);
  BOOST_TEST(sdk::rating_to_score(9) == 1.0);
  BOOST_TEST(verdict_of(R"({"rating": 1, "reason": "x"})").score == 0.0);
  BOOST_TEST(verdict_of(R"({"rating": 5, "reason": "x"})").score == 1.0);
}

BOOST_AUTO_TEST_CASE(fenced_json_is_read) {
  BOOST_TEST(verdict_of("```json\n{\"rating\": 5, \"reason\": \"fenced\"}\n```").rating == 5);
  BOOST_TEST(verdict_of("```JSON\n{\"rating\": 2, \"reason\": \"upper\"}\n```").rating == 2);
  BOOST_TEST(verdict_of("```\n{\"rating\": 3}\n```").rating == 3);
  BOOST_TEST(verdict_of("```{\"rating\": 4}```").rating == 4);
  BOOST_TEST(verdict_of("Verdict:\n```json {\"rating\": 1, \"reason\": \"r\"}\n```").rating == 1);
  // An unclosed fence still yields its body.
  BOOST_TEST(verdict_of("```json\n{\"rating\": 4, \"reason\": \"cut\"}").rating == 4);
}

BOOST_AUTO_TEST_CASE(prose_around_the_object_is_ignored) {
  auto v = verdict_of("Here is my verdict: {\"rating\": 2, \"reason\": \"thin\"} Hope it helps.");
  BOOST_TEST(v.rating == 2);
  BOOST_TEST(v.reason == "thin");
  // Braces and quotes inside strings do not end the object early.
  auto w = verdict_of(R"(Sure. {"rating": 4, "reason": "used {braces} and \"quotes\" }"} ok)");
  BOOST_TEST(w.rating == 4);
  BOOST_TEST(w.reason == "used {braces} and \"quotes\" }");
}

BOOST_AUTO_TEST_CASE(the_verdict_object_wins_over_other_objects) {
  BOOST_TEST(verdict_of(R"({"note": "first"} and then {"rating": 3, "reason": "r"})").rating == 3);
  BOOST_TEST(verdict_of(R"({bad json} {"rating": 5})").rating == 5);
}

BOOST_AUTO_TEST_CASE(think_blocks_are_removed) {
  BOOST_TEST(verdict_of(R"(<think>x</think>{"rating": 2, "reason": "t"})").rating == 2);
  // JSON inside the reasoning is not the answer.
  auto v = verdict_of("<think>maybe {\"rating\": 1}\nor more</think>\n{\"rating\": 5, \"reason\": "
                      "\"final\"}");
  BOOST_TEST(v.rating == 5);
  BOOST_TEST(v.reason == "final");
  // A template that puts <think> in the prompt leaves only the closing tag.
  BOOST_TEST(verdict_of("pondering {\"rating\": 1}</think>{\"rating\": 3}").rating == 3);
  BOOST_TEST(sdk::strip_reasoning("  <think>a</think> b <think>c</think> d ") == "b  d");
  BOOST_TEST(sdk::strip_reasoning("answer <think>never closed") == "answer");
}

BOOST_AUTO_TEST_CASE(out_of_range_ratings_are_clamped) {
  BOOST_TEST(verdict_of(R"({"rating": 9, "reason": "hi"})").rating == 5);
  BOOST_TEST(verdict_of(R"({"rating": 9, "reason": "hi"})").score == 1.0);
  BOOST_TEST(verdict_of(R"({"rating": 0})").rating == 1);
  BOOST_TEST(verdict_of(R"({"rating": -2})").rating == 1);
  BOOST_TEST(verdict_of(R"({"rating": -2})").score == 0.0);
  BOOST_TEST(verdict_of(R"({"rating": 1e300})").rating == 5);
}

BOOST_AUTO_TEST_CASE(fractional_and_string_ratings_round_half_to_even) {
  BOOST_TEST(verdict_of(R"({"rating": 4.6})").rating == 5);
  BOOST_TEST(verdict_of(R"({"rating": 2.5})").rating == 2);
  BOOST_TEST(verdict_of(R"({"rating": 3.5})").rating == 4);
  BOOST_TEST(verdict_of(R"({"rating": " 4 "})").rating == 4);
}

BOOST_AUTO_TEST_CASE(non_numeric_or_missing_rating_is_a_parse_error) {
  for (auto reply : {R"({"rating": "high", "reason": "x"})",
                     R"({"rating": null})",
                     R"({"rating": true})",
                     R"({"rating": "NaN"})",
                     R"({"rating": [4]})"}) {
    auto error = error_of(reply);
    BOOST_TEST((error.kind == sdk::JudgeErrorKind::parse_error));
    BOOST_TEST(starts_with(error.message, "LLM judge reply has a non-numeric rating"),
               error.message);
  }
  auto missing = error_of(R"({"reason": "no rating"})");
  BOOST_TEST((missing.kind == sdk::JudgeErrorKind::parse_error));
  BOOST_TEST(starts_with(missing.message, "LLM judge reply has no rating"), missing.message);
}

BOOST_AUTO_TEST_CASE(text_without_json_is_the_reference_warning) {
  for (auto reply : {"I think this is good", "[4]", "Here: {score: 0.6} oops", "{\"rating\": 4"}) {
    auto error = error_of(reply);
    BOOST_TEST((error.kind == sdk::JudgeErrorKind::parse_error));
    BOOST_TEST(starts_with(error.message, std::string(sdk::k_non_json_reply_message)),
               error.message);
  }
}

BOOST_AUTO_TEST_CASE(empty_replies_are_parse_errors) {
  BOOST_TEST((error_of("").kind == sdk::JudgeErrorKind::parse_error));
  BOOST_TEST((error_of(" \n\t").kind == sdk::JudgeErrorKind::parse_error));
  BOOST_TEST((error_of("<think>only reasoning</think>").kind == sdk::JudgeErrorKind::parse_error));
}

BOOST_AUTO_TEST_CASE(error_messages_quote_only_a_short_prefix) {
  std::string long_reply(5000, 'z');
  auto error = error_of(long_reply);
  BOOST_TEST(error.message.size() < 200u);
  BOOST_TEST(error.message.find('\n') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(reference_score_shape_is_accepted) {
  auto v = verdict_of(R"({"score": 0.75, "reason": "Good"})");
  BOOST_TEST(v.score == 0.75);
  BOOST_TEST(v.rating == 4);
  BOOST_TEST(v.reason == "Good");
  auto w = verdict_of(R"({"score": 0.6})");
  BOOST_TEST(w.score == 0.6);
  BOOST_TEST(w.rating == 3);                                 // 1 + 4 * 0.6 = 3.4
  BOOST_TEST(verdict_of(R"({"score": 0.625})").rating == 4); // 3.5, half to even
  BOOST_TEST(verdict_of(R"({"score": "0.65"})").score == 0.65);
  auto high = verdict_of(R"({"score": 1.7, "reason": "hi"})");
  BOOST_TEST(high.score == 1.0);
  BOOST_TEST(high.rating == 5);
  auto low = verdict_of(R"({"score": -0.2})");
  BOOST_TEST(low.score == 0.0);
  BOOST_TEST(low.rating == 1);
  BOOST_TEST((error_of(R"({"score": "high"})").kind == sdk::JudgeErrorKind::parse_error));
}

BOOST_AUTO_TEST_CASE(rating_wins_over_score) {
  auto v = verdict_of(R"({"score": 0.1, "rating": 5, "reason": "both"})");
  BOOST_TEST(v.rating == 5);
  BOOST_TEST(v.score == 1.0);
}

BOOST_AUTO_TEST_CASE(extra_fields_and_sloppy_json_are_tolerated) {
  auto v = verdict_of(
      R"({"rating": 4, "reason": "r", "alignment_score": 1.5, "pivot_verdict": "pivot"})");
  BOOST_TEST(v.rating == 4);
  BOOST_TEST(v.reason == "r");
  BOOST_TEST(verdict_of("{\"rating\": 3, \"reason\": \"ok\",}").rating == 3);
  BOOST_TEST(verdict_of("{\"Rating\": 2, \"Reason\": \"caps\"}").reason == "caps");
}

BOOST_AUTO_TEST_CASE(reason_is_text) {
  BOOST_TEST(verdict_of(R"({"rating": 3, "reason": 5})").reason == "5");
  BOOST_TEST(verdict_of(R"({"rating": 3, "reason": null})").reason == "");
  BOOST_TEST(verdict_of(R"({"rating": 3})").reason == "");
  BOOST_TEST(verdict_of(R"({"rating": 3, "reason": "  padded  "})").reason == "padded");
}

BOOST_AUTO_TEST_SUITE_END()

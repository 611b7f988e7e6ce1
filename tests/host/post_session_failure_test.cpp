// failure_reason / error of a non-zero exit (spec §12 step 12).
#include "cli_test_support.hpp"
#include "commands/post_session_failure.hpp"

#include <boost/test/unit_test.hpp>

using namespace gptme_sessions::host;
using namespace gptme_sessions::testing;

BOOST_AUTO_TEST_SUITE(host_commands_post_session_failure)

BOOST_AUTO_TEST_CASE(scan_finds_the_last_error_line_in_any_format) {
  TempDir tmp;
  write_bytes(
      tmp / "t.jsonl",
      "{\"role\": \"assistant\", \"content\": \"working\"}\n"
      "{\"role\": \"system\", \"content\": \"ok\\nTraceback (most recent call last):\\n  x\"}\n"
      "not json\n"
      "{\"type\": \"assistant\", \"message\": {\"content\": [{\"type\": \"text\", \"text\": "
      "\"API Error: Rate-limit reached\"}, {\"type\": \"tool_use\"}]}}\n");
  const auto scan = scan_trajectory_errors(tmp / "t.jsonl");
  BOOST_TEST(scan.has_assistant_turn);
  BOOST_REQUIRE(scan.error.has_value());
  BOOST_TEST(*scan.error == "API Error: Rate-limit reached");
  BOOST_TEST(!scan_trajectory_errors(tmp / "missing.jsonl").error.has_value());
}

BOOST_AUTO_TEST_CASE(error_lines_are_cut_at_500_characters) {
  TempDir tmp;
  write_bytes(tmp / "t.jsonl", "{\"content\": \"error " + std::string(600, 'x') + "\"}\n");
  BOOST_TEST(scan_trajectory_errors(tmp / "t.jsonl").error->size() == 500u);
}

BOOST_AUTO_TEST_CASE(classification) {
  TrajectoryErrorScan none;
  BOOST_TEST(!capture_failure(0, 10, std::nullopt, none).has_value());
  BOOST_TEST(capture_failure(124, 10, std::nullopt, none)->reason == "timeout");
  auto with = [](std::string text) {
    TrajectoryErrorScan s;
    s.has_assistant_turn = true;
    s.error = std::move(text);
    return s;
  };
  BOOST_TEST(capture_failure(1, 10, 5, with("HTTP 429 Too Many Requests"))->reason == "rate_limit");
  BOOST_TEST(capture_failure(1, 10, 5, with("rate of token limit exceeded"))->reason ==
             "rate_limit");
  BOOST_TEST(capture_failure(1, 10, 5, with("invalid_request_error: bad"))->reason ==
             "invalid_request");
  BOOST_TEST(capture_failure(1, 10, 5, with("401 Unauthorized"))->reason == "auth");
  BOOST_TEST(capture_failure(1, 10, 5, with("Error: boom"))->reason == "nonzero_exit_unclassified");
  const auto early = capture_failure(2, 30, 0, none);
  BOOST_TEST(early->reason == "pre_response_api_failure");
  BOOST_TEST(*early->error == "exit before first assistant response (input_tokens=0)");
  BOOST_TEST(capture_failure(2, 300, 0, none)->reason == "nonzero_exit_unclassified");
  BOOST_TEST(capture_failure(2, 30, 100, none)->reason == "nonzero_exit_unclassified");
}

BOOST_AUTO_TEST_SUITE_END()

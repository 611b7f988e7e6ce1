// The post-session pipeline without plugins: services are plain functions here.
#include "cli_test_support.hpp"
#include "commands/post_session.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <stdexcept>

using namespace gptme_sessions::host;
using namespace gptme_sessions::testing;
namespace json = boost::json;

BOOST_AUTO_TEST_SUITE(host_commands_post_session_pipeline)

BOOST_AUTO_TEST_CASE(python_path_normalization) {
  BOOST_TEST(python_path_str("") == ".");
  BOOST_TEST(python_path_str("a//b/./c/") == "a/b/c");
  BOOST_TEST(python_path_str("/a/../b") == "/a/../b");
  BOOST_TEST(python_path_str("//x/y") == "//x/y");
  BOOST_TEST(python_path_str("///x") == "/x");
  BOOST_TEST(python_path_str("./") == ".");
}

BOOST_AUTO_TEST_CASE(an_extraction_failure_is_a_warning) {
  TempDir tmp;
  write_bytes(tmp / "t.jsonl", "{}\n");
  PostSessionInput input;
  input.harness = "gptme";
  input.trajectory = (tmp / "t.jsonl").string();
  PostSessionServices services;
  services.extract = [](const std::filesystem::path&) -> json::object {
    throw std::runtime_error("unreadable");
  };
  const auto result = build_post_session(input, services);
  BOOST_REQUIRE_EQUAL(result.warnings.size(), 1u);
  BOOST_TEST(result.warnings[0] ==
             "Signal extraction from " + (tmp / "t.jsonl").string() + " failed: unreadable");
  BOOST_TEST(!result.signals.has_value());
  BOOST_TEST(*result.record.outcome == "unknown");
  BOOST_TEST(*result.record.trajectory_path == (tmp / "t.jsonl").string());
}

BOOST_AUTO_TEST_CASE(format_blind_trajectory_trusts_the_caller) {
  TempDir tmp;
  write_bytes(tmp / "t.jsonl", "{}\n");
  PostSessionInput input;
  input.harness = "codex";
  input.trajectory = (tmp / "t.jsonl").string();
  input.deliverables = {"abc1234"};
  PostSessionServices services;
  services.extract = [](const std::filesystem::path&) {
    return json::parse("{\"tool_calls\": {}, \"session_duration_s\": 50, \"deliverables\": [], "
                       "\"productive\": false, \"grade\": 0.1}")
        .as_object();
  };
  services.describe = [](const std::filesystem::path&) {
    gptme_sessions::sdk::DiscoveredSession s;
    s.session_name = "named";
    s.project = "/p";
    return std::optional(s);
  };
  const auto result = build_post_session(input, services);
  BOOST_TEST(*result.record.outcome == "productive");
  BOOST_TEST(*result.record.deliverables == std::vector<std::string>{"abc1234"});
  BOOST_TEST(*result.record.session_name == "named");
  BOOST_TEST(*result.record.project == "/p");
  BOOST_TEST(result.record.duration_seconds == 50);
}

BOOST_AUTO_TEST_SUITE_END()

#include "cli_test_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

namespace fs = std::filesystem;
using namespace gptme_sessions::testing;

namespace {

const std::string k_hint = " Run 'gptme-sessions query' to list available session IDs.";

} // namespace

BOOST_FIXTURE_TEST_SUITE(host_commands_show, CliFixture)

BOOST_AUTO_TEST_CASE(worked_example_text) {
  use_worked_example();
  const auto r = gs({"show", "a1b2c3d4"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == worked_example_expected("show_a1b2c3d4.txt"));
  BOOST_TEST(r.err == "");
}

BOOST_AUTO_TEST_CASE(optional_lines) {
  use_worked_example();
  auto r = gs({"show", "c0ff"});
  BOOST_TEST(r.out.find("\n  Duration:     1h 6m 40s\n") != std::string::npos);
  BOOST_TEST(r.out.starts_with("[-] c0ffee00  2026-03-02\n"));
  r = gs({"show", "0a0b"});
  BOOST_TEST(r.out == "[+] 0a0b0c0d  2026-03-04\n"
                      "  Harness:      claude-code\n"
                      "  Model:        openrouter/z-ai/glm-5@z-ai\n"
                      "  Run type:     autonomous\n"
                      "  Outcome:      productive\n"
                      "  Duration:     30m 0s\n"
                      "  Judge score:  0.85\n"
                      "  Judge reason: Solid progress.\n"
                      "  Judge model:  claude-haiku-4-5\n"
                      "  Journal:      /journal/2026-03-04/s.md\n");
  r = gs({"show", "e5e5"});
  BOOST_TEST(r.out.find("  Harness:      unknown\n  Model:        unknown\n"
                        "  Run type:     unknown\n") != std::string::npos);
  r = gs({"show", "d00d"});
  BOOST_TEST(r.out.find("Duration") == std::string::npos);
  BOOST_TEST(r.out.find("  Trigger:      dispatch\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(judge_rating_and_judge_error) {
  write_store(
      R"({"session_id": "aa01", "timestamp": "2026-03-04T20:00:00+00:00", "outcome": )"
      R"("productive", "llm_judge_score": 0.75, "llm_judge_reason": "Shipped the fix.", )"
      R"("llm_judge_model": "gpt-4o-mini", "llm_judge_rating": 4})"
      "\n"
      R"({"session_id": "bb02", "timestamp": "2026-03-05T20:00:00+00:00", "outcome": "noop", )"
      R"("llm_judge_error": "timeout: no reply within 60 s"})"
      "\n"
      R"({"session_id": "cc03", "timestamp": "2026-03-06T20:00:00+00:00", "outcome": "noop", )"
      R"("llm_judge_score": 0.5, "llm_judge_rating": 3.0, "llm_judge_error": "stale"})"
      "\n");
  auto r = gs({"show", "aa01"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "[+] aa01  2026-03-04\n"
                      "  Harness:      unknown\n"
                      "  Model:        unknown\n"
                      "  Run type:     unknown\n"
                      "  Outcome:      productive\n"
                      "  Judge rating: 4/5\n"
                      "  Judge score:  0.75\n"
                      "  Judge reason: Shipped the fix.\n"
                      "  Judge model:  gpt-4o-mini\n");
  r = gs({"show", "bb02"});
  BOOST_TEST(r.out == "[-] bb02  2026-03-05\n"
                      "  Harness:      unknown\n"
                      "  Model:        unknown\n"
                      "  Run type:     unknown\n"
                      "  Outcome:      noop\n"
                      "  Judge:        unscored (timeout: no reply within 60 s)\n");
  // A score wins over a leftover error; a rating written as 3.0 is still an integer rating.
  r = gs({"show", "cc03"});
  BOOST_TEST(r.out.find("  Judge rating: 3/5\n  Judge score:  0.50\n") != std::string::npos);
  BOOST_TEST(r.out.find("unscored") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(ambiguous_prefix) {
  use_worked_example();
  const auto r = gs({"show", "a1b2"});
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.out == "");
  BOOST_TEST(r.err == "Error: Ambiguous prefix 'a1b2' matches 2 sessions: a1b2c3d4, a1b2ffff." +
                          k_hint + "\n");
}

BOOST_AUTO_TEST_CASE(unknown_empty_and_missing_ids) {
  use_worked_example();
  auto r = gs({"show", "zzz"});
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.err == "Error: No session found matching 'zzz'." + k_hint + "\n");
  r = gs({"show", ""});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err == "Usage: gptme-sessions show [OPTIONS] SESSION_ID\n"
                      "Try 'gptme-sessions show --help' for help.\n\n"
                      "Error: Session ID must not be empty.\n");
  r = gs({"show"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(last_line(r.err) == "Error: Missing argument 'SESSION_ID'.");
  r = gs({"show", "a1b2c3d4", "extra"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(last_line(r.err) == "Error: Got unexpected extra argument (extra)");
}

BOOST_AUTO_TEST_CASE(json_records) {
  use_worked_example();
  auto r = gs({"show", "c0ff", "--json"});
  BOOST_TEST(r.exit_code == 0);
  auto v = boost::json::parse(r.out).as_object();
  BOOST_TEST(v.at("timestamp").as_string() == "2026-03-02T23:59:59+00:00");
  BOOST_TEST(v.at("exit_code").as_int64() == 1);
  BOOST_TEST(r.out.starts_with("{\n  \"session_id\": \"c0ffee00\",\n"));

  v = boost::json::parse(gs({"show", "b7e0", "--json"}).out).as_object();
  BOOST_TEST(v.at("run_type").as_string() == "autonomous");
  BOOST_TEST(v.at("model").as_string() == "openrouter/anthropic/claude-sonnet-4.5/extended");

  r = gs({"show", "f1f2", "--json"});
  v = boost::json::parse(r.out).as_object();
  BOOST_TEST(v.at("run_type").as_string() == "autonomous");
  BOOST_TEST(v.at("trajectory_path").as_string() == "/logs/2026-03-04/conversation.jsonl");
  BOOST_TEST(v.at("journal_path").is_null());
  BOOST_REQUIRE(v.size() >= 2u);
  auto it = v.end();
  --it;
  BOOST_TEST(it->key() == "notes");
  BOOST_TEST(it->value().as_string() == "x");
  --it;
  BOOST_TEST(it->key() == "inferred_category");
  BOOST_TEST(it->value().as_string() == "code");

  v = boost::json::parse(gs({"show", "0a0b", "--json"}).out).as_object();
  BOOST_TEST(v.at("journal_path").as_string() == "/journal/2026-03-04/s.md");
  BOOST_TEST(v.at("trajectory_path").is_null());
}

BOOST_AUTO_TEST_CASE(missing_store_is_not_found_and_creates_nothing) {
  const auto r = gs({"show", "abc"});
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.err == "Error: No session found matching 'abc'." + k_hint + "\n");
  BOOST_TEST(!fs::exists(dir()));
}

BOOST_AUTO_TEST_SUITE_END()

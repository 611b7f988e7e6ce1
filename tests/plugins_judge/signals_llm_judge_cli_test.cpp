// `gptme-sessions signals PATH --llm-judge` end to end (judge spec §7, §10 case 11): the real
// binary, the gptme harness plugin and judge-openai, against a real HTTP server on 127.0.0.1.
#include "judge_cli_env.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace gptme_sessions::testing;

namespace {

const std::string k_unavailable =
    "LLM judge: unavailable (missing API key, SDK, or judge returned no result)";

// Case 11's trajectory: one commit, no tool call, no error, 120 s. Under the grade formula one
// commit is 1 unit (0.60) and there are no tool calls, errors or retries to subtract, so the
// grade is exactly 0.60; a single "feat" vote is too few to infer a category.
const std::string k_case11 =
    R"({"role": "user", "content": "Add x.", "timestamp": "2026-03-01T10:00:00"})"
    "\n"
    R"({"role": "assistant", "content": "Committing x.", "timestamp": "2026-03-01T10:00:30"})"
    "\n"
    R"({"role": "system", "content": "Ran command: `git commit -am 'feat: x'`\n[main abc1234] feat: x\n 1 file changed", "timestamp": "2026-03-01T10:01:00"})"
    "\n"
    R"({"role": "assistant", "content": "Done.", "timestamp": "2026-03-01T10:02:00"})"
    "\n";

const std::string k_case11_journal =
    "Git commits (1):\n  - feat: x (abc1234)\nTrajectory grade: 0.60\nDuration: 120s";

struct SignalsJudgeEnv : JudgeEnv {
  fs::path trajectory = home / "log" / "conversation.jsonl";

  SignalsJudgeEnv() {
    plugins.push_back(k_gptme_plugin.string());
    write_file(trajectory, k_case11);
  }

  ProcessResult signals(std::vector<std::string> args) {
    args.insert(args.begin(), trajectory.string());
    return run_command("signals", std::move(args));
  }
};

// The body of "## <heading>" up to the blank line before the next heading.
std::string section(const std::string& text, const std::string& heading) {
  auto start = text.find("## " + heading + "\n");
  BOOST_REQUIRE_MESSAGE(start != std::string::npos, "no section " << heading << " in " << text);
  start += heading.size() + 4;
  auto end = text.find("\n\n## ", start);
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

} // namespace

BOOST_AUTO_TEST_SUITE(judge_openai_signals_cli)

BOOST_AUTO_TEST_CASE(case_11_journal_prompt_and_judge_line) {
  SignalsJudgeEnv t;
  t.server.set_fallback(chat_reply(R"({"rating": 4, "reason": "Good work"})"));
  const auto plain = t.signals({});
  BOOST_TEST(plain.exit_code == 0, plain.err);
  BOOST_TEST(t.server.request_count() == 0u);

  const auto r = t.signals({"--llm-judge",
                            "--category",
                            "code",
                            "--model",
                            "openai/test-model",
                            "--goals",
                            "1. Ship {x}"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out == plain.out + "LLM Judge: 0.75 (openai/test-model) \u2014 Good work\n");
  BOOST_TEST(r.err.empty(), r.err);

  BOOST_REQUIRE(t.server.request_count() == 1u);
  const auto request = t.server.requests()[0];
  BOOST_TEST(request.path == "/v1/chat/completions");
  BOOST_TEST(*request.header("Authorization") == std::string("Bearer ") + k_key);
  BOOST_TEST(json::parse(request.body).at("model").as_string() == "test-model");
  const auto prompt = user_prompt_of(request);
  BOOST_TEST(section(prompt, "Session Journal") == k_case11_journal, prompt);
  BOOST_TEST(section(prompt, "Agent Goals (ordered by priority)") == "1. Ship {x}");
  BOOST_TEST(section(prompt, "Session Record") == "- Harness: gptme\n- Category: code");
  // The journal already is the signals summary; the transcript is the port's addition.
  BOOST_TEST(prompt.find("## Session Signals") == std::string::npos, prompt);
  BOOST_TEST(section(prompt, "Transcript Excerpt").find("user: Add x.") == 0u, prompt);
}

BOOST_AUTO_TEST_CASE(json_output_gains_the_llm_judge_object) {
  SignalsJudgeEnv t;
  t.server.set_fallback(chat_reply(R"({"rating": 4, "reason": "Good work"})"));
  const auto plain = t.signals({"--json"});
  const auto r = t.signals({"--json", "--llm-judge", "--model", "openai/test-model"});
  BOOST_TEST(r.exit_code == 0, r.err);
  auto expected = json::parse(plain.out).as_object();
  expected["llm_judge"] = json::object{
      {"score", 0.75}, {"reason", "Good work"}, {"model", "openai/test-model"}, {"rating", 4}};
  BOOST_TEST(json::parse(r.out) == expected);
  BOOST_TEST(r.out.find("\"llm_judge\": {\n    \"score\": 0.75,\n") != std::string::npos, r.out);
  BOOST_TEST(t.server.request_count() == 1u);
  // No --category and none inferred: the record says nothing about it.
  BOOST_TEST(user_prompt_of(t.server.requests()[0]).find("- Category:") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(grade_and_usage_never_call_the_judge) {
  SignalsJudgeEnv t;
  t.server.set_fallback(chat_reply(R"({"rating": 4, "reason": "Good work"})"));
  const auto grade = t.signals({"--grade", "--llm-judge", "--category", "code"});
  BOOST_TEST(grade.exit_code == 0, grade.err);
  BOOST_TEST(grade.out == "0.6000\n");
  const auto usage = t.signals({"--usage", "--llm-judge"});
  BOOST_TEST(usage.exit_code == 0, usage.err);
  BOOST_TEST(usage.out.find("LLM Judge") == std::string::npos);
  BOOST_TEST(t.server.request_count() == 0u);
}

BOOST_AUTO_TEST_CASE(server_error_is_reported_and_the_signals_still_printed) {
  SignalsJudgeEnv t;
  t.server.set_fallback(CannedReply{500, R"({"error": {"message": "boom"}})"});
  const auto plain = t.signals({});
  const auto r = t.signals({"--llm-judge", "--model", "openai/test-model"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out == plain.out);
  BOOST_TEST(t.server.request_count() == 3u); // one try and two retries
  BOOST_TEST(has_line(r.err, k_unavailable), r.err);
  BOOST_TEST(has_line(r.err, "LLM judge: http_status: HTTP 500: boom (after 3 attempts)"), r.err);
  BOOST_TEST(r.err.find(k_key) == std::string::npos);
  BOOST_TEST(r.out.find(k_key) == std::string::npos);

  const auto json_run = t.signals({"--json", "--llm-judge"});
  BOOST_TEST(json_run.exit_code == 0);
  BOOST_TEST(!json::parse(json_run.out).as_object().contains("llm_judge"));
}

BOOST_AUTO_TEST_CASE(no_key_for_a_remote_server_sends_nothing) {
  SignalsJudgeEnv t;
  t.env["GPTME_SESSIONS_JUDGE_API_KEY"] = std::nullopt;
  t.env["GPTME_SESSIONS_JUDGE_BASE_URL"] = "http://judge.example/v1";
  // A request made anyway would land on the test server through this proxy.
  t.env["http_proxy"] = t.server.base_url();
  t.env["no_proxy"] = std::nullopt;
  t.env["NO_PROXY"] = std::nullopt;
  const auto plain = t.signals({});
  const auto r = t.signals({"--llm-judge"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out == plain.out);
  BOOST_TEST(t.server.request_count() == 0u);
  BOOST_TEST(has_line(r.err, k_unavailable), r.err);
  BOOST_TEST(r.err.find("LLM judge: unavailable: no API key for http://judge.example/v1") !=
                 std::string::npos,
             r.err);
}

BOOST_AUTO_TEST_CASE(goals_file_and_base_url_options_reach_the_judge) {
  SignalsJudgeEnv t;
  // Only the command line points at the server; the environment points nowhere useful.
  t.env["GPTME_SESSIONS_JUDGE_BASE_URL"] = "http://judge.example/v1";
  t.server.set_fallback(chat_reply(R"({"rating": 2, "reason": "Thin"})"));
  write_file(t.home / "goals.md", "1. Goal from a file\n");
  const auto r = t.signals({"--llm-judge",
                            "--goals-file",
                            (t.home / "goals.md").string(),
                            "--base-url",
                            t.server.base_url() + "/v1",
                            "--api-key",
                            "sk-from-the-command-line"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(lines_of(r.out).back() == "LLM Judge: 0.25 (gpt-4o-mini) \u2014 Thin", r.out);
  BOOST_REQUIRE(t.server.request_count() == 1u);
  const auto request = t.server.requests()[0];
  BOOST_TEST(*request.header("Authorization") == "Bearer sk-from-the-command-line");
  BOOST_TEST(user_prompt_of(request).find("1. Goal from a file") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

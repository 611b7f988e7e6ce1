// `gptme-sessions judge` end to end: the real binary, the real judge-openai plugin and a real
// HTTP server on 127.0.0.1 standing in for the model.
#include "judge_cli_env.hpp"
#include "judge_store_lines.hpp"

#include <gptme_sessions/core/session_store.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
namespace json = boost::json;
namespace core = gptme_sessions::core;
using namespace gptme_sessions::testing;

BOOST_AUTO_TEST_SUITE(judge_openai_cli)

BOOST_AUTO_TEST_CASE(update_store_scores_unjudged_sessions_end_to_end) {
  JudgeEnv t;
  write_file(t.home / "journal.md", "Shipped the {judge} command.\n");
  write_file(t.store,
             record_line("1aaaaaaa") +
                 record_line("2bbbbbbb",
                             ", \"grades\": {\"alignment\": 0.5}, \"llm_judge_score\": 0.5, "
                             "\"llm_judge_reason\": \"old\", \"llm_judge_model\": \"m0\"") +
                 record_line("3ccccccc",
                             ", \"journal_path\": \"" + (t.home / "journal.md").string() + "\"") +
                 record_line("4ddddddd"));
  t.server.set_fallback(chat_reply(R"({"rating": 4, "reason": "Good work"})"));

  auto r = t.run({"--update-store", "--model", "openai/test-model", "--goals", "Ship it {now}"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(has_line(r.err, "Found 3 session(s) to score"), r.err);
  BOOST_TEST(has_line(r.out, "  1aaaaaaa      4/5       Good work"), r.out);
  BOOST_TEST(has_line(r.out, "  3ccccccc      4/5       Good work"), r.out);
  BOOST_TEST(has_line(r.out, "Scored: 3/3  mean=0.75  min=0.75  max=0.75"), r.out);
  BOOST_TEST(r.out.find("2bbbbbbb") == std::string::npos);
  BOOST_TEST(has_line(r.err, "Updated 3 record(s) in " + t.store.string()), r.err);
  BOOST_TEST(r.out.find(k_key) == std::string::npos);
  BOOST_TEST(r.err.find(k_key) == std::string::npos);

  auto requests = t.server.requests();
  BOOST_REQUIRE(requests.size() == 3u);
  for (const auto& request : requests) {
    BOOST_TEST(request.path == "/v1/chat/completions");
    BOOST_TEST(*request.header("Authorization") == std::string("Bearer ") + k_key);
    BOOST_TEST(request.body.find(k_key) == std::string::npos);
    BOOST_TEST(json::parse(request.body).at("model").as_string() == "test-model");
    BOOST_TEST(user_prompt_of(request).find(
                   "## Agent Goals (ordered by priority)\nShip it {now}") != std::string::npos);
  }
  BOOST_TEST(user_prompt_of(requests[1]).find("## Session Journal\nShipped the {judge} command.") !=
             std::string::npos);

  auto records = stored(t.store);
  BOOST_REQUIRE(records.size() == 4u);
  for (const char* id : {"1aaaaaaa", "3ccccccc", "4ddddddd"}) {
    const auto& rec = records.at(id);
    BOOST_TEST(rec.at("llm_judge_rating").as_int64() == 4, id);
    BOOST_TEST(rec.at("llm_judge_score").as_double() == 0.75, id);
    BOOST_TEST(rec.at("llm_judge_reason").as_string() == "Good work", id);
    BOOST_TEST(rec.at("llm_judge_model").as_string() == "openai/test-model", id);
    BOOST_TEST(rec.at("grades").at("alignment").as_double() == 0.75, id);
    BOOST_TEST(rec.at("grade_reasons").at("alignment").as_string() == "Good work", id);
    BOOST_TEST(!rec.contains("llm_judge_error"), id);
  }
  const auto& judged_before = records.at("2bbbbbbb");
  BOOST_TEST(judged_before.at("llm_judge_score").as_double() == 0.5);
  BOOST_TEST(judged_before.at("llm_judge_reason").as_string() == "old");
  BOOST_TEST(!judged_before.contains("llm_judge_rating"));
  BOOST_TEST(read_text(t.store).find(k_key) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(signals_of_the_trajectory_reach_the_prompt) {
  JudgeEnv t;
  const fs::path trajectory = fs::path(GPTME_SESSIONS_TEST_DATA) / "fixtures-harness" / "gptme" /
                              "2026-03-07-dancing-blue-fish" / "conversation.jsonl";
  write_file(t.store,
             record_line("1aaaaaaa", ", \"trajectory_path\": \"" + trajectory.string() + "\""));
  t.server.set_fallback(chat_reply(R"({"rating": 5, "reason": "Shipped"})"));
  t.plugins.push_back(k_gptme_plugin.string());
  auto r = t.run({});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_REQUIRE(t.server.request_count() == 1u);
  auto prompt = user_prompt_of(t.server.requests()[0]);
  BOOST_TEST(prompt.find("## Session Signals\nGit commits (1):\n"
                         "  - feat(cli): add --verbose flag (3f9c2e1)\n"
                         "Files written (2 unique):\n") != std::string::npos,
             prompt);
  BOOST_TEST(prompt.find("Errors: 1\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_harness_plugins_transcript_and_the_journal_reach_the_prompt) {
  JudgeEnv t;
  const fs::path trajectory = fs::path(GPTME_SESSIONS_TEST_DATA) / "fixtures-harness" /
                              "claude-code" / "-home-user-proj" /
                              "7c1e4b2a-9d3f-4e8a-b6c5-2f0a1d9e8b7c.jsonl";
  write_file(t.home / "journal.md", "Fixed paginate.\n");
  write_file(t.store,
             record_line("1aaaaaaa",
                         ", \"trajectory_path\": \"" + trajectory.string() +
                             "\", \"journal_path\": \"" + (t.home / "journal.md").string() + "\""));
  t.server.set_fallback(chat_reply(R"({"rating": 5, "reason": "Shipped"})"));
  // Both harnesses are loaded: the Claude Code extractor is chosen by the file's content.
  t.plugins.push_back(k_gptme_plugin.string());
  t.plugins.push_back(k_claude_plugin.string());
  auto r = t.run({});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_REQUIRE(t.server.request_count() == 1u);
  auto prompt = user_prompt_of(t.server.requests()[0]);
  BOOST_TEST(prompt.find("## Session Journal\nFixed paginate.\n") != std::string::npos, prompt);
  BOOST_TEST(prompt.find("## Transcript Excerpt\nuser: paginate() drops the last partial page.") !=
                 std::string::npos,
             prompt);
  BOOST_TEST(has_line(prompt, "tool Read: /home/user/proj/src/paginate.py"), prompt);
  BOOST_TEST(has_line(prompt, "result[error]: Exit code 1"), prompt);
}

BOOST_AUTO_TEST_CASE(post_session_judge_scores_the_new_record) {
  JudgeEnv t;
  const fs::path trajectory = fs::path(GPTME_SESSIONS_TEST_DATA) / "fixtures-harness" / "gptme" /
                              "2026-03-07-dancing-blue-fish" / "conversation.jsonl";
  t.plugins.push_back(k_gptme_plugin.string());
  t.server.enqueue(chat_reply(R"({"rating": 5, "reason": "Shipped the flag"})"));
  auto r = t.run_command("post-session",
                         {"--harness",
                          "gptme",
                          "--session-id",
                          "9abc0001",
                          "--trajectory",
                          trajectory.string(),
                          "--judge",
                          "--judge-model",
                          "openai/test-model",
                          "--goals",
                          "Ship CLI flags"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out.find("Recorded session 9abc0001") == 0u, r.out);
  BOOST_REQUIRE(t.server.request_count() == 1u);
  auto prompt = user_prompt_of(t.server.requests()[0]);
  BOOST_TEST(prompt.find("Ship CLI flags") != std::string::npos);
  BOOST_TEST(prompt.find("  - feat(cli): add --verbose flag (3f9c2e1)") != std::string::npos);
  BOOST_TEST(has_line(prompt, "tool shell: sed -n '1,20p' src/proj/cli.py"), prompt);
  const auto rec = stored(t.store).at("9abc0001");
  BOOST_TEST(rec.at("llm_judge_rating").as_int64() == 5);
  BOOST_TEST(rec.at("llm_judge_score").as_double() == 1.0);
  BOOST_TEST(rec.at("llm_judge_model").as_string() == "openai/test-model");
  BOOST_TEST(rec.at("grades").at("alignment").as_double() == 1.0);

  // A failed judgement is reported and kept, the record is still stored.
  t.server.set_fallback(CannedReply{401, "{}"});
  auto failed =
      t.run_command("post-session", {"--harness", "gptme", "--session-id", "9abc0002", "--judge"});
  BOOST_TEST(failed.exit_code == 0, failed.err);
  BOOST_TEST(failed.err.find("LLM judge: unscored (http_status): HTTP 401") != std::string::npos,
             failed.err);
  const auto unscored = stored(t.store).at("9abc0002");
  BOOST_TEST(unscored.at("llm_judge_score").is_null());
  BOOST_TEST(unscored.at("llm_judge_error").as_string() == "http_status: HTTP 401");
}

BOOST_AUTO_TEST_CASE(a_failed_judgement_leaves_existing_fields_untouched) {
  JudgeEnv t;
  write_file(t.store,
             record_line("5eeeeeee",
                         ", \"grades\": {\"alignment\": 0.5}, \"grade_reasons\": {\"alignment\": "
                         "\"old\"}, \"llm_judge_score\": 0.5, \"llm_judge_reason\": \"old\", "
                         "\"llm_judge_model\": \"m0\", \"llm_judge_rating\": 3"));
  t.server.set_fallback(CannedReply{500, R"({"error": {"message": "boom"}})"});

  auto r = t.run({"--session", "5eee", "--update-store"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(t.server.request_count() == 3u); // one try and two retries
  BOOST_TEST(
      has_line(r.out, "  5eeeeeee      unscored  (http_status) HTTP 500: boom (after 3 attempts)"),
      r.out);
  BOOST_TEST(r.err.find("LLM judge (openai-compat) failed: HTTP 500") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("No sessions scored.") != std::string::npos);

  const auto rec = stored(t.store).at("5eeeeeee");
  BOOST_TEST(rec.at("llm_judge_score").as_double() == 0.5);
  BOOST_TEST(rec.at("llm_judge_reason").as_string() == "old");
  BOOST_TEST(rec.at("llm_judge_model").as_string() == "m0");
  BOOST_TEST(rec.at("llm_judge_rating").as_int64() == 3);
  BOOST_TEST(rec.at("grades").at("alignment").as_double() == 0.5);
  BOOST_TEST(rec.at("grade_reasons").at("alignment").as_string() == "old");
  BOOST_TEST(rec.at("llm_judge_error").as_string() ==
             "http_status: HTTP 500: boom (after 3 attempts)");
}

BOOST_AUTO_TEST_CASE(json_output_keeps_unscored_rows) {
  JudgeEnv t;
  write_file(t.store, record_line("1aaaaaaa") + record_line("2bbbbbbb"));
  const auto before = read_text(t.store);
  t.server.enqueue(chat_reply(R"({"rating": 5, "reason": "Great"})"));
  t.server.enqueue(chat_reply("I think this is good"));

  auto r = t.run({"--json"});
  BOOST_TEST(r.exit_code == 0, r.err);
  auto rows = json::parse(r.out).as_array();
  BOOST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(rows[0] == json::parse(R"({"session_id": "1aaaaaaa", "status": "scored",
      "llm_judge_rating": 5, "llm_judge_score": 1.0, "llm_judge_reason": "Great",
      "llm_judge_model": "gpt-4o-mini"})"));
  BOOST_TEST(rows[1].at("session_id").as_string() == "2bbbbbbb");
  BOOST_TEST(rows[1].at("status").as_string() == "unscored");
  BOOST_TEST(rows[1].at("llm_judge_error").at("kind").as_string() == "parse_error");
  BOOST_TEST(r.err.find("LLM judge returned non-JSON response") != std::string::npos, r.err);
  // Without --update-store the store is not touched.
  BOOST_TEST(read_text(t.store) == before);
}

BOOST_AUTO_TEST_CASE(no_key_for_a_remote_server_sends_nothing_and_writes_nothing) {
  JudgeEnv t;
  write_file(t.store, record_line("1aaaaaaa"));
  const auto before = read_text(t.store);
  t.env["GPTME_SESSIONS_JUDGE_API_KEY"] = std::nullopt;
  t.env["GPTME_SESSIONS_JUDGE_BASE_URL"] = "http://judge.example/v1";
  // A request made anyway would land on the test server through this proxy.
  t.env["http_proxy"] = t.server.base_url();
  t.env["no_proxy"] = std::nullopt;
  t.env["NO_PROXY"] = std::nullopt;

  auto r = t.run({"--update-store"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(t.server.request_count() == 0u);
  BOOST_TEST(r.out.find("unscored  (unavailable) no API key for http://judge.example/v1") !=
                 std::string::npos,
             r.out);
  BOOST_TEST(has_line(r.err, "No records updated."), r.err);
  BOOST_TEST(read_text(t.store) == before);
}

BOOST_AUTO_TEST_CASE(goals_file_last_and_concurrency) {
  JudgeEnv t;
  write_file(t.home / "goals.md", "1. Goal from a file\n");
  write_file(t.store,
             record_line("1aaaaaaa") + record_line("2bbbbbbb") + record_line("3ccccccc") +
                 record_line("4ddddddd"));
  t.server.set_fallback(chat_reply(R"({"rating": 2, "reason": "Thin"})"));
  auto r =
      t.run({"--goals-file", (t.home / "goals.md").string(), "--last", "3", "--concurrency", "3"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(t.server.request_count() == 3u);
  BOOST_TEST(r.out.find("1aaaaaaa") == std::string::npos); // only the newest three
  BOOST_TEST(has_line(r.out, "Scored: 3/3  mean=0.25  min=0.25  max=0.25"), r.out);
  for (const auto& request : t.server.requests())
    BOOST_TEST(user_prompt_of(request).find("1. Goal from a file") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ctrl_c_keeps_the_verdicts_in_and_stores_no_cancelled_judgement) {
  JudgeEnv t;
  write_file(t.store, record_line("1aaaaaaa") + record_line("2bbbbbbb") + record_line("3ccccccc"));
  t.server.enqueue(chat_reply(R"({"rating": 4, "reason": "Good work"})"));
  // The second request hangs until the test ends; Ctrl-C must cut it short.
  CannedReply slow = chat_reply(R"({"rating": 1, "reason": "too late"})");
  slow.delay = std::chrono::seconds(30);
  t.server.enqueue(slow);

  const auto start = std::chrono::steady_clock::now();
  auto r = t.run_command("judge", {"--update-store"}, [&t](pid_t pid) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (t.server.request_count() < 2 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ::kill(pid, SIGINT);
  });
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  BOOST_TEST(took.count() < 20000); // not the 30 s the hanging reply would take
  BOOST_TEST(r.exit_code == 130, r.err);
  BOOST_TEST(t.server.request_count() == 2u);
  BOOST_TEST(has_line(r.err, "Interrupted: 2 of 3 session(s) not judged."), r.err);
  BOOST_TEST(has_line(r.err, "Aborted!"), r.err);
  // The first verdict is shown and stored; the cancelled and the unstarted ones leave no trace.
  const auto records = stored(t.store);
  std::size_t scored = 0;
  for (const auto& [id, record] : records) {
    const auto* error = record.if_contains("llm_judge_error");
    BOOST_TEST((error == nullptr || error->is_null()), id);
    if (const auto* score = record.if_contains("llm_judge_score"); score && !score->is_null()) {
      ++scored;
      BOOST_TEST(has_line(r.out, "  " + id + "      4/5       Good work"), r.out);
    }
  }
  BOOST_TEST(scored == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

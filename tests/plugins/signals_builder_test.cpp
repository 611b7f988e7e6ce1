#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/core/signals/signal_builder.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

namespace sig = gptme_sessions::core::signals;
namespace json = boost::json;
using gptme_sessions::core::to_json;

namespace {

sig::Timestamp at(std::string_view text) {
  auto ts = sig::parse_timestamp(text);
  BOOST_REQUIRE(ts.has_value());
  return *ts;
}

sig::SignalProfile claude_profile() {
  return sig::SignalProfile{.format = "claude_code",
                            .warning_phrases = true,
                            .tool_timing = true,
                            .github = true,
                            .usage = sig::UsageStyle::claude_code};
}

sig::SignalProfile gptme_profile() {
  return sig::SignalProfile{
      .format = "gptme", .summarizer = true, .timings = true, .usage = sig::UsageStyle::gptme};
}

std::string keys(const json::object& o) {
  std::string out;
  for (const auto& kv : o) {
    if (!out.empty())
      out += ",";
    out += kv.key();
  }
  return out;
}

sig::ToolCall shell(std::string_view id, std::string_view command) {
  sig::ToolCall call;
  call.name = "Bash";
  call.id = id;
  call.kind = sig::ToolKind::shell;
  call.command = command;
  return call;
}

sig::ToolCall write(std::string_view tool, std::string_view path) {
  sig::ToolCall call;
  call.name = tool;
  call.kind = sig::ToolKind::file_write;
  call.path = path;
  return call;
}

} // namespace

BOOST_AUTO_TEST_SUITE(core_signals_builder)

BOOST_AUTO_TEST_CASE(key_order_follows_the_profile) {
  BOOST_TEST(keys(sig::SignalBuilder(gptme_profile()).build()) ==
             "tool_calls,steps,error_count,git_commits,file_writes,journal_paths,"
             "session_duration_s,retry_count,deliverables,deliverable_details,summarizer_fired,"
             "format,productive,grade,inferred_category");
  BOOST_TEST(keys(sig::SignalBuilder(claude_profile()).build()) ==
             "tool_calls,steps,error_count,warning_phrase_count,git_commits,file_writes,"
             "journal_paths,session_duration_s,total_tool_time_s,tool_time_total,tool_time_max,"
             "retry_count,gh_interactions,prs_submitted,pr_merges,issues_closed,"
             "reviews_submitted,comments_posted,issues_created,ci_fixed,deliverables,"
             "deliverable_details,format,productive,grade,inferred_category");
  BOOST_TEST(keys(sig::SignalBuilder(sig::SignalProfile{.format = "codex"}).build()) ==
             "tool_calls,steps,error_count,git_commits,file_writes,journal_paths,"
             "session_duration_s,retry_count,deliverables,deliverable_details,format,productive,"
             "grade,inferred_category");
}

BOOST_AUTO_TEST_CASE(duration_truncates_and_ignores_side_records) {
  sig::SignalBuilder b(gptme_profile());
  b.observe_time(at("2026-03-01T10:00:00"));
  BOOST_TEST(b.build().at("session_duration_s").as_int64() == 0);
  b.observe_time(at("2026-03-01T10:00:05+02:00"));
  BOOST_TEST(b.build().at("session_duration_s").as_int64() == 7195);
  b.observe_time(at("2026-03-01T23:00:00"), false);
  BOOST_TEST(b.build().at("session_duration_s").as_int64() == 7195);

  sig::SignalBuilder c(gptme_profile());
  c.observe_time(at("2026-03-01T10:00:00.900000"));
  c.observe_time(at("2026-03-01T10:00:01.899999"));
  BOOST_TEST(c.build().at("session_duration_s").as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(writes_journals_retries_and_details) {
  sig::SignalBuilder b(gptme_profile());
  b.add_tool_call(write("patch", "src/a.py"));
  b.add_tool_call(write("patch", "src/a.py"));       // retry
  b.add_tool_call(write("save", "src/a.py"));        // other tool: not a retry
  b.add_tool_call(write("save", "/w/journal/x.md")); // journal, not a write
  b.add_tool_call(write("save", "/w/journal/x.md"));
  b.add_tool_call(write("save", "")); // no path: nothing recorded
  const auto out = b.build();
  BOOST_TEST(to_json(out.at("tool_calls")) == R"J({"patch": 2, "save": 4})J");
  BOOST_TEST(to_json(out.at("file_writes")) == R"J(["src/a.py", "src/a.py", "src/a.py"])J");
  BOOST_TEST(to_json(out.at("journal_paths")) == R"J(["/w/journal/x.md"])J");
  BOOST_TEST(out.at("retry_count").as_int64() == 1);
  BOOST_TEST(to_json(out.at("deliverable_details")) ==
             R"J([{"value": "src/a.py", "kind": "file", "provenance_class": "tool_authored", )J"
             R"J("evidence": {"source": "trajectory", "tool_name": "patch"}}])J");
}

BOOST_AUTO_TEST_CASE(retry_window_holds_twenty_signatures) {
  sig::SignalBuilder b(gptme_profile());
  b.add_tool_call(write("save", "f0"));
  for (int i = 1; i <= 20; ++i)
    b.add_tool_call(write("save", "f" + std::to_string(i)));
  b.add_tool_call(write("save", "f0")); // pushed out of the window: not a retry
  BOOST_TEST(b.build().at("retry_count").as_int64() == 0);
  b.add_tool_call(write("save", "f20"));
  BOOST_TEST(b.build().at("retry_count").as_int64() == 1);
}

BOOST_AUTO_TEST_CASE(repeated_call_ids_count_once) {
  sig::SignalBuilder b(claude_profile());
  BOOST_TEST(b.add_tool_call(shell("t1", "ls")));
  BOOST_TEST(!b.add_tool_call(shell("t1", "ls")));
  BOOST_TEST(b.add_tool_call(shell("", "ls")));
  BOOST_TEST(b.add_tool_call(shell("", "ls")));
  BOOST_TEST(b.build().at("tool_calls").at("Bash").as_int64() == 3);
}

BOOST_AUTO_TEST_CASE(tool_timing_splits_parallel_waits) {
  sig::SignalBuilder b(claude_profile());
  BOOST_TEST(to_json(b.build().at("total_tool_time_s")) == "0");
  auto read = shell("r", "");
  read.name = "Read";
  read.kind = sig::ToolKind::other;
  read.dispatched_at = at("2026-03-09T13:02:21.958Z");
  read.batch = "msg1";
  auto bash = shell("b", "git status");
  bash.dispatched_at = at("2026-03-09T13:02:21.958Z");
  bash.batch = "msg1";
  b.add_tool_call(read);
  b.add_tool_call(bash);
  b.add_tool_result({.call_id = "r", .text = "x", .at = at("2026-03-09T13:02:22.104Z")});
  b.add_tool_result({.call_id = "b", .is_error = true, .at = at("2026-03-09T13:02:22.611Z")});
  b.add_tool_result({.call_id = "b", .text = "late", .at = at("2026-03-09T13:03:22.611Z")});
  const auto out = b.build();
  BOOST_TEST(to_json(out.at("tool_time_total")) == R"J({"Read": 0.1, "Bash": 0.3})J");
  BOOST_TEST(to_json(out.at("tool_time_max")) == R"J({"Read": 0.1, "Bash": 0.3})J");
  BOOST_TEST(to_json(out.at("total_tool_time_s")) == "0.4");
  BOOST_TEST(out.at("error_count").as_int64() == 1);
}

BOOST_AUTO_TEST_CASE(shell_results_drive_commits_and_github) {
  sig::SignalBuilder b(claude_profile());
  b.add_tool_call(shell("c1", "git commit -m x && git push && gh pr create --title x"));
  b.add_tool_result(
      {.call_id = "c1", .text = "[fix/x 5d2e8a1] fix: x\nhttps://github.com/acme/proj/pull/128"});
  // The same hash again is not a second commit; a non-shell tool's output is never scanned.
  b.add_tool_call(shell("c2", "git log -1"));
  b.add_tool_result({.call_id = "c2", .text = "[fix/x 5d2e8a1] fix: x"});
  sig::ToolCall read;
  read.name = "Read";
  read.id = "r1";
  b.add_tool_call(read);
  b.add_tool_result({.call_id = "r1", .text = "[main 1234567] not a commit"});
  b.add_tool_call(shell("m1", "gh pr merge 126 --squash"));
  b.add_tool_result({.call_id = "m1", .text = "Squashed and merged pull request #126 (docs)"});
  b.add_tool_call(shell("i1", "gh issue close 137"));
  b.add_tool_result({.call_id = "i1", .is_error = true});
  b.add_tool_call(shell("i2", "gh issue close 138"));
  b.add_tool_result({.call_id = "i2", .text = "Closed"});
  b.add_tool_call(shell("v1", "gh pr review 5 --approve; gh issue comment 6 --body x"));
  b.add_tool_result({.call_id = "v1", .text = "ok"});
  const auto out = b.build();
  BOOST_TEST(to_json(out.at("git_commits")) == R"J(["fix: x (5d2e8a1)"])J");
  BOOST_TEST(to_json(out.at("prs_submitted")) == R"J(["PR #128"])J");
  BOOST_TEST(to_json(out.at("pr_merges")) == R"J(["PR #126"])J");
  BOOST_TEST(out.at("issues_closed").as_int64() == 1);
  BOOST_TEST(out.at("gh_interactions").as_int64() == 4);
  BOOST_TEST(out.at("reviews_submitted").as_int64() == 1);
  BOOST_TEST(out.at("comments_posted").as_int64() == 1);
  BOOST_TEST(out.at("error_count").as_int64() == 1);
  BOOST_TEST(to_json(out.at("deliverables")) == R"J(["fix: x (5d2e8a1)", "merge PR #126"])J");
  BOOST_TEST(to_json(out.at("deliverable_details").as_array().at(1)) ==
             R"J({"value": "merge PR #126", "kind": "pull_request", )J"
             R"J("provenance_class": "session_committed", "evidence": {"source": "trajectory", )J"
             R"J("tool_name": "Bash", "action": "gh_pr_merge"}})J");
}

BOOST_AUTO_TEST_CASE(ci_fix_needs_a_failure_log_and_a_commit) {
  sig::SignalBuilder b(claude_profile());
  b.add_tool_call(shell("t1", "gh run view 4242 --log-failed | tail -20"));
  b.add_tool_result({.call_id = "t1", .text = "FAILED tests/test_io.py"});
  BOOST_TEST(!b.build().at("ci_fixed").as_bool());
  b.add_tool_call(shell("t2", "git commit -am 'fix(io): flush'"));
  b.add_tool_result({.call_id = "t2", .text = "[main 0be71c9] fix(io): flush"});
  BOOST_TEST(b.build().at("ci_fixed").as_bool());
}

BOOST_AUTO_TEST_CASE(external_lookups_add_merge_commits_and_category_files) {
  int merge_calls = 0;
  sig::ExternalLookups lookups;
  lookups.merge_commit = [&](std::string_view repo, std::string_view pr) {
    ++merge_calls;
    BOOST_TEST(repo == "acme/proj");
    BOOST_TEST(pr == "99");
    return std::optional<std::string>(std::string(40, 'c'));
  };
  lookups.committed_files = [](std::string_view) {
    return std::vector<std::string>{"scripts/a.sh"};
  };
  sig::SignalBuilder b(claude_profile(), lookups);
  b.add_tool_call(shell("m1", "gh pr merge --repo acme/proj 99"));
  b.add_tool_result({.call_id = "m1", .text = "Merged pull request #99"});
  const auto out = b.build();
  const std::string merge = "merge-commit (" + std::string(40, 'c') + ")";
  BOOST_TEST(merge_calls == 1);
  BOOST_TEST(to_json(out.at("git_commits")) == "[\"" + merge + "\"]");
  BOOST_TEST(to_json(out.at("deliverable_details").as_array().at(0)) ==
             "{\"value\": \"" + merge +
                 "\", \"kind\": \"merge_commit\", \"provenance_class\": \"server_generated\", "
                 "\"evidence\": {\"source\": \"gh_api\", \"action\": \"gh_pr_merge\"}}");
  BOOST_TEST(!out.at("ci_fixed").as_bool());
}

BOOST_AUTO_TEST_CASE(streamed_snapshots_of_one_response_count_once) {
  sig::SignalBuilder b(claude_profile());
  const sig::TokenCounts first{.input = 3, .output = 10, .cache_read = 100, .cache_creation = 50};
  const sig::TokenCounts last{.input = 3, .output = 196, .cache_read = 100, .cache_creation = 50};
  const sig::TokenCounts other{.input = 4, .output = 20, .cache_read = 300, .cache_creation = 0};
  b.add_usage({.model = "claude-sonnet-4-6", .tokens = first, .response_id = "m1"});
  b.add_usage({.model = "claude-sonnet-4-6", .tokens = last, .response_id = "m1"});
  b.add_usage({.model = "claude-sonnet-4-6", .tokens = first, .response_id = "m1"});
  b.add_usage({.model = "claude-sonnet-4-6", .tokens = other, .response_id = "m2"});
  // A subagent's response adds spend but not the main model or context sizes.
  b.add_usage(
      {.model = "claude-haiku-4-5", .tokens = other, .response_id = "s1", .main_line = false});
  BOOST_TEST(to_json(b.build().at("usage")) ==
             R"J({"model": "claude-sonnet-4-6", "input_tokens": 11, "output_tokens": 236, )J"
             R"J("cache_creation_tokens": 50, "cache_read_tokens": 700, "total_tokens": 997, )J"
             R"J("sys_prompt_tokens": 153, "context_peak_tokens": 304})J");
}

BOOST_AUTO_TEST_CASE(claude_usage_edge_shapes) {
  sig::SignalBuilder none(claude_profile());
  BOOST_TEST(!none.build().contains("usage"));
  // Example F: a model but no usage objects.
  sig::SignalBuilder model_only(claude_profile());
  model_only.add_usage({.model = "claude-opus-4-6"});
  BOOST_TEST(to_json(model_only.build().at("usage")) ==
             R"J({"model": "claude-opus-4-6", "input_tokens": 0, "output_tokens": 0, )J"
             R"J("cache_creation_tokens": 0, "cache_read_tokens": 0, "total_tokens": 0, )J"
             R"J("sys_prompt_tokens": null, "context_peak_tokens": null})J");
  // Final totals override each non-zero counter.
  sig::SignalBuilder final_totals(claude_profile());
  final_totals.add_usage({.tokens = sig::TokenCounts{.input = 1, .output = 2}});
  final_totals.add_final_usage(sig::TokenCounts{.output = 50});
  BOOST_TEST(to_json(final_totals.build().at("usage")) ==
             R"J({"model": null, "input_tokens": 1, "output_tokens": 50, )J"
             R"J("cache_creation_tokens": 0, "cache_read_tokens": 0, "total_tokens": 51, )J"
             R"J("sys_prompt_tokens": 1, "context_peak_tokens": 1})J");
}

BOOST_AUTO_TEST_CASE(gptme_usage_bytes_and_timings) {
  sig::SignalBuilder b(gptme_profile());
  BOOST_TEST(!b.build().contains("usage"));
  BOOST_TEST(!b.build().contains("timings"));
  b.add_message_bytes(sig::MessageRole::system, 100);
  b.add_message_bytes(sig::MessageRole::user, 20);
  b.add_message_bytes(sig::MessageRole::system, 5); // after the first user message
  b.add_message_bytes(sig::MessageRole::assistant, 30);
  b.add_message_bytes(sig::MessageRole::system, 7);
  b.add_message_bytes(sig::MessageRole::assistant, 3);
  b.add_usage({.model = "m1", .tokens = sig::TokenCounts{}, .cost = 0.1});
  b.add_usage({.model = "", .tokens = sig::TokenCounts{.input = 5, .output = 1}, .cost = 0.2});
  b.add_usage({.model = "m2", .tokens = sig::TokenCounts{.input = 2, .cache_read = 9}});
  b.add_timings(100.0, 10.0, std::nullopt);
  b.add_timings(300.0, std::nullopt, std::nullopt);
  const auto out = b.build();
  BOOST_TEST(
      to_json(out.at("usage")) ==
      R"J({"model": "m2", "input_tokens": 7, "output_tokens": 1, "cache_read_tokens": 9, )J"
      R"J("cache_creation_tokens": 0, "cost": 0.30000000000000004, "total_tokens": 17, )J"
      R"J("sys_prompt_tokens": 5, "context_peak_tokens": 11, "sys_prompt_bytes": 100, )J"
      R"J("first_turn_bytes": 125, "context_peak_bytes": 162, "session_total_bytes": 165})J");
  BOOST_TEST(to_json(out.at("timings")) ==
             R"J({"timed_turns": 2, "ttft_ms_avg": 200.0, "ttft_ms_p50": 200.0, )J"
             R"J("gen_ms_total": 10.0})J");
}

BOOST_AUTO_TEST_CASE(gptme_usage_with_bytes_only_has_nulls) {
  sig::SignalBuilder b(gptme_profile());
  b.add_message_bytes(sig::MessageRole::user, 4);
  BOOST_TEST(
      to_json(b.build().at("usage")) ==
      R"J({"model": null, "input_tokens": 0, "output_tokens": 0, "cache_read_tokens": 0, )J"
      R"J("cache_creation_tokens": 0, "cost": 0.0, "total_tokens": 0, )J"
      R"J("sys_prompt_tokens": null, "context_peak_tokens": null, "sys_prompt_bytes": null, )J"
      R"J("first_turn_bytes": 4, "context_peak_bytes": null, "session_total_bytes": 4})J");
}

BOOST_AUTO_TEST_CASE(gptme_commits_are_not_deduplicated) {
  sig::SignalBuilder b(gptme_profile());
  b.add_commits("[main 1234567] a", "shell", false);
  b.add_commits("[main 1234567] a", "shell", false);
  const auto out = b.build();
  BOOST_TEST(to_json(out.at("git_commits")) == R"J(["a (1234567)", "a (1234567)"])J");
  BOOST_TEST(to_json(out.at("deliverables")) == R"J(["a (1234567)"])J");
}

BOOST_AUTO_TEST_SUITE_END()

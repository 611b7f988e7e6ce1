#include "claude_extractor.hpp"
#include "plugin_test_support.hpp"
#include "temp_dir.hpp"

#include <gptme_sessions/core/json_writer.hpp>

#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
namespace fs = std::filesystem;
using gptme_sessions::core::to_json;
using gptme_sessions::core::to_json_pretty;
using gptme_sessions::plugins::harness_claude_code::ClaudeCodeSignalExtractor;
using gptme_sessions::sdk::ExtractError;
using namespace gptme_sessions::testing;

namespace {

const fs::path k_project = "claude-code/-home-user-proj";

json::object extract(const fs::path& path, RecordingContext& context) {
  ClaudeCodeSignalExtractor extractor(context);
  return extractor.extract(path);
}

json::object extract(const fs::path& path) {
  RecordingContext context;
  return extract(path, context);
}

// One assistant line: content blocks as JSON text, optional usage.
std::string assistant(std::string_view ts,
                      std::string_view id,
                      std::string_view blocks,
                      std::string_view usage = "",
                      std::string_view extra = "",
                      std::string_view model = "claude-sonnet-4-6") {
  std::string line = "{\"type\":\"assistant\",\"timestamp\":\"" + std::string(ts) + "\"";
  if (!extra.empty())
    line += "," + std::string(extra);
  line += ",\"message\":{\"role\":\"assistant\",\"model\":\"" + std::string(model) + "\"";
  if (!id.empty())
    line += ",\"id\":\"" + std::string(id) + "\"";
  line += ",\"content\":[" + std::string(blocks) + "]";
  if (!usage.empty())
    line += ",\"usage\":" + std::string(usage);
  return line + "}}\n";
}

std::string tool_use(std::string_view id, std::string_view name, std::string_view input) {
  return "{\"type\":\"tool_use\",\"id\":\"" + std::string(id) + "\",\"name\":\"" +
         std::string(name) + "\",\"input\":" + std::string(input) + "}";
}

std::string results(std::string_view ts, std::string_view blocks, std::string_view extra = "") {
  std::string line = "{\"type\":\"user\",\"timestamp\":\"" + std::string(ts) + "\"";
  if (!extra.empty())
    line += "," + std::string(extra);
  return line + ",\"message\":{\"role\":\"user\",\"content\":[" + std::string(blocks) + "]}}\n";
}

std::string result(std::string_view id, std::string_view content_json, bool error = false) {
  return "{\"type\":\"tool_result\",\"tool_use_id\":\"" + std::string(id) +
         "\",\"content\":" + std::string(content_json) + (error ? ",\"is_error\":true" : "") + "}";
}

std::string usage(int input, int output, int creation, int read) {
  return "{\"input_tokens\":" + std::to_string(input) +
         ",\"output_tokens\":" + std::to_string(output) +
         ",\"cache_creation_input_tokens\":" + std::to_string(creation) +
         ",\"cache_read_input_tokens\":" + std::to_string(read) + "}";
}

} // namespace

BOOST_AUTO_TEST_SUITE(plugins_harness_claude_code_extractor)

BOOST_AUTO_TEST_CASE(fixture_fix_and_pr_matches_the_reference) {
  RecordingContext context;
  const auto out = extract(
      harness_fixtures() / k_project / "7c1e4b2a-9d3f-4e8a-b6c5-2f0a1d9e8b7c.jsonl", context);
  BOOST_TEST(to_json_pretty(out) == expected_signals("claude-code-7c1e4b2a"));
  BOOST_TEST(context.logs.empty(), context.all_logs());
}

BOOST_AUTO_TEST_CASE(fixture_triage_matches_the_reference) {
  const auto out =
      extract(harness_fixtures() / k_project / "d41f8a07-3b6e-4c92-a5d1-8e0f2b7c9a64.jsonl");
  BOOST_TEST(to_json_pretty(out) == expected_signals("claude-code-d41f8a07"));
}

BOOST_AUTO_TEST_CASE(fixture_stub_matches_the_reference) {
  const auto out =
      extract(harness_fixtures() / k_project / "f0e1d2c3-b4a5-4968-8776-655443322110.jsonl");
  BOOST_TEST(to_json_pretty(out) == expected_signals("claude-code-f0e1d2c3"));
}

BOOST_AUTO_TEST_CASE(example_e_ci_fix) {
  TempDir dir;
  write_text(
      dir / "s.jsonl",
      assistant(
          "2026-03-12T10:00:00.000Z",
          "",
          tool_use("t1", "Bash", R"J({"command":"gh run view 4242 --log-failed | tail -20"})J"),
          usage(5, 40, 1000, 0)) +
          results(
              "2026-03-12T10:00:04.000Z",
              result(
                  "t1",
                  R"J("test\tRun pytest\tFAILED tests/test_io.py::test_roundtrip - AssertionError")J")) +
          assistant(
              "2026-03-12T10:01:00.000Z",
              "",
              tool_use(
                  "t2",
                  "Bash",
                  R"J({"command":"git commit -am 'fix(io): flush before close' && git push"})J"),
              usage(5, 30, 0, 1000)) +
          results(
              "2026-03-12T10:01:06.000Z",
              result(
                  "t2",
                  R"J("[main 0be71c9] fix(io): flush before close\n 1 file changed, 1 insertion(+)")J")));
  // object::erase moves the last key into the hole, so copy without the key instead.
  json::object out;
  for (const auto& kv : extract(dir / "s.jsonl"))
    if (kv.key() != "deliverable_details")
      out[kv.key()] = kv.value();
  BOOST_TEST(
      to_json(out) ==
      R"J({"tool_calls": {"Bash": 2}, "steps": 2, "error_count": 0, )J"
      R"J("warning_phrase_count": 1, "git_commits": ["fix(io): flush before close (0be71c9)"], )J"
      R"J("file_writes": [], "journal_paths": [], "session_duration_s": 66, )J"
      R"J("total_tool_time_s": 10.0, "tool_time_total": {"Bash": 10.0}, )J"
      R"J("tool_time_max": {"Bash": 6.0}, "retry_count": 0, "gh_interactions": 0, )J"
      R"J("prs_submitted": [], "pr_merges": [], "issues_closed": 0, "reviews_submitted": 0, )J"
      R"J("comments_posted": 0, "issues_created": 0, "ci_fixed": true, )J"
      R"J("deliverables": ["fix(io): flush before close (0be71c9)"], "format": "claude_code", )J"
      R"J("productive": true, "grade": 0.7, "inferred_category": null, "usage": {"model": )J"
      R"J("claude-sonnet-4-6", "input_tokens": 10, "output_tokens": 70, )J"
      R"J("cache_creation_tokens": 1000, "cache_read_tokens": 1000, "total_tokens": 2080, )J"
      R"J("sys_prompt_tokens": 1005, "context_peak_tokens": 1005}})J");
}

BOOST_AUTO_TEST_CASE(example_f_comment_only_triage) {
  TempDir dir;
  write_text(
      dir / "s.jsonl",
      assistant(
          "2026-03-12T11:00:00.000Z",
          "msg_f1",
          tool_use("a", "Bash", R"J({"command":"gh pr comment 77 --body ok"})J") + "," +
              tool_use("b",
                       "Bash",
                       R"J({"command":"gh api repos/acme/proj/issues/81/comments -f body=x"})J"),
          "",
          "",
          "claude-opus-4-6") +
          results("2026-03-12T11:00:03.000Z",
                  result("a", R"J("https://github.com/acme/proj/pull/77#issuecomment-1")J") + "," +
                      result("b", R"J("{\"id\": 2}")J")) +
          assistant("2026-03-12T11:00:09.000Z",
                    "msg_f2",
                    R"J({"type":"text","text":"done"})J",
                    "",
                    "",
                    "claude-opus-4-6"));
  const auto out = extract(dir / "s.jsonl");
  BOOST_TEST(out.at("gh_interactions").as_int64() == 2);
  BOOST_TEST(out.at("comments_posted").as_int64() == 2);
  BOOST_TEST(out.at("steps").as_int64() == 1);
  BOOST_TEST(to_json(out.at("tool_time_total")) == R"J({"Bash": 3.0})J");
  BOOST_TEST(to_json(out.at("tool_time_max")) == R"J({"Bash": 1.5})J");
  BOOST_TEST(out.at("inferred_category").as_string() == "pm-react");
  BOOST_TEST(out.at("productive").as_bool());
  BOOST_TEST(to_json(out.at("grade")) == "0.55");
  BOOST_TEST(to_json(out.at("usage")) ==
             R"J({"model": "claude-opus-4-6", "input_tokens": 0, "output_tokens": 0, )J"
             R"J("cache_creation_tokens": 0, "cache_read_tokens": 0, "total_tokens": 0, )J"
             R"J("sys_prompt_tokens": null, "context_peak_tokens": null})J");
}

BOOST_AUTO_TEST_CASE(split_block_streaming_counts_one_response_once) {
  TempDir dir;
  // One API response written as three lines (one content block each, usage repeated with a
  // growing output count), then its two results.
  const std::string rid = R"J("requestId":"req_1")J";
  write_text(dir / "s.jsonl",
             assistant("2026-03-12T10:00:00.000Z",
                       "msg_1",
                       R"J({"type":"text","text":"Two."})J",
                       usage(3, 10, 500, 1000),
                       rid) +
                 assistant("2026-03-12T10:00:01.000Z",
                           "msg_1",
                           tool_use("t1", "Bash", R"J({"command":"ls"})J"),
                           usage(3, 50, 500, 1000),
                           rid) +
                 assistant("2026-03-12T10:00:02.000Z",
                           "msg_1",
                           tool_use("t2", "Edit", R"J({"file_path":"/p/a.py"})J"),
                           usage(3, 120, 500, 1000),
                           rid) +
                 results("2026-03-12T10:00:06.000Z",
                         result("t1", R"J("a.py")J") + "," + result("t2", R"J("ok")J")) +
                 assistant("2026-03-12T10:00:08.000Z",
                           "msg_2",
                           R"J({"type":"text","text":"Done."})J",
                           usage(4, 5, 0, 1503),
                           R"J("requestId":"req_2")J"));
  const auto out = extract(dir / "s.jsonl");
  BOOST_TEST(to_json(out.at("tool_calls")) == R"J({"Bash": 1, "Edit": 1})J");
  BOOST_TEST(out.at("steps").as_int64() == 1);
  // The two calls ran in parallel: each gets half of its wait.
  BOOST_TEST(to_json(out.at("tool_time_total")) == R"J({"Bash": 2.5, "Edit": 2.0})J");
  BOOST_TEST(to_json(out.at("usage")) ==
             R"J({"model": "claude-sonnet-4-6", "input_tokens": 7, "output_tokens": 125, )J"
             R"J("cache_creation_tokens": 500, "cache_read_tokens": 2503, "total_tokens": 3135, )J"
             R"J("sys_prompt_tokens": 1503, "context_peak_tokens": 1507})J");
}

BOOST_AUTO_TEST_CASE(cumulative_snapshots_count_each_tool_use_once) {
  TempDir dir;
  const std::string t1 = tool_use("t1", "Write", R"J({"file_path":"/p/a.py"})J");
  const std::string t2 = tool_use("t2", "Write", R"J({"file_path":"/p/b.py"})J");
  write_text(dir / "s.jsonl",
             assistant("2026-03-12T10:00:00.000Z", "msg_1", t1, usage(1, 10, 0, 0)) +
                 assistant("2026-03-12T10:00:01.000Z", "msg_1", t1 + "," + t2, usage(1, 20, 0, 0)));
  const auto out = extract(dir / "s.jsonl");
  BOOST_TEST(to_json(out.at("tool_calls")) == R"J({"Write": 2})J");
  BOOST_TEST(to_json(out.at("file_writes")) == R"J(["/p/a.py", "/p/b.py"])J");
  BOOST_TEST(out.at("retry_count").as_int64() == 0);
  BOOST_TEST(out.at("steps").as_int64() == 1);
  BOOST_TEST(out.at("usage").at("output_tokens").as_int64() == 20);
  BOOST_TEST(out.at("usage").at("total_tokens").as_int64() == 21);
}

BOOST_AUTO_TEST_CASE(subagent_transcripts_are_folded_into_the_parent) {
  TempDir dir;
  const fs::path parent = dir / "proj" / "sess-1.jsonl";
  write_text(parent,
             assistant("2026-03-12T10:00:00.000Z",
                       "msg_p1",
                       tool_use("p1", "Task", R"J({"prompt":"commit it"})J"),
                       usage(2, 10, 100, 0)) +
                 results("2026-03-12T10:00:30.000Z", result("p1", R"J("agent done")J")));
  const std::string side = R"J("isSidechain":true)J";
  write_text(dir / "proj" / "sess-1" / "subagents" / "agent-a1.jsonl",
             assistant("2026-03-12T09:00:00.000Z",
                       "msg_s1",
                       tool_use("s1", "Bash", R"J({"command":"git commit -m 'feat: sub'"})J"),
                       usage(1, 5, 50, 7),
                       side,
                       "claude-haiku-4-5") +
                 results("2026-03-12T11:00:00.000Z",
                         result("s1", R"J("[main abcdef1] feat: sub")J"),
                         side));
  auto out = extract(parent);
  BOOST_TEST(to_json(out.at("tool_calls")) == R"J({"Task": 1, "Bash": 1})J");
  BOOST_TEST(out.at("steps").as_int64() == 2);
  BOOST_TEST(to_json(out.at("git_commits")) == R"J(["feat: sub (abcdef1)"])J");
  // Subagent timestamps do not stretch the parent's duration, nor does its model or context
  // replace the parent's; its tokens are spend of the session.
  BOOST_TEST(out.at("session_duration_s").as_int64() == 30);
  BOOST_TEST(to_json(out.at("usage")) ==
             R"J({"model": "claude-sonnet-4-6", "input_tokens": 3, "output_tokens": 15, )J"
             R"J("cache_creation_tokens": 150, "cache_read_tokens": 7, "total_tokens": 175, )J"
             R"J("sys_prompt_tokens": 102, "context_peak_tokens": 102})J");

  RecordingContext no_subagents;
  no_subagents.settings["subagents"] = "false";
  out = extract(parent, no_subagents);
  BOOST_TEST(to_json(out.at("tool_calls")) == R"J({"Task": 1})J");

  // A subagent file read on its own is its own main line.
  out = extract(dir / "proj" / "sess-1" / "subagents" / "agent-a1.jsonl");
  BOOST_TEST(out.at("session_duration_s").as_int64() == 7200);
  BOOST_TEST(out.at("usage").at("model").as_string() == "claude-haiku-4-5");
}

BOOST_AUTO_TEST_CASE(sidechain_records_stay_off_the_main_line) {
  TempDir dir;
  const std::string side = R"J("isSidechain":true)J";
  write_text(dir / "s.jsonl",
             assistant("2026-03-12T09:00:00.000Z",
                       "msg_s",
                       R"J({"type":"text","text":"side"})J",
                       usage(9, 9, 9000, 9),
                       side,
                       "claude-haiku-4-5") +
                 assistant("2026-03-12T10:00:00.000Z",
                           "msg_m",
                           tool_use("m1", "Write", R"J({"file_path":"/p/a.py"})J"),
                           usage(1, 2, 30, 40)) +
                 results("2026-03-12T10:00:10.000Z", result("m1", R"J("ok")J")));
  const auto out = extract(dir / "s.jsonl");
  BOOST_TEST(out.at("session_duration_s").as_int64() == 10);
  BOOST_TEST(to_json(out.at("usage")) ==
             R"J({"model": "claude-sonnet-4-6", "input_tokens": 10, "output_tokens": 11, )J"
             R"J("cache_creation_tokens": 9030, "cache_read_tokens": 49, "total_tokens": 9100, )J"
             R"J("sys_prompt_tokens": 71, "context_peak_tokens": 71})J");
}

BOOST_AUTO_TEST_CASE(unknown_record_types_and_shapes_are_ignored) {
  TempDir dir;
  write_text(
      dir / "s.jsonl",
      std::string(R"J({"type":"summary","summary":"x","leafUuid":"u"})J") + "\n" +
          R"J({"type":"file-history-snapshot","timestamp":"2026-03-12T10:00:00.000Z","snapshot":{}})J" +
          "\n" +
          R"J({"type":"progress","timestamp":"2026-03-12T10:00:05.000Z","data":{"type":"agent_progress"}})J" +
          "\n" +
          R"J({"type":"assistant","timestamp":"2026-03-12T10:00:06.000Z","message":"oops"})J" +
          "\n" +
          R"J({"type":"assistant","timestamp":"2026-03-12T10:00:07.000Z","message":{"content":"text only"}})J" +
          "\n" + R"J({"type":"user","message":{"content":"a prompt"}})J" + "\n" +
          R"J({"type":"result","timestamp":"2026-03-12T10:00:20.000Z","usage":{"input_tokens":11,"output_tokens":22}})J" +
          "\n");
  RecordingContext context;
  const auto out = extract(dir / "s.jsonl", context);
  BOOST_TEST(to_json(out.at("tool_calls")) == "{}");
  BOOST_TEST(out.at("session_duration_s").as_int64() == 20);
  BOOST_TEST(to_json(out.at("usage")) ==
             R"J({"model": null, "input_tokens": 11, "output_tokens": 22, )J"
             R"J("cache_creation_tokens": 0, "cache_read_tokens": 0, "total_tokens": 33, )J"
             R"J("sys_prompt_tokens": null, "context_peak_tokens": null})J");
  BOOST_TEST(context.logs.empty(), context.all_logs());
}

BOOST_AUTO_TEST_CASE(results_errors_lists_and_background_output) {
  TempDir dir;
  write_text(dir / "bg" / "task.output", "[feat/bg 7654321] feat: from background\n");
  const std::string bg_pointer = "\"Command running in background.\\nOutput is being written to: " +
                                 (dir / "bg" / "task.output").string() + "\"";
  write_text(
      dir / "s.jsonl",
      assistant("2026-03-12T10:00:00.000Z",
                "m1",
                tool_use("a", "Bash", R"J({"command":"make test"})J") + "," +
                    tool_use("b", "Bash", R"J({"command":"git commit -am x"})J") + "," +
                    tool_use("c", "Bash", R"J({"command":"npm run long &"})J") + "," +
                    tool_use("d", "Read", R"J({"file_path":"/p/log"})J")) +
          results("2026-03-12T10:00:05.000Z",
                  result("a",
                         R"J([{"type":"text","text":"[main 1111111] hidden by the error"}])J",
                         true) +
                      "," +
                      result("b",
                             R"J([{"type":"text","text":"[main 2222222] one"},)J"
                             R"J({"type":"image","source":{}},"[main 3333333] two"])J") +
                      "," + result("c", bg_pointer) + "," +
                      result("d", R"J("[main 4444444] only a file's text")J")));
  const auto out = extract(dir / "s.jsonl");
  BOOST_TEST(out.at("error_count").as_int64() == 1);
  BOOST_TEST(to_json(out.at("git_commits")) ==
             R"J(["one {'type': 'image', 'source': {}} [main 3333333] two (2222222)", )J"
             R"J("feat: from background (7654321)"])J");
  BOOST_TEST(to_json(out.at("deliverable_details").as_array().at(1).at("evidence")) ==
             R"J({"source": "trajectory", "tool_name": "Bash", "background": true})J");
}

BOOST_AUTO_TEST_CASE(journal_heredocs_and_writes) {
  TempDir dir;
  const fs::path journal = dir / "w" / "journal" / "2026-03-12" / "session-1005.md";
  write_text(journal, "# notes");
  const std::string cmd = "cat > " + (dir / "w" / "journal").string() +
                          "/$(date +%Y-%m-%d)/session-$(date +%H%M).md << 'EOF'\\nhi\\nEOF";
  write_text(
      dir / "s.jsonl",
      assistant("2026-03-12T10:05:00.000Z",
                "m1",
                tool_use("a", "Bash", "{\"command\":\"" + cmd + "\"}") + "," +
                    tool_use("b", "Write", R"J({"file_path":"/w/journal/2026-03-12/other.md"})J") +
                    "," + tool_use("c", "NotebookEdit", R"J({"notebook_path":"/w/n.ipynb"})J") +
                    "," + tool_use("d", "Edit", R"J({"old_string":"no path"})J")));
  const auto out = extract(dir / "s.jsonl");
  BOOST_TEST(to_json(out.at("journal_paths")) ==
             "[\"" + journal.string() + "\", \"/w/journal/2026-03-12/other.md\"]");
  BOOST_TEST(to_json(out.at("file_writes")) == R"J(["/w/n.ipynb"])J");
}

BOOST_AUTO_TEST_CASE(damaged_input) {
  TempDir dir;
  write_text(
      dir / "s.jsonl",
      assistant("2026-03-12T10:00:00.000Z", "m1", tool_use("a", "Bash", R"J({"command":"ls"})J")) +
          "{\"type\":\"user\",\"x\":\"\xc3\x28\"}\n" +
          assistant(
              "2026-03-12T10:00:01.000Z", "m2", tool_use("b", "Bash", R"J({"command":"ls"})J")) +
          "{\"type\":\"assistant\",\"timestamp\":\"2026-03-12T10:00:0");
  RecordingContext context;
  const auto out = extract(dir / "s.jsonl", context);
  BOOST_TEST(out.at("tool_calls").at("Bash").as_int64() == 2);
  BOOST_TEST(context.logged({"s.jsonl:2:", "UTF-8"}), context.all_logs());
  BOOST_TEST(context.logged({"s.jsonl:4:", "incomplete last line"}), context.all_logs());

  RecordingContext strict;
  strict.settings["strict_utf8"] = "true";
  BOOST_CHECK_THROW(extract(dir / "s.jsonl", strict), ExtractError);
  // Unreadable trajectory: a directory (permissions do not stop root) or a missing file.
  BOOST_CHECK_EXCEPTION(extract(dir.path()), ExtractError, [](const ExtractError& e) {
    return std::string(e.what()).find("is a directory") != std::string::npos;
  });
  BOOST_CHECK_THROW(extract(dir / "missing.jsonl"), ExtractError);
}

BOOST_AUTO_TEST_CASE(detect_claims_claude_code_records) {
  RecordingContext context;
  ClaudeCodeSignalExtractor extractor(context);
  const std::vector<json::value> head{json::parse(R"J({"type": "queue-operation"})J"),
                                      json::parse("[1]"),
                                      json::parse(R"J({"type": "user"})J")};
  BOOST_TEST(extractor.detect(head).value_or(99) == 2u);
  const std::vector<json::value> gptme{json::parse(R"J({"role": "system"})J"),
                                       json::parse(R"J({"type": "user"})J")};
  BOOST_TEST(!extractor.detect(gptme).has_value());
  BOOST_TEST(!extractor.detect({}).has_value());
  BOOST_TEST(extractor.format_name() == "claude_code");
  BOOST_TEST(extractor.harness_name() == "claude-code");
}

BOOST_AUTO_TEST_SUITE_END()

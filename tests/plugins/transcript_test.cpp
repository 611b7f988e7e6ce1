// The judge's transcript excerpt: core::TranscriptWriter (bounding, entry normalisation) and
// SignalExtractor::transcript_excerpt of both harness plugins on the fixtures.
#include "claude_extractor.hpp"
#include "gptme_extractor.hpp"
#include "plugin_test_support.hpp"
#include "temp_dir.hpp"

#include <gptme_sessions/core/judge_prompt.hpp>
#include <gptme_sessions/core/signals/text_patterns.hpp>
#include <gptme_sessions/core/transcript_writer.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

namespace core = gptme_sessions::core;
using gptme_sessions::plugins::harness_claude_code::ClaudeCodeSignalExtractor;
using gptme_sessions::plugins::harness_gptme::GptmeSignalExtractor;
using gptme_sessions::sdk::ExtractError;
using namespace gptme_sessions::testing;

namespace {

std::string gptme_transcript(const std::filesystem::path& path, std::size_t max = 12000) {
  RecordingContext context;
  GptmeSignalExtractor extractor(context);
  return extractor.transcript_excerpt(path, max);
}

std::string claude_transcript(const std::filesystem::path& path, std::size_t max = 12000) {
  RecordingContext context;
  ClaudeCodeSignalExtractor extractor(context);
  return extractor.transcript_excerpt(path, max);
}

std::filesystem::path claude_fixture(std::string_view id) {
  return harness_fixtures() / "claude-code" / "-home-user-proj" / (std::string(id) + ".jsonl");
}

// "Entry <i> é..." lines long enough that a few hundred of them overflow any small budget.
void add_numbered(core::TranscriptWriter& writer, int count) {
  for (int i = 0; i < count; ++i)
    writer.add("user", "Entry " + std::to_string(i) + " \xC3\xA9t\xC3\xA9 caf\xC3\xA9");
}

std::string numbered_whole(int count) {
  core::TranscriptWriter whole(1u << 30);
  add_numbered(whole, count);
  return whole.str();
}

} // namespace

BOOST_AUTO_TEST_SUITE(plugins_transcript)

BOOST_AUTO_TEST_SUITE(writer)

BOOST_AUTO_TEST_CASE(entries_are_single_normalised_lines) {
  core::TranscriptWriter writer(1000, 20);
  writer.add("user", "  Fix the\n\tparser  bug  ");
  writer.add("assistant", "   \n "); // blank: nothing
  writer.add("result[error]", "bad \xFF byte");
  writer.add("tool Bash", "0123456789 0123456789 0123456789");
  writer.add("tool x", "0123456789012345678   "); // exactly at the limit after stripping
  BOOST_TEST(writer.str() == "user: Fix the parser bug\n"
                             "result[error]: bad \xEF\xBF\xBD byte\n"
                             "tool Bash: 0123456789 012345678...\n"
                             "tool x: 0123456789012345678");
  core::TranscriptWriter empty(1000);
  BOOST_TEST(empty.empty());
  BOOST_TEST(empty.str() == "");
}

BOOST_AUTO_TEST_CASE(a_long_transcript_keeps_its_first_third_and_last_two_thirds) {
  const std::string whole = numbered_whole(300);
  const std::size_t total = core::signals::utf8_length(whole);
  for (std::size_t max : {200u, 999u, 1000u, 4001u}) {
    core::TranscriptWriter writer(max);
    add_numbered(writer, 300);
    const std::string out = writer.str();
    // The marker is part of the budget: what is kept is the budget less the longest marker.
    const std::size_t kept = max - core::signals::utf8_length(core::omission_marker(total));
    BOOST_TEST(out == core::head_tail_excerpt(whole, kept));
    BOOST_TEST(core::signals::utf8_length(out) <= max);
    BOOST_TEST(core::signals::utf8_valid(out));
    BOOST_TEST(out.starts_with("user: Entry 0 "));
    BOOST_TEST(out.ends_with("user: Entry 299 \xC3\xA9t\xC3\xA9 caf\xC3\xA9"));
    BOOST_TEST(out.find(" characters omitted ...]\n") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_transcript_that_fits_is_whole) {
  const std::string whole = numbered_whole(10);
  core::TranscriptWriter exact(core::signals::utf8_length(whole));
  add_numbered(exact, 10);
  BOOST_TEST(exact.str() == whole);
  core::TranscriptWriter one_less(core::signals::utf8_length(whole) - 1);
  add_numbered(one_less, 10);
  BOOST_TEST(one_less.str() != whole);
  BOOST_TEST(one_less.str().find("characters omitted") != std::string::npos);
  core::TranscriptWriter tiny(10); // no room even for the marker
  add_numbered(tiny, 10);
  BOOST_TEST(tiny.str() == "");
}

BOOST_AUTO_TEST_CASE(a_huge_entry_is_read_only_up_to_the_entry_limit) {
  core::TranscriptWriter writer(1000);
  writer.add("result", std::string(50'000'000, 'x'));
  const std::string out = writer.str();
  BOOST_TEST(out ==
             "result: " + std::string(core::TranscriptWriter::k_entry_code_points, 'x') + "...");
}

BOOST_AUTO_TEST_CASE(first_content_line_skips_blank_and_fence_lines) {
  BOOST_TEST(core::first_content_line("\n  \n```stdout\nhello\r\nworld") == "hello");
  BOOST_TEST(core::first_content_line("only") == "only");
  BOOST_TEST(core::first_content_line("```\n\n```") == "");
  BOOST_TEST(core::first_content_line("") == "");
}

BOOST_AUTO_TEST_CASE(tool_input_summary_names_the_main_value) {
  auto summary = [](std::string_view json) {
    return core::tool_input_summary(boost::json::parse(json).as_object());
  };
  BOOST_TEST(summary(R"({"description": "d", "command": "ls -la"})") == "ls -la");
  BOOST_TEST(summary(R"({"old_string": "a", "file_path": "/x.py"})") == "/x.py");
  BOOST_TEST(summary(R"({"n": 3, "name": "first string"})") == "first string");
  BOOST_TEST(summary(R"({"n": 3, "flag": true})") == R"({"n": 3, "flag": true})");
  BOOST_TEST(summary("{}") == "{}");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(harness_gptme)

BOOST_AUTO_TEST_CASE(fixture_dancing_blue_fish) {
  const auto dir = harness_fixtures() / "gptme" / "2026-03-07-dancing-blue-fish";
  const std::string expected =
      "user: Add a --verbose flag to the argument parser in src/proj/cli.py, cover it with a "
      "test, and commit.\n"
      "assistant: Let me look at the current parser first.\n"
      "tool shell: sed -n '1,20p' src/proj/cli.py\n"
      "result: import argparse\n"
      "tool patch: src/proj/cli.py\n"
      "result[error]: Error during execution: Patch failed for src/proj/cli.py: original chunk "
      "not found in file\n"
      "assistant: The indentation was off; retrying with four spaces.\n"
      "tool patch: src/proj/cli.py\n"
      "result: Patch successfully applied to `src/proj/cli.py`\n"
      "tool save: tests/test_cli.py\n"
      "result: Saved to tests/test_cli.py\n"
      "tool shell: python -m pytest -q tests/test_cli.py && git add src/proj/cli.py "
      "tests/test_cli.py && git commit -m 'feat(cli): add --verbose flag'\n"
      "result: . [100%]\n"
      "assistant: Added `-v/--verbose`, a test for it, and committed as 3f9c2e1.\n"
      "tool complete: {}\n"
      "result: Task complete. Autonomous session finished.";
  BOOST_TEST(gptme_transcript(dir / "conversation.jsonl") == expected);
  // A log directory stands for its conversation.
  BOOST_TEST(gptme_transcript(dir) == expected);
}

BOOST_AUTO_TEST_CASE(markdown_blocks_and_unanswered_system_messages) {
  TempDir dir;
  write_text(dir / "conversation.jsonl",
             R"({"role": "system", "content": "You are gptme.", "pinned": true})"
             "\n"
             R"({"role": "user", "content": "List the files\nplease"})"
             "\n"
             R"({"role": "assistant", "content": "Listing.\n```shell\nls -la\n```\n"})"
             "\n"
             R"({"role": "system", "content": "Ran command: `ls -la`\n\n```stdout\ntotal 0\n```"})"
             "\n"
             R"({"role": "assistant", "content": "```save notes.md\n# Notes\n```"})"
             "\n"
             R"({"role": "system", "content": "Saved to notes.md"})"
             "\n"
             R"({"role": "system", "content": "[Summarized previous tool outputs]\nmore"})"
             "\n");
  BOOST_TEST(gptme_transcript(dir.path()) == "user: List the files please\n"
                                             "assistant: Listing.\n"
                                             "tool shell: ls -la\n"
                                             "result: total 0\n"
                                             "tool save: notes.md\n"
                                             "result: Saved to notes.md\n"
                                             "system: [Summarized previous tool outputs]");
}

BOOST_AUTO_TEST_CASE(unreadable_trajectories_throw) {
  TempDir dir;
  BOOST_CHECK_THROW(gptme_transcript(dir.path()), ExtractError);
  BOOST_CHECK_THROW(gptme_transcript(dir / "missing.jsonl"), ExtractError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(harness_claude_code)

BOOST_AUTO_TEST_CASE(fixture_7c1e4b2a) {
  const std::string out = claude_transcript(claude_fixture("7c1e4b2a-9d3f-4e8a-b6c5-2f0a1d9e8b7c"));
  BOOST_TEST(
      out.starts_with(
          "user: paginate() drops the last partial page. Fix it, add a regression test, commit on "
          "a branch and open a PR.\n"
          "assistant: I'll read the implementation and check the branch state.\n"
          "tool Read: /home/user/proj/src/paginate.py\n"
          "tool Bash: git status --short && git log --oneline -3\n"
          "result: 1\xE2\x86\x92import math\n"
          "result: 9e1d2c4 refactor: split pagination helpers\n"
          "tool Edit: /home/user/proj/src/paginate.py\n"),
      out);
  BOOST_TEST(out.find("tool Bash: python -m pytest -q tests/test_paginate.py\n"
                      "result[error]: Exit code 1\n"
                      "assistant: The package lives under src/proj; fixing the test's import "
                      "path.\n") != std::string::npos,
             out);
  BOOST_TEST(out.ends_with("result: .. [100%]\n"
                           "assistant: Fixed: `paginate()` now rounds the page count up, so the "
                           "trailing partial page is kept. Regression test added, committed as "
                           "5d2e8a1 on `fix/paginate-last-page`, and opened "
                           "https://github.com/acme/proj/pull/128."),
             out);
}

BOOST_AUTO_TEST_CASE(streamed_lines_sidechains_and_meta_records) {
  TempDir dir;
  const auto file = dir / "s.jsonl";
  write_text(
      file,
      R"({"type": "user", "isMeta": true, "message": {"role": "user", "content": "<caveat>"}})"
      "\n"
      R"({"type": "user", "message": {"role": "user", "content": [{"type": "text", "text": "Go"}]}})"
      "\n"
      // One response in three lines: a cumulative snapshot repeats the text block.
      R"({"type": "assistant", "requestId": "r1", "message": {"id": "m1", "content": [)"
      R"({"type": "thinking", "thinking": "hmm"}, {"type": "text", "text": "Working."}]}})"
      "\n"
      R"({"type": "assistant", "requestId": "r1", "message": {"id": "m1", "content": [)"
      R"({"type": "text", "text": "Working."}, {"type": "tool_use", "id": "t1", "name": "Grep", )"
      R"("input": {"pattern": "TODO"}}]}})"
      "\n"
      R"({"type": "assistant", "requestId": "r1", "message": {"id": "m1", "content": [)"
      R"({"type": "tool_use", "id": "t1", "name": "Grep", "input": {"pattern": "TODO"}}]}})"
      "\n"
      R"({"type": "assistant", "isSidechain": true, "message": {"id": "m2", "content": [)"
      R"({"type": "text", "text": "subagent work"}]}})"
      "\n"
      R"({"type": "user", "message": {"content": [{"type": "tool_result", "tool_use_id": "t1", )"
      R"("is_error": true, "content": [{"type": "text", "text": "\nno matches\nat all"}]}]}})"
      "\n"
      // A new response may say the same thing again: it is written again.
      R"({"type": "assistant", "requestId": "r3", "message": {"id": "m3", "content": [)"
      R"({"type": "text", "text": "Working."}]}})"
      "\n"
      R"({"type": "summary", "summary": "not a message"})"
      "\n");
  BOOST_TEST(claude_transcript(file) == "user: Go\n"
                                        "assistant: Working.\n"
                                        "tool Grep: TODO\n"
                                        "result[error]: no matches\n"
                                        "assistant: Working.");
  // A subagent's own file is all sidechain: its records are its main line.
  const auto sub = dir / "s" / "subagents" / "agent-1.jsonl";
  write_text(sub,
             R"({"type": "assistant", "isSidechain": true, "message": {"id": "m9", "content": [)"
             R"({"type": "text", "text": "subagent work"}]}})"
             "\n");
  BOOST_TEST(claude_transcript(sub) == "assistant: subagent work");
  // The parent's transcript does not fold its subagents in.
  BOOST_TEST(claude_transcript(file).find("subagent") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_long_session_is_bounded) {
  TempDir dir;
  const auto file = dir / "long.jsonl";
  std::string lines;
  for (int i = 0; i < 2000; ++i)
    lines += R"({"type": "user", "message": {"content": "step )" + std::to_string(i) +
             R"( \u00e9"}})"
             "\n";
  write_text(file, lines);
  const std::string out = claude_transcript(file, 3000);
  BOOST_TEST(core::signals::utf8_length(out) <= 3000u);
  BOOST_TEST(out.starts_with("user: step 0 \xC3\xA9\nuser: step 1 \xC3\xA9\n"));
  BOOST_TEST(out.ends_with("\nuser: step 1999 \xC3\xA9"));
  BOOST_TEST(out.find(" characters omitted ...]\n") != std::string::npos);
  BOOST_CHECK_THROW(claude_transcript(dir / "missing.jsonl"), ExtractError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()

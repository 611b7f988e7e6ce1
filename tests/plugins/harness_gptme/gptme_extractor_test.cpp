#include "gptme_extractor.hpp"
#include "plugin_test_support.hpp"
#include "temp_dir.hpp"

#include <gptme_sessions/core/json_writer.hpp>

#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
using gptme_sessions::core::to_json;
using gptme_sessions::core::to_json_pretty;
using gptme_sessions::plugins::harness_gptme::GptmeSignalExtractor;
using gptme_sessions::sdk::ExtractError;
using namespace gptme_sessions::testing;

namespace {

json::object extract(const std::filesystem::path& path, RecordingContext& context) {
  GptmeSignalExtractor extractor(context);
  return extractor.extract(path);
}

json::object extract_text(const TempDir& dir, std::string_view jsonl) {
  write_text(dir / "conversation.jsonl", jsonl);
  RecordingContext context;
  return extract(dir / "conversation.jsonl", context);
}

} // namespace

BOOST_AUTO_TEST_SUITE(plugins_harness_gptme_extractor)

BOOST_AUTO_TEST_CASE(fixture_dancing_blue_fish_matches_the_reference) {
  RecordingContext context;
  const auto out =
      extract(harness_fixtures() / "gptme" / "2026-03-07-dancing-blue-fish" / "conversation.jsonl",
              context);
  BOOST_TEST(to_json_pretty(out) == expected_signals("gptme-dancing-blue-fish"));
  BOOST_TEST(context.logs.empty(), context.all_logs());
}

BOOST_AUTO_TEST_CASE(fixture_quiet_grey_owl_matches_the_reference) {
  RecordingContext context;
  const auto out = extract(
      harness_fixtures() / "gptme" / "2026-03-08-quiet-grey-owl" / "conversation.jsonl", context);
  BOOST_TEST(to_json_pretty(out) == expected_signals("gptme-quiet-grey-owl"));
}

BOOST_AUTO_TEST_CASE(a_directory_stands_for_its_conversation) {
  RecordingContext context;
  const auto out = extract(harness_fixtures() / "gptme" / "2026-03-07-dancing-blue-fish", context);
  BOOST_TEST(to_json_pretty(out) == expected_signals("gptme-dancing-blue-fish"));
  TempDir empty;
  BOOST_CHECK_THROW(extract(empty.path(), context), ExtractError);
  BOOST_CHECK_THROW(extract(empty / "missing.jsonl", context), ExtractError);
}

BOOST_AUTO_TEST_CASE(markdown_tool_calls_count_like_tool_format_calls) {
  TempDir dir;
  const auto out = extract_text(
      dir,
      R"J({"role": "user", "content": "fix it", "timestamp": "2026-03-01T10:00:00"})J"
      "\n"
      R"J({"role": "assistant", "content": "Looking.\n```shell\nls src\n```\n", "timestamp": "2026-03-01T10:00:01"})J"
      "\n"
      R"J({"role": "system", "content": "Ran command: `ls src`\n```stdout\na.py\n```", "timestamp": "2026-03-01T10:00:02"})J"
      "\n"
      R"J({"role": "assistant", "content": "```save src/a.py\nprint(1)\n```\n```save src/a.py\n```python\nprint(2)\n```\n```", "timestamp": "2026-03-01T10:00:03"})J"
      "\n"
      R"J({"role": "assistant", "content": "An example, not run:\n```text\n```shell\nrm -rf /\n```\n```\nand an unfinished one\n```shell\nls", "timestamp": "2026-03-01T10:00:04"})J"
      "\n");
  BOOST_TEST(to_json(out.at("tool_calls")) == R"J({"shell": 1, "save": 2})J");
  BOOST_TEST(out.at("steps").as_int64() == 2);
  BOOST_TEST(to_json(out.at("file_writes")) == R"J(["src/a.py", "src/a.py"])J");
  BOOST_TEST(out.at("retry_count").as_int64() == 1);
}

BOOST_AUTO_TEST_CASE(tool_format_parsing_edges) {
  TempDir dir;
  const auto out = extract_text(
      dir,
      R"J({"role": "assistant", "content": "@shell(c1): {\"command\": \"ls\"}\n@save(c2): {\"path\" : \"a.txt\", \"content\": \"x\"}\n@bogus(): {}\nnot @inline(c3): {}\n@patch(c4) {}\n@write(c5):{\"content\": \"no path\"}", "timestamp": "2026-03-01T10:00:00"})J"
      "\n");
  // @bogus() has no id, "not @inline" is mid-line, @patch lacks the colon.
  BOOST_TEST(to_json(out.at("tool_calls")) == R"J({"shell": 1, "save": 1, "write": 1})J");
  BOOST_TEST(to_json(out.at("file_writes")) == R"J(["a.txt"])J");
  BOOST_TEST(out.at("steps").as_int64() == 1);
}

BOOST_AUTO_TEST_CASE(flat_and_nested_token_fields_are_both_read) {
  TempDir dir;
  const auto out = extract_text(
      dir,
      R"J({"role": "assistant", "content": "a", "timestamp": "2026-03-01T10:00:00", "metadata": {"model": "m-old", "input_tokens": 100, "output_tokens": 10, "cache_read_tokens": 5, "cost": 0.5}})J"
      "\n"
      R"J({"role": "assistant", "content": "b", "timestamp": "2026-03-01T10:00:01", "metadata": {"model": "m-new", "cost": 1, "usage": {"input_tokens": 7, "output_tokens": 3.0, "cache_read_tokens": true, "cache_creation_tokens": 2.5}}})J"
      "\n");
  // Integral floats count, booleans and fractions do not.
  BOOST_TEST(to_json(out.at("usage")) ==
             R"J({"model": "m-new", "input_tokens": 107, "output_tokens": 13, )J"
             R"J("cache_read_tokens": 5, "cache_creation_tokens": 0, "cost": 1.5, )J"
             R"J("total_tokens": 125, "sys_prompt_tokens": 105, "context_peak_tokens": 105, )J"
             R"J("sys_prompt_bytes": null, "first_turn_bytes": null, "context_peak_bytes": 1, )J"
             R"J("session_total_bytes": 2})J");
}

BOOST_AUTO_TEST_CASE(system_message_error_rules) {
  TempDir dir;
  const auto out = extract_text(
      dir,
      R"J({"role": "system", "content": "  Error: boom", "timestamp": "t"})J"
      "\n"
      R"J({"role": "system", "content": "Patch failed. Error during execution: x", "timestamp": "t"})J"
      "\n"
      R"J({"role": "system", "content": "something went wrong: ERROR: disk", "timestamp": "t"})J"
      "\n"
      R"J({"role": "system", "content": "Ran command: `false`\nerror: Return code: 1", "timestamp": "t"})J"
      "\n"
      R"J({"role": "system", "content": "Error without timestamp"})J"
      "\n"
      R"J({"role": "user", "content": "Error: users are never inspected", "timestamp": "t"})J"
      "\n"
      R"J({"role": "system", "content": "[Summarized previous tool outputs]\n- x", "timestamp": "t"})J"
      "\n");
  BOOST_TEST(out.at("error_count").as_int64() == 3);
  BOOST_TEST(out.at("summarizer_fired").as_bool());
  BOOST_TEST(out.at("session_duration_s").as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(commits_come_from_the_first_500_characters) {
  TempDir dir;
  const std::string padding(490, '.');
  const auto out = extract_text(
      dir,
      R"J({"role": "system", "content": "[main 1111111] first\n[main 1111111] first again", "timestamp": "t"})J"
      "\n"
      R"J({"role": "system", "content": ")J" +
          padding +
          R"J([main 2222222] cut off", "timestamp": "t"})J"
          "\n");
  BOOST_TEST(to_json(out.at("git_commits")) == R"J(["first (1111111)", "first again (1111111)"])J");
}

BOOST_AUTO_TEST_CASE(durations_read_naive_timestamps_as_utc) {
  TempDir dir;
  // Spec Example H.
  const auto out = extract_text(
      dir,
      R"J({"role": "user", "content": "a", "timestamp": "2026-03-01T10:00:00"})J"
      "\n"
      R"J({"role": "assistant", "content": "b", "timestamp": "2026-03-01T10:00:05+02:00"})J"
      "\n");
  BOOST_TEST(out.at("session_duration_s").as_int64() == 7195);
}

BOOST_AUTO_TEST_CASE(damaged_lines_warn_and_the_rest_is_used) {
  TempDir dir;
  write_text(dir / "conversation.jsonl",
             "{\"role\": \"assistant\", \"content\": \"@shell(a): {}\", \"timestamp\": \"t\"}\n"
             "{\"role\": \"assistant\", \"content\": \"bad \xff\"}\n"
             "[1, 2]\n"
             "{\"role\": \"assistant\", \"content\": \"@shell(b): {}\", \"timestamp\": \"t\"}\n"
             "{\"role\": \"assistant\", \"content\": \"@shell(c): {}\", \"time");
  RecordingContext context;
  const auto out = extract(dir / "conversation.jsonl", context);
  BOOST_TEST(out.at("tool_calls").at("shell").as_int64() == 2);
  BOOST_TEST(context.logged({"conversation.jsonl:2:", "UTF-8"}), context.all_logs());
  BOOST_TEST(context.logged({"conversation.jsonl:3:", "not a JSON object"}));
  BOOST_TEST(context.logged({"conversation.jsonl:5:", "incomplete last line"}));

  RecordingContext strict;
  strict.settings["strict_utf8"] = "1";
  BOOST_CHECK_EXCEPTION(
      extract(dir / "conversation.jsonl", strict), ExtractError, [](const ExtractError& e) {
        return std::string(e.what()).find("contains non-UTF-8 content") != std::string::npos;
      });
}

BOOST_AUTO_TEST_CASE(empty_and_binary_files_give_empty_signals_and_a_warning) {
  TempDir dir;
  write_text(dir / "conversation.jsonl", "");
  RecordingContext context;
  const auto out = extract(dir / "conversation.jsonl", context);
  BOOST_TEST(to_json(out) ==
             R"J({"tool_calls": {}, "steps": 0, "error_count": 0, "git_commits": [], )J"
             R"J("file_writes": [], "journal_paths": [], "session_duration_s": 0, )J"
             R"J("retry_count": 0, "deliverables": [], "deliverable_details": [], )J"
             R"J("summarizer_fired": false, "format": "gptme", "productive": false, )J"
             R"J("grade": 0.1, "inferred_category": null})J");
  BOOST_TEST(context.logged({"conversation.jsonl: no JSON records"}), context.all_logs());

  std::string binary = "\x7f"
                       "ELF";
  for (int i = 0; i < 2000; ++i)
    binary += static_cast<char>((i * 37) % 256);
  write_text(dir / "binary.jsonl", binary);
  RecordingContext binary_context;
  BOOST_TEST(to_json(extract(dir / "binary.jsonl", binary_context)) == to_json(out));
  BOOST_TEST(binary_context.logged({"binary.jsonl:1:"}), binary_context.all_logs());
  BOOST_TEST(binary_context.logged({"binary.jsonl: no JSON records"}));
}

BOOST_AUTO_TEST_CASE(detect_claims_role_records_and_is_the_fallback) {
  RecordingContext context;
  GptmeSignalExtractor extractor(context);
  const std::vector<json::value> gptme{json::parse(R"J({"x": 1})J"),
                                       json::parse(R"J({"role": "user"})J")};
  BOOST_TEST(extractor.detect(gptme).value_or(99) == 1u);
  const std::vector<json::value> claude{json::parse(R"J({"type": "assistant"})J"),
                                        json::parse(R"J({"role": "user"})J")};
  BOOST_TEST(!extractor.detect(claude).has_value());
  const std::vector<json::value> neither{json::parse("42"), json::parse(R"J({"type": "x"})J")};
  BOOST_TEST(extractor.detect(neither).value_or(99) == 2u);
  BOOST_TEST(extractor.format_name() == "gptme");
  BOOST_TEST(extractor.harness_name() == "gptme");
}

BOOST_AUTO_TEST_SUITE_END()

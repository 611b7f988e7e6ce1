#include <gptme_sessions/core/judge_prompt.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

namespace core = gptme_sessions::core;

namespace {

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (char c : s)
    n += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
  return n;
}

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i)
    out += unit;
  return out;
}

// The body of "## <heading>" up to the blank line before the next heading.
std::string section(const std::string& text, const std::string& heading) {
  auto start = text.find("## " + heading + "\n");
  BOOST_REQUIRE_MESSAGE(start != std::string::npos, "no section " << heading);
  start += heading.size() + 4;
  auto end = text.find("\n\n## ", start);
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

core::SessionRecord sample_record() {
  core::SessionRecord record;
  record.session_id = "abc123";
  record.timestamp = "2026-03-07T10:00:00+00:00";
  record.harness = "claude-code";
  record.model = "claude-sonnet-4-6";
  record.run_type = "autonomous";
  record.category = "code";
  record.outcome = "productive";
  record.exit_code = 0;
  record.duration_seconds = 1800;
  record.deliverables = std::vector<std::string>{"feat: add judge (abc1234)"};
  record.trajectory_grade = 0.6;
  return record;
}

} // namespace

BOOST_AUTO_TEST_SUITE(core_judge_prompt)

BOOST_AUTO_TEST_CASE(system_text_asks_for_a_json_rating) {
  auto system = std::string(core::judge_system_prompt());
  BOOST_TEST(system.find("JSON") != std::string::npos);
  BOOST_TEST(system.find("\"rating\"") != std::string::npos);
  BOOST_TEST(system.find("1 to 5") != std::string::npos);
  auto prompt = core::build_judge_prompt({});
  BOOST_TEST(prompt.system == system);
}

BOOST_AUTO_TEST_CASE(user_text_holds_goals_record_signals_journal_and_rubric) {
  core::JudgePromptInput input;
  input.record = sample_record();
  input.goals = "1. Ship {the} judge\n2. Keep stores compatible";
  input.journal = "Worked on {x} and ${y}.";
  input.signals =
      boost::json::parse(R"j({"git_commits": ["feat: x (abc1234)"], "grade": 0.6})j").as_object();
  auto user = core::build_judge_prompt(input).user;

  BOOST_TEST(section(user, "Agent Goals (ordered by priority)") == input.goals);
  BOOST_TEST(section(user, "Session Journal") == input.journal);
  auto record = section(user, "Session Record");
  BOOST_TEST(record.find("- Session id: abc123\n") != std::string::npos);
  BOOST_TEST(record.find("- Harness: claude-code\n") != std::string::npos);
  BOOST_TEST(record.find("- Outcome: productive\n") != std::string::npos);
  BOOST_TEST(record.find("- Duration: 1800s\n") != std::string::npos);
  BOOST_TEST(record.find("- Trajectory grade: 0.60\n") != std::string::npos);
  BOOST_TEST(record.find("  - feat: add judge (abc1234)") != std::string::npos);
  BOOST_TEST(section(user, "Session Signals") ==
             "Git commits (1):\n  - feat: x (abc1234)\nTrajectory grade: 0.60");
  BOOST_TEST(user.find("## Rating Scale\n5 - ") != std::string::npos);
  BOOST_TEST(user.find("## Transcript Excerpt") == std::string::npos);
  const std::string last = "Reply with only a JSON object: {\"rating\": <integer 1-5>, "
                           "\"reason\": \"<one sentence>\"}";
  BOOST_TEST(user.substr(user.size() - last.size()) == last);
  // Goals come first so a truncating server keeps them.
  BOOST_TEST(user.find("## Agent Goals") == 0u);
}

BOOST_AUTO_TEST_CASE(default_goals_replace_missing_ones) {
  auto goals = std::string(core::default_judge_goals());
  BOOST_TEST(goals.find("1. ") == 0u);
  BOOST_TEST(goals.find("4. ") != std::string::npos);
  core::JudgePromptInput input;
  BOOST_TEST(section(core::build_judge_prompt(input).user, "Agent Goals (ordered by priority)") ==
             goals);
  input.goals = " \n\t";
  BOOST_TEST(section(core::build_judge_prompt(input).user, "Agent Goals (ordered by priority)") ==
             goals);
}

BOOST_AUTO_TEST_CASE(journal_is_cut_at_4000_code_points) {
  core::JudgePromptInput input;
  input.journal = repeat("é", 3999) + "XYZ" + "tail";
  auto journal = section(core::build_judge_prompt(input).user, "Session Journal");
  BOOST_TEST(journal == repeat("é", 3999) + "X");
}

BOOST_AUTO_TEST_CASE(no_journal_and_no_transcript_is_an_empty_session) {
  auto user = core::build_judge_prompt({}).user;
  BOOST_TEST(section(user, "Session Journal") == "(empty session)");
  BOOST_TEST(section(user, "Session Signals") == "(no signal data)");
}

BOOST_AUTO_TEST_CASE(transcript_excerpt_keeps_head_and_tail) {
  core::JudgePromptInput input;
  input.transcript = "START" + repeat("a", 10000) + repeat("b", 10000) + "END";
  auto user = core::build_judge_prompt(input).user;
  BOOST_TEST(user.find("## Session Journal") == std::string::npos);
  auto excerpt = section(user, "Transcript Excerpt");
  BOOST_TEST(excerpt.find("START") == 0u);
  BOOST_TEST(excerpt.substr(excerpt.size() - 3) == "END");
  BOOST_TEST(excerpt.find("\n[... 8008 characters omitted ...]\n") != std::string::npos);
  BOOST_TEST(code_points(excerpt) ==
             12000u + std::string("\n[... 8008 characters omitted ...]\n").size());
}

BOOST_AUTO_TEST_CASE(journal_and_transcript_both_appear_when_given) {
  core::JudgePromptInput input;
  input.journal = "journal text";
  input.transcript = "short transcript";
  auto user = core::build_judge_prompt(input).user;
  BOOST_TEST(section(user, "Session Journal") == "journal text");
  BOOST_TEST(section(user, "Transcript Excerpt") == "short transcript");
}

BOOST_AUTO_TEST_CASE(head_tail_excerpt_respects_code_points) {
  BOOST_TEST(core::head_tail_excerpt("short", 10) == "short");
  auto cut = core::head_tail_excerpt(repeat("é", 30), 9);
  BOOST_TEST(cut == repeat("é", 3) + "\n[... 21 characters omitted ...]\n" + repeat("é", 6));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_becomes_replacement_characters) {
  BOOST_TEST(core::sanitize_utf8("ok\xff\xfe!") == "ok\xEF\xBF\xBD\xEF\xBF\xBD!");
  BOOST_TEST(core::sanitize_utf8("\xC3") == "\xEF\xBF\xBD");                 // truncated
  BOOST_TEST(core::sanitize_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD"); // overlong
  BOOST_TEST(core::sanitize_utf8("\xED\xA0\x80") ==
             "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // surrogate
  BOOST_TEST(core::sanitize_utf8("é€😀") == "é€😀");
  core::JudgePromptInput input;
  input.journal = "bad \xff byte";
  BOOST_TEST(section(core::build_judge_prompt(input).user, "Session Journal") ==
             "bad \xEF\xBF\xBD byte");
}

BOOST_AUTO_TEST_CASE(truncate_never_splits_a_code_point) {
  BOOST_TEST(core::truncate_code_points("aé€b", 3) == "aé€");
  BOOST_TEST(core::truncate_code_points("aé€b", 0) == "");
  BOOST_TEST(core::truncate_code_points("ab", 10) == "ab");
}

BOOST_AUTO_TEST_CASE(signals_summary_matches_the_reference_lines) {
  auto signals = boost::json::parse(R"j({
    "tool_calls": {"shell": 3, "save": 5, "patch": 3, "read": 1, "browser": 1, "ipython": 2},
    "git_commits": ["feat: x (abc1234)"],
    "file_writes": ["a.py", "b.py", "a.py"],
    "error_count": 2, "retry_count": 0, "grade": 0.6, "session_duration_s": 120})j")
                     .as_object();
  BOOST_TEST(core::summarize_signals(signals) ==
             "Git commits (1):\n  - feat: x (abc1234)\n"
             "Files written (2 unique):\n  - a.py\n  - b.py\n"
             "Tool calls: 15 total (save:5, shell:3, patch:3, ipython:2, read:1)\n"
             "Trajectory grade: 0.60\n"
             "Errors: 2\n"
             "Duration: 120s\n");
  BOOST_TEST(core::summarize_signals({}) == "(no signal data)\n");
}

BOOST_AUTO_TEST_CASE(lists_and_fields_are_bounded) {
  boost::json::array commits;
  for (int i = 0; i < 25; ++i)
    commits.push_back(boost::json::value("commit " + std::to_string(i)));
  boost::json::object signals{{"git_commits", commits}};
  auto summary = core::summarize_signals(signals);
  BOOST_TEST(summary.find("Git commits (25):") == 0u);
  BOOST_TEST(summary.find("  - commit 9\n") != std::string::npos);
  BOOST_TEST(summary.find("commit 10\n") == std::string::npos);
  BOOST_TEST(summary.find("  - ... 15 more\n") != std::string::npos);

  core::SessionRecord record;
  record.session_id = "s";
  record.error = "line one\nline two " + std::string(1000, 'e');
  auto text = core::summarize_record(record);
  auto error_line = text.substr(text.find("- Error: "));
  error_line = error_line.substr(0, error_line.find('\n'));
  BOOST_TEST(error_line.find("line one line two") != std::string::npos);
  BOOST_TEST(code_points(error_line) == std::string("- Error: ").size() + 300 + 3);
}

BOOST_AUTO_TEST_CASE(signals_prompt_sends_the_signals_summary_as_the_journal) {
  // Judge spec §10 case 11: the journal text of `signals --llm-judge`.
  core::JudgePromptInput input;
  input.record.category = "code";
  input.journal = "not read";
  input.signals = boost::json::parse(
                      R"j({"git_commits": ["feat: x (abc1234)"], "grade": 0.6,
                           "session_duration_s": 120, "error_count": 0})j")
                      .as_object();
  auto user = core::build_signals_judge_prompt(input).user;
  BOOST_TEST(section(user, "Session Journal") ==
             "Git commits (1):\n  - feat: x (abc1234)\nTrajectory grade: 0.60\nDuration: 120s");
  // Said once: the journal is the signals summary.
  BOOST_TEST(user.find("## Session Signals") == std::string::npos);
  BOOST_TEST(user.find("not read") == std::string::npos);
  BOOST_TEST(section(user, "Session Record").find("- Category: code") != std::string::npos);
  BOOST_TEST(core::build_signals_judge_prompt(input).system ==
             std::string(core::judge_system_prompt()));

  input.signals = {};
  BOOST_TEST(section(core::build_signals_judge_prompt(input).user, "Session Journal") ==
             "(no signal data)");
  // A transcript goes next to it, as for stored sessions.
  input.transcript = "user: add x";
  user = core::build_signals_judge_prompt(input).user;
  BOOST_TEST(section(user, "Session Journal") == "(no signal data)");
  BOOST_TEST(section(user, "Transcript Excerpt") == "user: add x");
}

BOOST_AUTO_TEST_CASE(the_whole_prompt_stays_bounded) {
  core::JudgePromptInput input;
  input.goals = repeat("g", 100000);
  input.journal = repeat("j", 100000);
  input.transcript = repeat("t", 100000);
  input.record.session_id = repeat("i", 100000);
  boost::json::array files;
  for (int i = 0; i < 1000; ++i)
    files.push_back(boost::json::value(repeat("f", 1000) + std::to_string(i)));
  input.signals = boost::json::object{{"file_writes", files}, {"git_commits", files}};
  auto prompt = core::build_judge_prompt(input);
  BOOST_TEST(code_points(prompt.user) < 30000u);
}

BOOST_AUTO_TEST_SUITE_END()

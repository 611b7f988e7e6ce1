// `judge` without a model server: option validation, selection, and the helpers `judge` and
// `post-session --judge` share (signals, judge input, write-back). The end-to-end runs against
// a 127.0.0.1 server are in tests/plugins_judge/judge_command_cli_test.cpp.
#include "commands/judge_sessions.hpp"
#include "judge_store_lines.hpp"
#include "run_process.hpp"
#include "temp_dir.hpp"

#include <gptme_sessions/core/judge_prompt.hpp>
#include <gptme_sessions/core/session_store.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace fs = std::filesystem;
namespace json = boost::json;
namespace sdk = gptme_sessions::sdk;
namespace core = gptme_sessions::core;
namespace host = gptme_sessions::host;
using gptme_sessions::testing::ProcessOptions;
using gptme_sessions::testing::ProcessResult;
using gptme_sessions::testing::record_line;
using gptme_sessions::testing::run_process;
using gptme_sessions::testing::stored;
using gptme_sessions::testing::TempDir;

namespace {

const std::string k_exe = GPTME_SESSIONS_HOST_EXE;

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A store and a home; no plugins, no judge configuration (nothing here reaches a judge).
struct LocalEnv {
  TempDir home;
  fs::path store = home / "sessions" / "session-records.jsonl";

  ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {k_exe, "judge"});
    ProcessOptions options;
    options.env = {{"HOME", home.path().string()},
                   {"XDG_DATA_HOME", (home / "data").string()},
                   {"GPTME_SESSIONS_DIR", (home / "sessions").string()},
                   {"GPTME_SESSIONS_SYSTEM_PLUGIN_PATH", ""},
                   {"GPTME_SESSIONS_PLUGIN_PATH", std::nullopt}};
    options.cwd = home.path().string();
    return run_process(args, options);
  }
};

class FakeExtractor final : public sdk::SignalExtractor {
public:
  FakeExtractor(std::string format, std::optional<std::size_t> index, bool throws = false)
      : m_format(std::move(format)), m_index(index), m_throws(throws) {}
  std::string_view format_name() const override { return m_format; }
  std::string_view harness_name() const override { return m_format; }
  std::optional<std::size_t> detect(std::span<const json::value>) const override { return m_index; }
  json::object extract(const fs::path&) override {
    if (m_throws)
      throw sdk::ExtractError("unreadable");
    return json::object{{"format", m_format}, {"grade", 0.6}};
  }

private:
  std::string m_format;
  std::optional<std::size_t> m_index;
  bool m_throws;
};

} // namespace

BOOST_AUTO_TEST_SUITE(host_commands_judge)

BOOST_AUTO_TEST_CASE(nothing_to_judge) {
  LocalEnv t;
  write_file(t.store, record_line("1aaaaaaa", ", \"llm_judge_score\": 0.5"));
  const auto before = read_text(t.store);
  auto r = t.run({"--update-store"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.err == "No unjudged sessions to judge (use --rejudge to score judged sessions "
                      "again).\n");
  BOOST_TEST(r.out == "");
  BOOST_TEST(read_text(t.store) == before);
  auto json_run = t.run({"--json", "--since", "all"});
  BOOST_TEST(json_run.exit_code == 0, json_run.err);
  BOOST_TEST(json_run.out == "[]\n");
  // An empty store is not an error either.
  fs::remove(t.store);
  BOOST_TEST(t.run({}).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(usage_errors) {
  LocalEnv t;
  write_file(t.store, record_line("1aaaaaaa"));
  auto check = [&](std::vector<std::string> args, const std::string& message) {
    auto r = t.run(std::move(args));
    BOOST_TEST(r.exit_code == 2, message);
    BOOST_TEST(r.err.find("Error: " + message) != std::string::npos, r.err);
  };
  check({"--last", "0"}, "--last must be a positive integer (got 0 or negative)");
  check({"--goals", "a", "--goals-file", "b"}, "--goals and --goals-file are mutually exclusive");
  check({"--session", "1a", "--last", "2"}, "--session cannot be combined with --last or --since");
  check({"--concurrency", "0"}, "Invalid value for '--concurrency': 0 is not in the range x>=1.");
  check({"--concurrency", "17"},
        "Invalid value for '--concurrency': 17 is not in the range 1<=x<=16.");
  check({"--goals-file", "missing.md"},
        "Invalid value for '--goals-file': File 'missing.md' does not exist or is not a file.");
  auto unknown = t.run({"--session", "zzz"});
  BOOST_TEST(unknown.exit_code == 1);
  BOOST_TEST(unknown.err.find("No session found with ID prefix 'zzz'") != std::string::npos);
  auto bad_since = t.run({"--since", "soon"});
  BOOST_TEST(bad_since.exit_code == 2);
  BOOST_TEST(bad_since.err.find("Invalid value for '--since'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(judge_input_carries_signals_journal_and_the_shared_prompt) {
  TempDir dir;
  write_file(dir / "t.jsonl", "{}\n");
  write_file(dir / "j.md", "journal body");
  core::SessionRecord record;
  record.session_id = "abc";
  record.trajectory_path = (dir / "t.jsonl").string();
  record.journal_path = (dir / "j.md").string();
  FakeExtractor other("other", std::nullopt), gptme("gptme", 0);
  host::SignalExtraction signals({&other, &gptme}, "none loaded");
  host::JudgeRunOptions options;
  options.goals = "my goals";
  options.model = "m1";
  auto input = host::make_judge_input(record, &signals, options);
  BOOST_TEST(input.model == "m1");
  BOOST_TEST(input.journal == "journal body");
  BOOST_TEST(input.signals.at("grade").as_double() == 0.6);
  BOOST_TEST(input.system_prompt == std::string(core::judge_system_prompt()));
  BOOST_TEST(input.user_prompt.find("## Session Signals\nTrajectory grade: 0.60") !=
             std::string::npos);
  BOOST_TEST(input.user_prompt.find("## Session Journal\njournal body") != std::string::npos);
  BOOST_TEST(input.user_prompt.find("my goals") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unreadable_signals_and_journals_are_left_out) {
  TempDir dir;
  write_file(dir / "t.jsonl", "{}\n");
  core::SessionRecord record;
  record.session_id = "abc";
  record.trajectory_path = (dir / "t.jsonl").string();
  record.journal_path = (dir / "missing.md").string();
  FakeExtractor broken("gptme", 0, true);
  host::SignalExtraction signals({&broken}, "none loaded");
  auto input = host::make_judge_input(record, &signals, {});
  BOOST_TEST(input.signals.empty());
  BOOST_TEST(input.journal.empty());
  BOOST_TEST(input.user_prompt.find("## Session Signals\n(no signal data)") != std::string::npos);
  BOOST_TEST(input.user_prompt.find("## Session Journal\n(empty session)") != std::string::npos);
  BOOST_TEST(input.model.empty());
  // No extraction at all (no trajectory recorded) is fine too.
  record.trajectory_path.reset();
  BOOST_TEST(host::make_judge_input(record, nullptr, {}).signals.empty());
}

BOOST_AUTO_TEST_CASE(trajectory_judge_input_sends_the_signals_summary_as_the_journal) {
  TempDir dir;
  write_file(dir / "t.jsonl", "{}\n");
  FakeExtractor gptme("gptme", 0);
  const auto signals = json::parse(R"j({"git_commits": ["feat: x (abc1234)"], "grade": 0.6,
      "session_duration_s": 120, "inferred_category": "infrastructure",
      "usage": {"model": "anthropic/claude-sonnet-4-6"}})j")
                           .as_object();
  host::JudgeRunOptions options;
  options.goals = "my goals";
  options.model = "m1";
  auto input = host::make_trajectory_judge_input(
      gptme, dir / "t.jsonl", signals, std::string("code"), options);
  BOOST_TEST(input.journal ==
             "Git commits (1):\n  - feat: x (abc1234)\nTrajectory grade: 0.60\nDuration: 120s");
  BOOST_TEST(input.user_prompt.find("## Session Journal\n" + input.journal + "\n\n## ") !=
             std::string::npos);
  BOOST_TEST(input.user_prompt.find("## Session Signals") == std::string::npos);
  BOOST_TEST(input.user_prompt.find("my goals") != std::string::npos);
  BOOST_TEST(input.system_prompt == std::string(core::judge_system_prompt()));
  BOOST_TEST(input.signals == signals);
  BOOST_TEST(input.model == "m1");
  BOOST_TEST(*input.record.category == "code");
  BOOST_TEST(*input.record.harness == "gptme");
  BOOST_TEST(*input.record.model == "anthropic/claude-sonnet-4-6");
  BOOST_TEST(*input.record.trajectory_path == (dir / "t.jsonl").string());
  BOOST_TEST(input.user_prompt.find("- Category: code\n") != std::string::npos);
  // No stored record: nothing the trajectory does not tell is claimed ("unknown" outcome...).
  BOOST_TEST(input.user_prompt.find("unknown") == std::string::npos);
  BOOST_TEST(input.user_prompt.find("- Session id:") == std::string::npos);

  // Without --category, the category the signals inferred.
  auto inferred = host::make_trajectory_judge_input(gptme, dir / "t.jsonl", signals, {}, {});
  BOOST_TEST(*inferred.record.category == "infrastructure");
  BOOST_TEST(inferred.model.empty());

  auto empty = host::make_trajectory_judge_input(gptme, dir / "t.jsonl", {}, {}, {});
  BOOST_TEST(empty.journal == "(no signal data)");
  BOOST_TEST(empty.user_prompt.find("## Session Journal\n(no signal data)\n\n## ") !=
             std::string::npos);
  BOOST_TEST(!empty.record.category);
  BOOST_TEST(!empty.record.model);
}

BOOST_AUTO_TEST_CASE(verdicts_and_errors_on_records) {
  core::SessionRecord record;
  record.extra_fields["llm_judge_error"] = "timeout: old";
  record.extra_fields["custom"] = 1;
  host::apply_verdict(record, sdk::JudgeVerdict{4, 0.75, "Good", "m"});
  BOOST_TEST(*record.llm_judge_score == 0.75);
  BOOST_TEST(*record.llm_judge_reason == "Good");
  BOOST_TEST(*record.llm_judge_model == "m");
  BOOST_TEST(record.grades.at("alignment").as_double() == 0.75);
  BOOST_TEST(record.grade_reasons.at("alignment").as_string() == "Good");
  BOOST_TEST(record.extra_fields.at("llm_judge_rating").as_int64() == 4);
  BOOST_TEST(!record.extra_fields.contains("llm_judge_error"));
  BOOST_TEST(record.extra_fields.begin()->key() == "custom"); // order kept

  host::apply_judge_error(record, sdk::JudgeError{sdk::JudgeErrorKind::timeout, "slow"});
  BOOST_TEST(record.extra_fields.at("llm_judge_error").as_string() == "timeout: slow");
  BOOST_TEST(*record.llm_judge_score == 0.75);
}

BOOST_AUTO_TEST_CASE(an_unavailable_judge_leaves_the_store_alone) {
  TempDir dir;
  write_file(dir / "session-records.jsonl", record_line("1aaaaaaa"));
  const auto before = read_text(dir / "session-records.jsonl");
  core::SessionStore store(dir.path());
  std::vector<host::JudgeOutcome> outcomes{
      {"1aaaaaaa", sdk::JudgeError{sdk::JudgeErrorKind::unavailable, "no key"}}};
  BOOST_TEST(host::write_judge_outcomes(store, outcomes) == 0u);
  BOOST_TEST(read_text(dir / "session-records.jsonl") == before);

  outcomes.push_back({"1aaaaaaa", sdk::JudgeVerdict{2, 0.25, "meh", "m"}});
  outcomes.push_back({"unknown", sdk::JudgeVerdict{5, 1.0, "x", "m"}});
  BOOST_TEST(host::write_judge_outcomes(store, outcomes) == 1u);
  BOOST_TEST(stored(dir / "session-records.jsonl").at("1aaaaaaa").at("llm_judge_rating") == 2);
}

BOOST_AUTO_TEST_SUITE_END()

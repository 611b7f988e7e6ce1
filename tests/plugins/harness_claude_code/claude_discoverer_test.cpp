#include "claude_discoverer.hpp"
#include "plugin_test_support.hpp"
#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <map>

namespace fs = std::filesystem;
using namespace gptme_sessions::plugins::harness_claude_code;
using namespace gptme_sessions::testing;

namespace {

// A session file of at least the stub size: the given head lines, then padding records.
std::string session_text(std::string head) {
  while (head.size() < 4200)
    head += R"J({"type":"file-history-snapshot","snapshot":{"note":"padding padding padding"}})J"
            "\n";
  return head;
}

std::string names(const std::vector<gptme_sessions::sdk::DiscoveredSession>& sessions) {
  std::string out;
  for (const auto& s : sessions)
    out += s.session_date + ":" + s.session_name.value_or("?") + ";";
  return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(plugins_harness_claude_code_discoverer)

BOOST_AUTO_TEST_CASE(finds_the_fixture_sessions_under_home) {
  TempDir home;
  const fs::path projects = home / ".claude/projects";
  copy_tree(harness_fixtures() / "claude-code", projects);
  RecordingContext context;
  ClaudeCodeDiscoverer discoverer(context, env_of({}));
  const auto sessions = discoverer.discover(window(home.path(), "2025-11-24", "2026-11-24"));
  // The 1089-byte stub is below the 4096-byte threshold.
  BOOST_REQUIRE(sessions.size() == 2u);
  const auto& fix = sessions[0];
  BOOST_TEST(fix.harness == "claude-code");
  BOOST_TEST(fix.path ==
             projects / "-home-user-proj" / "7c1e4b2a-9d3f-4e8a-b6c5-2f0a1d9e8b7c.jsonl");
  BOOST_TEST(fix.session_date == "2026-03-09");
  BOOST_TEST(fix.start_time.value_or("") == "2026-03-09T13:02:17.412000+00:00");
  BOOST_TEST(fix.session_name.value_or("") == "7c1e4b2a");
  BOOST_TEST(fix.project.value_or("") == "/home/user/proj");
  BOOST_TEST(fix.model.value_or("") == "claude-sonnet-4-6");
  BOOST_TEST(fix.related_files.empty());
  const auto& triage = sessions[1];
  BOOST_TEST(triage.session_date == "2026-03-10");
  BOOST_TEST(triage.start_time.value_or("") == "2026-03-10T07:30:04.880000+00:00");
  BOOST_TEST(triage.session_name.value_or("") == "d41f8a07");
  BOOST_TEST(triage.model.value_or("") == "claude-opus-4-6");
  BOOST_TEST(context.logs.empty(), context.all_logs());

  BOOST_TEST(names(discoverer.discover(window(home.path(), "2026-03-10", "2026-03-10"))) ==
             "2026-03-10:d41f8a07;");
}

BOOST_AUTO_TEST_CASE(roots_from_the_environment_are_deduplicated) {
  TempDir home;
  write_text(home / "a/projects/-x/aaaaaaaa-1.jsonl",
             session_text(R"J({"type":"user","timestamp":"2026-02-01T10:00:00Z","cwd":"/x"})J"
                          "\n"));
  write_text(home / "b/projects/-y/bbbbbbbb-1.jsonl",
             session_text(R"J({"type":"user","timestamp":"2026-02-02T10:00:00Z","cwd":"/y"})J"
                          "\n"));
  write_text(home / ".claude/projects/-z/cccccccc-1.jsonl",
             session_text(R"J({"type":"user","timestamp":"2026-02-03T10:00:00Z","cwd":"/z"})J"
                          "\n"));
  write_text(home / ".config/claude/projects/-w/dddddddd-1.jsonl",
             session_text(R"J({"type":"user","timestamp":"2026-02-04T10:00:00Z","cwd":"/w"})J"
                          "\n"));
  fs::create_directory_symlink(home / "a", home / "a-link");
  RecordingContext context;
  const auto discover = [&](std::map<std::string, std::string> env) {
    ClaudeCodeDiscoverer discoverer(context, env_of(std::move(env)));
    return names(discoverer.discover(window(home.path(), "2026-01-01", "2026-12-31")));
  };
  BOOST_TEST(discover({}) == "2026-02-03:cccccccc;2026-02-04:dddddddd;");
  BOOST_TEST(discover({{"CLAUDE_CONFIG_DIR",
                        (home / "b").string() + ", " + (home / "a").string() + "," +
                            (home / "a-link").string() + ",,"}}) ==
             "2026-02-01:aaaaaaaa;2026-02-02:bbbbbbbb;");
  BOOST_TEST(discover({{"CLAUDE_HOME", (home / "a").string()}}) == "2026-02-01:aaaaaaaa;");
  // Without a home directory nothing relative to the working directory is searched.
  BOOST_TEST(claude_project_roots(env_of({}), fs::path()).empty());
  BOOST_TEST(
      claude_project_roots(
          env_of({{"CLAUDE_CONFIG_DIR", (home / "a").string() + "," + (home / "a-link").string()}}),
          home.path())
          .size() == 1u);
}

BOOST_AUTO_TEST_CASE(project_comes_from_cwd_not_the_lossy_directory_name) {
  TempDir home;
  const fs::path projects = home / ".claude/projects";
  // "/home/bob/my-proj" is encoded as "-home-bob-my-proj", which decodes to /home/bob/my/proj.
  write_text(projects / "-home-bob-my-proj/11111111-a.jsonl",
             session_text(
                 R"J({"type":"summary","summary":"s"})J"
                 "\n"
                 R"J({"type":"user","timestamp":"2026-02-01T10:00:00Z"})J"
                 "\n"
                 R"J({"type":"user","cwd":"/home/bob/my-proj","timestamp":"2026-02-01T10:00:01Z"})J"
                 "\n"));
  write_text(projects / "-home-bob-my-proj/22222222-b.jsonl",
             session_text(R"J({"type":"user","timestamp":"2026-02-01T11:00:00Z"})J"
                          "\n"));
  RecordingContext context;
  ClaudeCodeDiscoverer discoverer(context, env_of({}));
  const auto sessions = discoverer.discover(window(home.path(), "2026-01-01", "2026-12-31"));
  BOOST_REQUIRE(sessions.size() == 2u);
  BOOST_TEST(sessions[0].project.value_or("") == "/home/bob/my-proj");
  BOOST_TEST(sessions[1].project.value_or("") == "/home/bob/my/proj");
}

BOOST_AUTO_TEST_CASE(model_scan_skips_sentinels_and_stops_after_fifty_lines) {
  TempDir home;
  const fs::path project = home / ".claude/projects/-p";
  const std::string user = R"J({"type":"user","cwd":"/p","timestamp":"2026-02-01T10:00:00Z"})J"
                           "\n";
  const std::string synthetic =
      R"J({"type":"assistant","message":{"role":"assistant","model":"<synthetic>"}})J"
      "\n";
  const std::string real =
      R"J({"type":"assistant","message":{"role":"assistant","model":"claude-opus-4-6"}})J"
      "\n";
  write_text(project / "aaaaaaaa.jsonl", session_text(user + synthetic + real));
  std::string late = user;
  for (int i = 0; i < 50; ++i)
    late += R"J({"type":"progress"})J"
            "\n";
  write_text(project / "bbbbbbbb.jsonl", session_text(late + real));
  RecordingContext context;
  ClaudeCodeDiscoverer discoverer(context, env_of({}));
  const auto sessions = discoverer.discover(window(home.path(), "2026-01-01", "2026-12-31"));
  BOOST_REQUIRE(sessions.size() == 2u);
  BOOST_TEST(sessions[0].model.value_or("") == "claude-opus-4-6");
  BOOST_TEST(!sessions[1].model.has_value());
}

BOOST_AUTO_TEST_CASE(subagents_are_related_files_not_sessions) {
  TempDir home;
  const fs::path project = home / ".claude/projects/-p";
  write_text(project / "0123abcd-main.jsonl",
             session_text(R"J({"type":"user","cwd":"/p","timestamp":"2026-02-01T10:00:00Z"})J"
                          "\n"));
  write_text(
      project / "0123abcd-main/subagents/agent-b.jsonl",
      session_text(R"J({"type":"user","isSidechain":true,"timestamp":"2026-02-01T10:01:00Z"})J"
                   "\n"));
  write_text(project / "0123abcd-main/subagents/agent-a.jsonl", "{}\n");
  write_text(project / "0123abcd-main/subagents/notes.txt", "x");
  RecordingContext context;
  ClaudeCodeDiscoverer discoverer(context, env_of({}));
  const auto sessions = discoverer.discover(window(home.path(), "2026-01-01", "2026-12-31"));
  BOOST_REQUIRE(sessions.size() == 1u);
  BOOST_TEST(sessions[0].session_name.value_or("") == "0123abcd");
  BOOST_REQUIRE(sessions[0].related_files.size() == 2u);
  BOOST_TEST(sessions[0].related_files[0] == project / "0123abcd-main/subagents/agent-a.jsonl");
  BOOST_TEST(sessions[0].related_files[1] == project / "0123abcd-main/subagents/agent-b.jsonl");
}

BOOST_AUTO_TEST_CASE(files_without_timestamps_or_too_small_are_skipped) {
  TempDir home;
  const fs::path project = home / ".claude/projects/-p";
  write_text(project / "nots.jsonl",
             session_text(R"J({"type":"summary"})J"
                          "\n"));
  write_text(project / "small.jsonl",
             R"J({"type":"user","timestamp":"2026-02-01T10:00:00Z"})J"
             "\n");
  write_text(project / "notes.txt",
             session_text(R"J({"timestamp":"2026-02-01T10:00:00Z"})J"
                          "\n"));
  write_text(project / "empty.jsonl", "");
  RecordingContext context;
  ClaudeCodeDiscoverer discoverer(context, env_of({}));
  BOOST_TEST(discoverer.discover(window(home.path(), "2026-01-01", "2026-12-31")).empty());
}

BOOST_AUTO_TEST_CASE(vanished_and_unreadable_entries_warn_and_the_rest_is_found) {
  TempDir home;
  const fs::path projects = home / ".claude/projects";
  write_text(projects / "-ok/aaaaaaaa.jsonl",
             session_text("\xff\xfe not json\n"
                          R"J({"type":"user","cwd":"/ok","timestamp":"2026-02-01T10:00:00Z"})J"
                          "\n"));
  // Entries that are listed but gone when opened (dangling links), as when Claude Code's
  // cleanup deletes a project or session during the scan.
  fs::create_directory_symlink(projects / "deleted", projects / "-vanished");
  fs::create_symlink(projects / "-ok" / "deleted.jsonl", projects / "-ok" / "bbbbbbbb.jsonl");
  // A session path that cannot be read as a file.
  fs::create_directories(projects / "-ok" / "cccccccc.jsonl");
  if (::geteuid() != 0) {
    write_text(projects / "-ok" / "dddddddd.jsonl", session_text("{}\n"));
    fs::permissions(projects / "-ok" / "dddddddd.jsonl", fs::perms::none);
  }
  RecordingContext context;
  ClaudeCodeDiscoverer discoverer(context, env_of({}));
  const auto sessions = discoverer.discover(window(home.path(), "2026-01-01", "2026-12-31"));
  BOOST_TEST(names(sessions) == "2026-02-01:aaaaaaaa;");
  BOOST_TEST(context.logged({"aaaaaaaa.jsonl:1:"}), context.all_logs());
  BOOST_TEST(context.logged({"-vanished", "cannot read"}), context.all_logs());
  BOOST_TEST(context.logged({"bbbbbbbb.jsonl", "cannot read"}), context.all_logs());
  if (::geteuid() != 0)
    BOOST_TEST(context.logged({"dddddddd.jsonl", "Permission denied"}), context.all_logs());
}

BOOST_AUTO_TEST_CASE(describe_names_any_session_file) {
  RecordingContext context;
  ClaudeCodeDiscoverer discoverer(context, env_of({}));
  const fs::path project = harness_fixtures() / "claude-code" / "-home-user-proj";
  auto described = discoverer.describe(project / "7c1e4b2a-9d3f-4e8a-b6c5-2f0a1d9e8b7c.jsonl");
  BOOST_REQUIRE(described.has_value());
  BOOST_TEST(described->session_name.value_or("") == "7c1e4b2a");
  BOOST_TEST(described->project.value_or("") == "/home/user/proj");
  BOOST_TEST(described->model.value_or("") == "claude-sonnet-4-6");
  BOOST_TEST(described->session_date == "2026-03-09");
  // Stubs are described too (discovery skips them); the <synthetic> model is not a model.
  described = discoverer.describe(project / "f0e1d2c3-b4a5-4968-8776-655443322110.jsonl");
  BOOST_REQUIRE(described.has_value());
  BOOST_TEST(described->session_name.value_or("") == "f0e1d2c3");
  BOOST_TEST(described->project.value_or("") == "/home/user/proj");
  BOOST_TEST(!described->model.has_value());
  // A missing file: name from the path, project decoded from the directory name.
  described = discoverer.describe("/gone/-home-bob-my-proj/abcdef12-0000.jsonl");
  BOOST_REQUIRE(described.has_value());
  BOOST_TEST(described->session_name.value_or("") == "abcdef12");
  BOOST_TEST(described->project.value_or("") == "/home/bob/my/proj");
  BOOST_TEST(context.logs.empty(), context.all_logs());
}

BOOST_AUTO_TEST_SUITE_END()

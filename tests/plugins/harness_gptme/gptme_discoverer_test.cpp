#include "gptme_discoverer.hpp"
#include "plugin_test_support.hpp"
#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <ctime>

namespace fs = std::filesystem;
using namespace gptme_sessions::plugins::harness_gptme;
using namespace gptme_sessions::testing;

BOOST_AUTO_TEST_SUITE(plugins_harness_gptme_discoverer)

BOOST_AUTO_TEST_CASE(finds_the_fixture_sessions_in_the_default_logs_dir) {
  ScopedTz tz("Europe/Berlin");
  TempDir home;
  const fs::path logs = home / ".local/share/gptme/logs";
  copy_tree(harness_fixtures() / "gptme", logs);
  RecordingContext context;
  GptmeDiscoverer discoverer(context, env_of({}));
  const auto sessions = discoverer.discover(window(home.path(), "2025-11-24", "2026-11-24"));
  BOOST_REQUIRE(sessions.size() == 2u);

  const auto& fish = sessions[0];
  BOOST_TEST(fish.harness == "gptme");
  BOOST_TEST(fish.path == logs / "2026-03-07-dancing-blue-fish" / "conversation.jsonl");
  BOOST_TEST(fish.session_date == "2026-03-07");
  BOOST_TEST(fish.session_name.value_or("") == "dancing-blue-fish");
  BOOST_TEST(fish.model.value_or("") == "anthropic/claude-sonnet-4-6");
  BOOST_TEST(fish.project.value_or("") == "/home/user/proj");
  // Naive gptme timestamps are local time: the offset is attached (docs/DEVIATIONS.md).
  BOOST_TEST(fish.start_time.value_or("") == "2026-03-07T09:14:02.118734+01:00");
  BOOST_TEST(fish.related_files.empty());

  const auto& owl = sessions[1];
  BOOST_TEST(owl.session_date == "2026-03-08");
  BOOST_TEST(owl.session_name.value_or("") == "quiet-grey-owl");
  BOOST_TEST(!owl.model.has_value());
  BOOST_TEST(!owl.project.has_value());
  BOOST_TEST(owl.start_time.value_or("") == "2026-03-08T08:15:00.004411+01:00");
  BOOST_TEST(context.logs.empty(), context.all_logs());
}

BOOST_AUTO_TEST_CASE(the_window_is_inclusive_local_dates) {
  TempDir home;
  copy_tree(harness_fixtures() / "gptme", home / "logs");
  RecordingContext context;
  GptmeDiscoverer discoverer(context, env_of({{"GPTME_LOGS_DIR", (home / "logs").string()}}));
  auto sessions = discoverer.discover(window(home.path(), "2026-03-08", "2026-03-08"));
  BOOST_REQUIRE(sessions.size() == 1u);
  BOOST_TEST(sessions[0].session_date == "2026-03-08");
  sessions = discoverer.discover(window(home.path(), "2026-03-07", "2026-03-07"));
  BOOST_REQUIRE(sessions.size() == 1u);
  BOOST_TEST(sessions[0].session_date == "2026-03-07");
  BOOST_TEST(discoverer.discover(window(home.path(), "2026-03-09", "2026-12-31")).empty());
}

BOOST_AUTO_TEST_CASE(logs_dir_comes_from_the_environment) {
  TempDir home;
  write_text(home / "xdg/gptme/logs/2026-01-02-from-xdg/conversation.jsonl", "");
  write_text(home / "custom/2026-01-03-from-env/conversation.jsonl", "");
  write_text(home / ".local/share/gptme/logs/2026-01-04-default/conversation.jsonl", "");
  RecordingContext context;
  const auto names = [&](EnvLookup env) {
    GptmeDiscoverer discoverer(context, std::move(env));
    std::string out;
    for (const auto& s : discoverer.discover(window(home.path(), "2026-01-01", "2026-12-31")))
      out += s.session_name.value_or("?") + ";";
    return out;
  };
  BOOST_TEST(names(env_of({})) == "default;");
  BOOST_TEST(names(env_of({{"XDG_DATA_HOME", (home / "xdg").string()}})) == "from-xdg;");
  BOOST_TEST(names(env_of({{"XDG_DATA_HOME", (home / "xdg").string()},
                           {"GPTME_LOGS_DIR", (home / "custom").string()}})) == "from-env;");
  BOOST_TEST(names(env_of({{"GPTME_LOGS_DIR", (home / "nowhere").string()}})).empty());
  BOOST_TEST(gptme_logs_dir(env_of({}), fs::path()).empty());
}

BOOST_AUTO_TEST_CASE(skips_evals_files_and_undated_names) {
  TempDir home;
  const fs::path logs = home / "logs";
  write_text(logs / "2026-01-05-gptme-evals-abc/conversation.jsonl", "");
  write_text(logs / "2026-01-05-real/conversation.jsonl",
             "{\"role\": \"system\", \"content\": \"x\"}\n"
             "{\"role\": \"user\", \"content\": \"y\", \"timestamp\": \"2026-01-05T10:00:00Z\"}\n");
  write_text(logs / "2026-01-06-file.jsonl", "");
  write_text(logs / "notes/conversation.jsonl", "");
  write_text(logs / "2026-13-01-bad-date/conversation.jsonl", "");
  fs::create_directories(logs / "2026-01-07-no-conversation");
  fs::create_directories(logs / "2026-01-08");
  RecordingContext context;
  GptmeDiscoverer discoverer(context, env_of({{"GPTME_LOGS_DIR", logs.string()}}));
  const auto sessions = discoverer.discover(window(home.path(), "2026-01-01", "2026-12-31"));
  BOOST_REQUIRE(sessions.size() == 3u);
  BOOST_TEST(sessions[0].session_name.value_or("") == "real");
  // An aware timestamp keeps its own offset.
  BOOST_TEST(sessions[0].start_time.value_or("") == "2026-01-05T10:00:00+00:00");
  BOOST_TEST(sessions[1].path == logs / "2026-01-07-no-conversation");
  BOOST_TEST(!sessions[1].start_time.has_value());
  // A bare date keeps the whole name.
  BOOST_TEST(sessions[2].session_name.value_or("") == "2026-01-08");
}

BOOST_AUTO_TEST_CASE(vanished_entries_and_bad_files_warn_and_are_skipped) {
  TempDir home;
  const fs::path logs = home / "logs";
  write_text(logs / "2026-01-05-ok/conversation.jsonl",
             "\xff\xfe garbage\n{\"role\": \"user\", \"timestamp\": \"2026-01-05T08:00:00Z\"}\n");
  // A directory entry that is gone when opened (dangling link), as when a log directory is
  // deleted during the scan.
  fs::create_directory_symlink(logs / "deleted-target", logs / "2026-01-06-vanished");
  // A conversation.jsonl that cannot be read (a directory; permissions do not stop root).
  fs::create_directories(logs / "2026-01-07-unreadable/conversation.jsonl");
  RecordingContext context;
  GptmeDiscoverer discoverer(context, env_of({{"GPTME_LOGS_DIR", logs.string()}}));
  const auto sessions = discoverer.discover(window(home.path(), "2026-01-01", "2026-12-31"));
  BOOST_REQUIRE(sessions.size() == 2u);
  BOOST_TEST(sessions[0].start_time.value_or("") == "2026-01-05T08:00:00+00:00");
  BOOST_TEST(!sessions[1].start_time.has_value());
  BOOST_TEST(context.logged({"2026-01-05-ok/conversation.jsonl:1:"}), context.all_logs());
  BOOST_TEST(context.logged({"2026-01-06-vanished", "cannot read"}), context.all_logs());
  BOOST_TEST(context.logged({"2026-01-07-unreadable/conversation.jsonl", "is a directory"}),
             context.all_logs());
}

BOOST_AUTO_TEST_CASE(describe_names_any_log_directory) {
  ScopedTz tz("UTC");
  RecordingContext context;
  GptmeDiscoverer discoverer(context, env_of({}));
  const fs::path fish = harness_fixtures() / "gptme" / "2026-03-07-dancing-blue-fish";
  for (const fs::path& path : {fish / "conversation.jsonl", fish}) {
    const auto described = discoverer.describe(path);
    BOOST_REQUIRE(described.has_value());
    BOOST_TEST(described->path == path);
    BOOST_TEST(described->session_name.value_or("") == "dancing-blue-fish");
    BOOST_TEST(described->session_date == "2026-03-07");
    BOOST_TEST(described->project.value_or("") == "/home/user/proj");
    BOOST_TEST(described->model.value_or("") == "anthropic/claude-sonnet-4-6");
    BOOST_TEST(described->start_time.value_or("") == "2026-03-07T09:14:02.118734+00:00");
  }
  // A trajectory that no longer exists is still named from its path.
  const auto gone = discoverer.describe("/gone/2026-03-08-quiet-grey-owl/conversation.jsonl");
  BOOST_REQUIRE(gone.has_value());
  BOOST_TEST(gone->session_name.value_or("") == "quiet-grey-owl");
  BOOST_TEST(!gone->project.has_value());
  BOOST_TEST(!gone->start_time.has_value());
  BOOST_TEST(context.logs.empty(), context.all_logs());
}

BOOST_AUTO_TEST_SUITE_END()

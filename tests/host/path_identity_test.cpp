#include "commands/path_identity.hpp"
#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
namespace host = gptme_sessions::host;
namespace core = gptme_sessions::core;
using gptme_sessions::testing::TempDir;

namespace {

core::SessionRecord stored(std::optional<std::string> trajectory,
                           std::optional<std::string> journal = std::nullopt) {
  core::SessionRecord record;
  record.trajectory_path = std::move(trajectory);
  record.journal_path = std::move(journal);
  return record;
}

void touch(const fs::path& file) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << "{}\n";
}

} // namespace

BOOST_AUTO_TEST_SUITE(host_commands_path_identity)

BOOST_AUTO_TEST_CASE(a_record_names_a_session_by_trajectory_or_journal_path) {
  host::SyncedCheck check({"/logs/a.jsonl", "/j/b.md", "/logs/c.jsonl"});
  check.add(stored("/logs/a.jsonl"));
  check.add(stored(std::nullopt, "/j/b.md"));
  check.add(stored("", ""));
  check.add(stored("/elsewhere/d.jsonl"));
  BOOST_TEST(check.synced(0));
  BOOST_TEST(check.synced(1));
  BOOST_TEST(!check.synced(2));
  BOOST_TEST(check.unsynced_count() == 1);
  BOOST_TEST(host::SyncedCheck({}).unsynced_count() == 0);
}

BOOST_AUTO_TEST_CASE(other_spellings_of_the_same_file_count_resolved) {
  TempDir tmp;
  const fs::path real = tmp / "real" / "proj";
  touch(real / "s1.jsonl");
  touch(real / "s2.jsonl");
  touch(real / "s3.jsonl");
  fs::create_directory_symlink(tmp / "real", tmp / "link");
  // Discovered through the symlinked directory; stored by the real path, with "..", and
  // with "." in it.
  host::SyncedCheck check({(tmp / "link" / "proj" / "s1.jsonl").string(),
                           (tmp / "link" / "proj" / "s2.jsonl").string(),
                           (tmp / "link" / "proj" / "s3.jsonl").string()});
  check.add(stored((real / "s1.jsonl").string()));
  check.add(stored((tmp / "real" / "x" / ".." / "proj" / "s2.jsonl").string()));
  check.add(stored((tmp / "link" / "." / "proj" / "s3.jsonl").string()));
  BOOST_TEST(check.unsynced_count() == 0);
}

BOOST_AUTO_TEST_CASE(a_file_symlink_to_a_discovered_file_is_followed) {
  TempDir tmp;
  touch(tmp / "logs" / "target.jsonl");
  fs::create_symlink(tmp / "logs" / "target.jsonl", tmp / "alias.jsonl");
  // Discovered as the link; the store names the target (its resolved form).
  host::SyncedCheck check({(tmp / "alias.jsonl").string()});
  check.add(stored((tmp / "logs" / "target.jsonl").string()));
  BOOST_TEST(check.synced(0));
}

BOOST_AUTO_TEST_CASE(a_different_file_with_the_same_name_is_not_the_session) {
  TempDir tmp;
  touch(tmp / "a" / "conversation.jsonl");
  touch(tmp / "b" / "conversation.jsonl");
  host::SyncedCheck check({(tmp / "a" / "conversation.jsonl").string()});
  check.add(stored((tmp / "b" / "conversation.jsonl").string()));
  BOOST_TEST(!check.synced(0));
}

BOOST_AUTO_TEST_SUITE_END()

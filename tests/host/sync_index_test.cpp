// The sync index is a cache: it round-trips, and anything unreadable is an empty index.
#include "cli_test_support.hpp"
#include "commands/sync_index.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace gptme_sessions::host;
using namespace gptme_sessions::testing;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(host_commands_sync_index)

BOOST_AUTO_TEST_CASE(round_trip) {
  TempDir tmp;
  SyncIndex index;
  index.put("/a/x.jsonl",
            SyncIndexEntry{FileState{10, 1234567890123456789, 42, 0}, "abc", true, "ff", "d1"});
  index.put("/a/y.jsonl", SyncIndexEntry{FileState{0, -5, 7, 0}, "def", false, "", ""});
  BOOST_TEST(index.changed());
  index.save(tmp / "index.jsonl");
  const SyncIndex loaded = SyncIndex::load(tmp / "index.jsonl");
  BOOST_TEST(!loaded.changed());
  BOOST_REQUIRE(loaded.find("/a/x.jsonl") != nullptr);
  BOOST_TEST((*loaded.find("/a/x.jsonl") ==
              SyncIndexEntry{FileState{10, 1234567890123456789, 42, 0}, "abc", true, "ff", "d1"}));
  BOOST_TEST(
      (*loaded.find("/a/y.jsonl") == SyncIndexEntry{FileState{0, -5, 7, 0}, "def", false, "", ""}));
  BOOST_TEST(loaded.find("/a/z.jsonl") == nullptr);
  // Written sorted, with no temp file left behind.
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(tmp.path())) {
    (void)e;
    ++files;
  }
  BOOST_TEST(files == 1u);
}

BOOST_AUTO_TEST_CASE(store_state_round_trip) {
  TempDir tmp;
  SyncIndex index;
  BOOST_TEST(!index.store_state().has_value());
  index.set_store_state(FileState{5, 6, 7, 0});
  BOOST_TEST(index.changed());
  index.save(tmp / "i");
  SyncIndex loaded = SyncIndex::load(tmp / "i");
  BOOST_TEST((loaded.store_state() == FileState{5, 6, 7, 0}));
  loaded.set_store_state(FileState{5, 6, 7, 0});
  BOOST_TEST(!loaded.changed());
  loaded.set_store_state(std::nullopt);
  BOOST_TEST(loaded.changed());
}

BOOST_AUTO_TEST_CASE(putting_the_same_entry_is_not_a_change) {
  SyncIndex index;
  index.put("/p", SyncIndexEntry{FileState{1, 2, 3, 0}, "id", true, "", ""});
  TempDir tmp;
  index.save(tmp / "i");
  SyncIndex loaded = SyncIndex::load(tmp / "i");
  loaded.put("/p", SyncIndexEntry{FileState{1, 2, 3, 0}, "id", true, "", ""});
  BOOST_TEST(!loaded.changed());
  loaded.put("/p", SyncIndexEntry{FileState{1, 2, 4, 0}, "id", true, "", ""});
  BOOST_TEST(loaded.changed());
}

BOOST_AUTO_TEST_CASE(damage_means_empty_or_skipped) {
  TempDir tmp;
  BOOST_TEST(SyncIndex::load(tmp / "missing").size() == 0u);
  write_bytes(tmp / "garbage", "not json\n\x01\x02\n");
  BOOST_TEST(SyncIndex::load(tmp / "garbage").size() == 0u);
  write_bytes(tmp / "other",
              "{\"format\": \"something-else\", \"version\": 1}\n"
              "{\"path\": \"/p\", \"size\": 1, \"mtime_ns\": 2, \"inode\": 3, "
              "\"record_id\": \"x\", \"signals\": true}\n");
  BOOST_TEST(SyncIndex::load(tmp / "other").size() == 0u);
  write_bytes(tmp / "partial",
              "{\"format\": \"gptme-sessions-sync-index\", \"version\": 1}\n"
              "{\"path\": \"/ok\", \"size\": 1, \"mtime_ns\": 2, \"inode\": 3, "
              "\"record_id\": \"x\", \"signals\": true, \"fingerprint\": \"\"}\n"
              "{\"path\": \"/bad\", \"size\": \"1\"}\n"
              "{\"path\": \"/half\", \"size\": 1, \"mtime");
  const SyncIndex partial = SyncIndex::load(tmp / "partial");
  BOOST_TEST(partial.size() == 1u);
  BOOST_TEST(partial.find("/ok") != nullptr);
}

BOOST_AUTO_TEST_CASE(entries_of_removed_records_are_dropped) {
  SyncIndex index;
  index.put("/a", SyncIndexEntry{FileState{}, "keep", false, "", ""});
  index.put("/b", SyncIndexEntry{FileState{}, "gone", false, "", ""});
  index.retain_records({"keep"});
  BOOST_TEST(index.find("/a") != nullptr);
  BOOST_TEST(index.find("/b") == nullptr);
}

BOOST_AUTO_TEST_CASE(file_state_tracks_size_mtime_and_inode) {
  TempDir tmp;
  write_bytes(tmp / "f", "abc");
  const auto first = file_state(tmp / "f");
  BOOST_REQUIRE(first.has_value());
  BOOST_TEST(first->size == 3u);
  write_bytes(tmp / "g", "abc");
  fs::last_write_time(tmp / "g", fs::last_write_time(tmp / "f"));
  fs::rename(tmp / "g", tmp / "f");
  const auto replaced = file_state(tmp / "f");
  BOOST_TEST(replaced->size == 3u);
  BOOST_TEST(replaced->mtime_ns == first->mtime_ns);
  BOOST_TEST(!(*replaced == *first)); // a new inode
  BOOST_TEST(!file_state(tmp / "nope").has_value());
}

BOOST_AUTO_TEST_CASE(related_files_are_part_of_the_state) {
  TempDir tmp;
  write_bytes(tmp / "main.jsonl", "{}\n");
  const auto alone = file_state(tmp / "main.jsonl");
  BOOST_TEST(alone->related == 0u);
  write_bytes(tmp / "agent-1.jsonl", "{}\n");
  const std::vector<fs::path> related{tmp / "agent-1.jsonl"};
  const auto with = file_state(tmp / "main.jsonl", related);
  BOOST_TEST(with->related != 0u);
  BOOST_TEST((*file_state(tmp / "main.jsonl", related) == *with));
  write_bytes(tmp / "agent-1.jsonl", "{}\n{}\n"); // a subagent transcript grew
  BOOST_TEST(!(*file_state(tmp / "main.jsonl", related) == *with));

  SyncIndex index;
  index.put("/m", SyncIndexEntry{*with, "id", true, "", ""});
  index.save(tmp / "i");
  BOOST_TEST((SyncIndex::load(tmp / "i").find("/m")->state == *with));
}

BOOST_AUTO_TEST_SUITE_END()

#include "spec_example_store.hpp"
#include "temp_dir.hpp"

#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/core/session_store.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <vector>

namespace core = gptme_sessions::core;
namespace json = boost::json;
namespace fs = std::filesystem;
using gptme_sessions::testing::TempDir;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_file(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::vector<std::string> file_lines(const fs::path& path) {
  std::vector<std::string> lines;
  std::istringstream in(read_file(path));
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

std::string data_file(const char* name) {
  return read_file(fs::path(GPTME_SESSIONS_TEST_DATA) / "core" / name);
}

struct Warnings {
  std::vector<std::string> messages;
  core::StoreWarningSink sink() {
    return [this](const std::string& m) { messages.push_back(m); };
  }
  bool any_contains(const std::string& text) const {
    for (const auto& m : messages)
      if (m.find(text) != std::string::npos)
        return true;
    return false;
  }
};

core::SessionRecord record_with_id(const std::string& id) {
  core::SessionRecord r = core::make_record();
  r.session_id = id;
  return r;
}

// An 8-hex id: one byte naming the writer, three bytes counting its records.
std::string test_id(int writer, int n) {
  char buf[32];
  std::snprintf(buf,
                sizeof buf,
                "%02x%06x",
                static_cast<unsigned>(writer) & 0xFFu,
                static_cast<unsigned>(n) & 0xFFFFFFu);
  return buf;
}

std::vector<std::string> ids_of(const std::vector<core::SessionRecord>& records) {
  std::vector<std::string> ids;
  for (const auto& r : records)
    ids.push_back(r.session_id);
  return ids;
}

// Fork-heavy tests live on tmpfs when there is one: they exercise locking and atomicity, and
// thousands of fsyncs on a disk would only make them slow.
class FastTempDir {
public:
  FastTempDir() {
    std::error_code ec;
    const fs::path shm = "/dev/shm";
    const fs::path base = fs::is_directory(shm, ec) && ::access("/dev/shm", W_OK) == 0
                              ? shm
                              : fs::temp_directory_path();
    std::random_device rd;
    do
      m_path = base / ("gs-test-store-" + std::to_string(rd()));
    while (!fs::create_directory(m_path));
  }
  ~FastTempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  const fs::path& path() const { return m_path; }

private:
  fs::path m_path;
};

// Runs fn in a child process; its return value is the exit code (3 if it threw).
template <class Fn> pid_t spawn(Fn fn) {
  const pid_t pid = ::fork();
  BOOST_TEST_REQUIRE(pid >= 0);
  if (pid == 0) {
    int code = 3;
    try {
      code = fn();
    } catch (...) {
    }
    ::_exit(code);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

void quiet(const std::string&) {}

// A child process appending `count` records with the ids test_id(writer, 0 .. count - 1).
pid_t spawn_appender(const fs::path& dir, int writer, int count) {
  return spawn([&dir, writer, count] {
    const core::SessionStore store(dir, quiet);
    for (int i = 0; i < count; ++i)
      store.append(record_with_id(test_id(writer, i)));
    return 0;
  });
}

struct EnvGuard {
  std::map<std::string, std::optional<std::string>> saved;
  void set(const std::string& name, const std::optional<std::string>& value) {
    if (!saved.contains(name)) {
      const char* old = std::getenv(name.c_str());
      saved[name] = old ? std::optional<std::string>(old) : std::nullopt;
    }
    if (value)
      ::setenv(name.c_str(), value->c_str(), 1);
    else
      ::unsetenv(name.c_str());
  }
  ~EnvGuard() {
    for (const auto& [name, value] : saved) {
      if (value)
        ::setenv(name.c_str(), value->c_str(), 1);
      else
        ::unsetenv(name.c_str());
    }
  }
};

std::vector<fs::path> temp_files_in(const fs::path& dir) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().filename().string().find(".tmp.") != std::string::npos)
      found.push_back(entry.path());
  return found;
}

} // namespace

BOOST_AUTO_TEST_SUITE(core_session_store)

BOOST_AUTO_TEST_CASE(default_dir_precedence) {
  EnvGuard env;
  env.set("HOME", "/home/someone");
  env.set("GPTME_SESSIONS_DIR", std::nullopt);
  env.set("XDG_DATA_HOME", std::nullopt);
  BOOST_TEST(core::default_sessions_dir() == "/home/someone/.local/share/gptme-sessions");
  env.set("XDG_DATA_HOME", "relative/ignored");
  BOOST_TEST(core::default_sessions_dir() == "/home/someone/.local/share/gptme-sessions");
  env.set("XDG_DATA_HOME", "/xdg/data");
  BOOST_TEST(core::default_sessions_dir() == "/xdg/data/gptme-sessions");
  env.set("GPTME_SESSIONS_DIR", "");
  BOOST_TEST(core::default_sessions_dir() == "/xdg/data/gptme-sessions");
  env.set("GPTME_SESSIONS_DIR", "rel/store");
  BOOST_TEST(core::default_sessions_dir() == "rel/store");
  BOOST_TEST(core::default_sessions_dir(fs::path("~/cli")) == "~/cli");
}

BOOST_AUTO_TEST_CASE(missing_store_reads_empty_and_creates_nothing) {
  TempDir tmp;
  const core::SessionStore store(tmp / "not" / "there");
  BOOST_TEST(store.load().records.empty());
  int calls = 0;
  store.for_each([&](core::SessionRecord&&) { ++calls; });
  BOOST_TEST(calls == 0);
  BOOST_TEST(!store.exists());
  BOOST_TEST(!fs::exists(tmp / "not"));
}

BOOST_AUTO_TEST_CASE(append_creates_dir_file_and_lock) {
  TempDir tmp;
  const core::SessionStore store(tmp / "a" / "b");
  core::SessionRecord r = core::make_record();
  r.harness = "gptme";
  r.model = "opus";
  r.outcome = "productive";
  r.duration_seconds = 900;
  r.deliverables = {"a", "b"};
  const fs::path written = store.append(r);
  BOOST_TEST(written == tmp / "a" / "b" / "session-records.jsonl");
  BOOST_TEST(store.exists());
  BOOST_TEST(fs::exists(store.lock_path()));
  const std::string bytes = read_file(written);
  BOOST_TEST(bytes == core::to_json(core::record_to_json(r)) + "\n");
  const auto loaded = store.load_all();
  BOOST_TEST_REQUIRE(loaded.size() == 1u);
  BOOST_TEST(core::record_to_json(loaded[0]) == core::record_to_json(r));
}

BOOST_AUTO_TEST_CASE(append_many_keeps_order_and_fills_identity) {
  TempDir tmp;
  const core::SessionStore store(tmp.path());
  core::SessionRecord bare; // no id, no timestamp
  store.append(std::vector<core::SessionRecord>{
      record_with_id("00000001"), bare, record_with_id("00000003")});
  const auto loaded = store.load_all();
  BOOST_TEST_REQUIRE(loaded.size() == 3u);
  BOOST_TEST(loaded[0].session_id == "00000001");
  BOOST_TEST(loaded[1].session_id.size() == 8u);
  BOOST_TEST(!loaded[1].timestamp.empty());
  BOOST_TEST(loaded[2].session_id == "00000003");
  BOOST_TEST(file_lines(store.path()).size() == 3u);
}

BOOST_AUTO_TEST_CASE(spec_example_store_loads) {
  TempDir tmp;
  write_file(tmp / "session-records.jsonl", data_file("spec_example_store.jsonl"));
  Warnings warnings;
  const core::SessionStore store(tmp.path(), warnings.sink());
  const auto result = store.load();
  BOOST_TEST(result.malformed_lines == 0u);
  BOOST_TEST(warnings.messages.empty());
  BOOST_TEST(ids_of(result.records) == gptme_sessions::testing::k_spec_example_store_ids,
             boost::test_tools::per_element());
}

// Acceptance example 10 of the spec, at the store level.
BOOST_AUTO_TEST_CASE(annotate_cycle_keeps_everything_and_moves_malformed_last) {
  TempDir tmp;
  auto lines = file_lines(fs::path(GPTME_SESSIONS_TEST_DATA) / "core/spec_example_store.jsonl");
  lines.insert(lines.begin() + 2, "NOT VALID JSON");
  std::string bytes;
  for (const auto& line : lines)
    bytes += line + "\n";
  write_file(tmp / "session-records.jsonl", bytes);

  Warnings warnings;
  const core::SessionStore store(tmp.path(), warnings.sink());
  store.with_lock([&] {
    auto loaded = store.load();
    BOOST_TEST(loaded.malformed_lines == 1u);
    for (auto& r : loaded.records)
      if (r.session_id == "f1f2f3f4") {
        r.outcome = "productive";
        r.deliverables = {"x1", "y2"};
        r.run_type = core::normalize_run_type(std::string("77"));
      }
    store.rewrite(loaded.records);
  });
  BOOST_TEST(warnings.any_contains((tmp / "session-records.jsonl").string() + ":3:"));

  const auto out = file_lines(store.path());
  BOOST_TEST_REQUIRE(out.size() == 9u);
  BOOST_TEST(out[8] == "NOT VALID JSON");
  const auto& order = gptme_sessions::testing::k_spec_example_store_ids;
  for (std::size_t i = 0; i < 8; ++i) {
    const json::object o = json::parse(out[i]).as_object();
    BOOST_TEST(o.at("session_id").as_string() == order[i]);
    BOOST_TEST(o.size() >= 29u); // every core key is written
  }
  const json::object f1f2 = json::parse(out[6]).as_object();
  BOOST_TEST(f1f2.at("outcome").as_string() == "productive");
  BOOST_TEST(core::to_json(f1f2.at("deliverables")) == R"(["x1", "y2"])");
  BOOST_TEST(f1f2.at("run_type").as_string() == "autonomous");
  BOOST_TEST(f1f2.at("trajectory_path").as_string() == "/logs/2026-03-04/conversation.jsonl");
  BOOST_TEST(f1f2.at("journal_path").is_null());
  BOOST_TEST(f1f2.at("inferred_category").as_string() == "code");
  BOOST_TEST(f1f2.at("notes").as_string() == "x");
  BOOST_TEST(json::parse(out[3]).at("timestamp").as_string() == "2026-03-02T23:59:59+00:00");
  BOOST_TEST(fs::exists(store.lock_path()));
  BOOST_TEST(temp_files_in(tmp.path()).empty());
}

BOOST_AUTO_TEST_CASE(rewrite_puts_inputs_first_and_keeps_the_rest) {
  TempDir tmp;
  const core::SessionStore store(tmp.path(), quiet);
  for (const char* id : {"00000001", "00000002", "00000003"})
    store.append(record_with_id(id));
  core::SessionRecord changed = store.load_all()[1];
  changed.category = "changed";
  store.rewrite({changed, record_with_id("00000009")});
  const auto loaded = store.load_all();
  const std::vector<std::string> expected = {"00000002", "00000009", "00000001", "00000003"};
  BOOST_TEST(ids_of(loaded) == expected, boost::test_tools::per_element());
  BOOST_TEST(*loaded[0].category == "changed");
}

BOOST_AUTO_TEST_CASE(python_format_lines_round_trip_through_rewrite) {
  TempDir tmp;
  const std::string original = data_file("python_format_store.jsonl");
  write_file(tmp / "session-records.jsonl", original);
  const core::SessionStore store(tmp.path(), quiet);
  store.rewrite(store.load_all());
  const auto before =
      file_lines(fs::path(GPTME_SESSIONS_TEST_DATA) / "core/python_format_store.jsonl");
  const auto after = file_lines(store.path());
  BOOST_TEST_REQUIRE(after.size() == before.size());
  // A line written by the Python package comes back byte for byte.
  BOOST_TEST(after[0] == before[0]);
  for (std::size_t i = 0; i < before.size(); ++i) {
    const json::object in = json::parse(before[i]).as_object();
    const json::object out = json::parse(after[i]).as_object();
    for (const auto& member : in) {
      if (member.key().starts_with("_"))
        continue;
      BOOST_TEST_CONTEXT("line " << i + 1 << " key " << member.key()) {
        BOOST_TEST_REQUIRE(out.contains(member.key()));
        json::value expected = member.value();
        if (expected.is_null() && (member.key() == "duration_seconds"))
          expected = 0;
        else if (expected.is_null() &&
                 (member.key() == "grades" || member.key() == "grade_reasons"))
          expected = json::object{};
        else if (expected.is_null() && member.key() == "deliverable_details")
          expected = json::array{};
        BOOST_TEST(out.at(member.key()) == expected);
      }
    }
  }
  BOOST_TEST(after[1].find("100000.0") != std::string::npos);
  // A second cycle changes nothing.
  store.rewrite(store.load_all());
  BOOST_TEST(file_lines(store.path()) == after, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(id_less_lines_get_a_stable_id_and_are_never_duplicated) {
  TempDir tmp;
  const std::string idless = R"({"timestamp": "2026-03-01T00:00:00+00:00", "notes": "no id"})";
  write_file(tmp / "session-records.jsonl",
             "{\"session_id\": \"00000001\", \"timestamp\": \"t\"}\n" + idless + "\n" + idless +
                 "\n" + R"({"session_id": "", "notes": "other"})" + "\n");
  const core::SessionStore store(tmp.path(), quiet);
  const auto first = store.load_all();
  const auto second = store.load_all();
  BOOST_TEST_REQUIRE(first.size() == 4u);
  BOOST_TEST(ids_of(first) == ids_of(second), boost::test_tools::per_element());
  BOOST_TEST(first[1].session_id == first[2].session_id); // identical lines, same id
  BOOST_TEST(first[1].session_id != first[3].session_id);

  // Quirk Q1 fixed: an annotate-style cycle keeps four records, not six.
  store.with_lock([&] { store.rewrite(store.load_all()); });
  auto after = store.load_all();
  BOOST_TEST(after.size() == 4u);
  BOOST_TEST(ids_of(after) == ids_of(first), boost::test_tools::per_element());
  // The derived ids are now stored; the lines are ordinary records from here on.
  for (const auto& r : after)
    BOOST_TEST(!r.source_line_hash.has_value());

  // Rewriting only some other record leaves an id-less line exactly once too.
  write_file(tmp / "session-records.jsonl",
             "{\"session_id\": \"00000001\", \"timestamp\": \"t\"}\n" + idless + "\n");
  auto loaded = store.load_all();
  store.rewrite({loaded[0]});
  after = store.load_all();
  BOOST_TEST_REQUIRE(after.size() == 2u);
  BOOST_TEST(after[1].session_id == loaded[1].session_id);
}

BOOST_AUTO_TEST_CASE(derived_id_never_replaces_a_real_record_with_that_id) {
  TempDir tmp;
  const std::string idless = R"({"notes": "no id"})";
  write_file(tmp / "session-records.jsonl", idless + "\n");
  const core::SessionStore store(tmp.path(), quiet);
  const std::string derived = store.load_all().at(0).session_id;
  // A real record that happens to carry the same id as the derived one.
  store.append(record_with_id(derived));
  store.rewrite({store.load_all().at(0)}); // rewrite just the id-less one
  BOOST_TEST(store.load_all().size() == 2u);
}

BOOST_AUTO_TEST_CASE(tail_repair_truncates_a_torn_last_line) {
  TempDir tmp;
  // Acceptance example 14.
  const std::string good =
      R"({"session_id": "aaaa1111", "timestamp": "2026-03-01T00:00:00+00:00"})";
  const std::string torn = R"({"session_id": "6242a3bc", "timestamp": "2026-05-30T11:37:20)";
  BOOST_TEST_REQUIRE(torn.size() == 60u);
  write_file(tmp / "session-records.jsonl", good + "\n" + torn);
  Warnings warnings;
  const core::SessionStore store(tmp.path(), warnings.sink());
  store.append(record_with_id("bbbb2222"));
  BOOST_TEST_REQUIRE(warnings.messages.size() == 1u);
  BOOST_TEST(warnings.messages[0] ==
             "Repaired corrupt tail in " + store.path().string() + ": removed 60 bytes");
  const std::vector<std::string> expected = {"aaaa1111", "bbbb2222"};
  BOOST_TEST(ids_of(store.load_all()) == expected, boost::test_tools::per_element());

  // A record cut short by a crash mid-write: the earlier records stay intact.
  const std::string full = read_file(store.path());
  write_file(store.path(), full.substr(0, full.size() - 25));
  warnings.messages.clear();
  store.append(record_with_id("cccc3333"));
  BOOST_TEST(warnings.any_contains(
      "removed " + std::to_string(full.size() - 25 - (good.size() + 1)) + " bytes"));
  const std::vector<std::string> after = {"aaaa1111", "cccc3333"};
  BOOST_TEST(ids_of(store.load_all()) == after, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(valid_unterminated_last_line_gets_a_newline_first) {
  TempDir tmp;
  // Quirk Q2 fixed: the new record is not fused onto the old line.
  write_file(tmp / "session-records.jsonl", R"({"session_id": "aaaa1111", "timestamp": "t"})");
  Warnings warnings;
  const core::SessionStore store(tmp.path(), warnings.sink());
  store.append(record_with_id("bbbb2222"));
  BOOST_TEST(warnings.messages.empty());
  const std::vector<std::string> expected = {"aaaa1111", "bbbb2222"};
  BOOST_TEST(ids_of(store.load_all()) == expected, boost::test_tools::per_element());

  // Same for a multi-line file whose last complete line lacks the terminator.
  write_file(store.path(),
             read_file(store.path()) + R"({"session_id": "cccc3333", "timestamp": "t"})" + "\r");
  store.append(record_with_id("dddd4444"));
  BOOST_TEST(store.load_all().size() == 4u);
  BOOST_TEST(warnings.messages.empty());
}

BOOST_AUTO_TEST_CASE(corrupt_single_line_file_is_not_truncated) {
  TempDir tmp;
  const std::string corrupt = R"({"session_id": "aaaa)";
  write_file(tmp / "session-records.jsonl", corrupt);
  Warnings warnings;
  const core::SessionStore store(tmp.path(), warnings.sink());
  store.append(record_with_id("bbbb2222"));
  BOOST_TEST_REQUIRE(warnings.messages.size() == 1u);
  BOOST_TEST(warnings.messages[0] ==
             "Corrupt single-line file " + store.path().string() + " \u2014 not truncating");
  const auto lines = file_lines(store.path());
  BOOST_TEST_REQUIRE(lines.size() == 2u);
  BOOST_TEST(lines[0] == corrupt);
  const auto loaded = store.load();
  BOOST_TEST(loaded.malformed_lines == 1u);
  BOOST_TEST(ids_of(loaded.records) == std::vector<std::string>{"bbbb2222"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(bad_lines_are_skipped_with_file_and_line_and_kept_by_rewrite) {
  TempDir tmp;
  const std::string invalid_utf8 = "{\"session_id\": \"bad\xff\", \"timestamp\": \"t\"}";
  const std::string content = std::string("\n") + // 1 blank
                              R"({"session_id": "00000001", "timestamp": "t"})" + "\r\n" + // 2
                              "{not json\n" +                                              // 3
                              invalid_utf8 + "\n" +                                        // 4
                              "[1, 2, 3]\n" +                                              // 5
                              "\"x\"\n" +                                                  // 6
                              "null\n" +                                                   // 7
                              R"({"session_id": "00000002", "timestamp": 12345})" + "\n" + // 8
                              "   \t \n" +                                              // 9 blank
                              R"({"session_id": "00000003", "timestamp": "t"})" + "\n"; // 10
  write_file(tmp / "session-records.jsonl", content);
  Warnings warnings;
  const core::SessionStore store(tmp.path(), warnings.sink());
  const auto loaded = store.load();
  BOOST_TEST(loaded.malformed_lines == 6u);
  BOOST_TEST(ids_of(loaded.records) == (std::vector<std::string>{"00000001", "00000003"}),
             boost::test_tools::per_element());
  const std::string file = store.path().string();
  for (int line : {3, 4, 5, 6, 7, 8})
    BOOST_TEST(warnings.any_contains(file + ":" + std::to_string(line) + ": "), "line " << line);
  BOOST_TEST(warnings.any_contains(file + ":4: skipping line (invalid UTF-8 (byte 0xff"));

  store.rewrite(loaded.records);
  const auto lines = file_lines(store.path());
  BOOST_TEST_REQUIRE(lines.size() == 8u);
  const std::vector<std::string> kept = {"{not json",
                                         invalid_utf8,
                                         "[1, 2, 3]",
                                         "\"x\"",
                                         "null",
                                         R"({"session_id": "00000002", "timestamp": 12345})"};
  for (std::size_t i = 0; i < kept.size(); ++i)
    BOOST_TEST(lines[2 + i] == kept[i]);
}

BOOST_AUTO_TEST_CASE(empty_and_blank_files) {
  TempDir tmp;
  const core::SessionStore store(tmp.path(), quiet);
  write_file(store.path(), "");
  BOOST_TEST(store.load().records.empty());
  write_file(store.path(), "\n\n  \n");
  const auto loaded = store.load();
  BOOST_TEST(loaded.records.empty());
  BOOST_TEST(loaded.malformed_lines == 0u);
  store.append(record_with_id("00000001"));
  BOOST_TEST(store.load_all().size() == 1u);
}

BOOST_AUTO_TEST_CASE(twenty_megabyte_lines) {
  FastTempDir tmp;
  const std::size_t big = 20u << 20;
  const std::string head = R"({"session_id": "b16b16b1", "timestamp": "t", "notes": ")";
  const std::string broken_head = "{\"broken\": \"";
  {
    std::ofstream out(tmp.path() / "session-records.jsonl", std::ios::binary);
    out << R"({"session_id": "00000001", "timestamp": "t"})" << '\n' << head;
    for (std::size_t i = 0; i < big; i += 4096)
      out << std::string(4096, 'x');
    out << "\"}\n"
        << broken_head << std::string(big / 8, 'y') << '\n'
        << R"({"session_id": "00000002", "timestamp": "t"})" << '\n';
  }
  Warnings warnings;
  const core::SessionStore store(tmp.path(), warnings.sink());
  auto loaded = store.load();
  BOOST_TEST(loaded.malformed_lines == 1u);
  BOOST_TEST_REQUIRE(loaded.records.size() == 3u);
  BOOST_TEST(loaded.records[1].extra_fields.at("notes").as_string().size() == big);
  BOOST_TEST(warnings.any_contains(store.path().string() + ":3: "));

  store.rewrite({loaded.records[0]});
  // Both long lines survive: the record re-serialized, the malformed one byte for byte.
  std::ifstream in(store.path(), std::ios::binary);
  std::string line;
  std::vector<std::size_t> sizes;
  while (std::getline(in, line)) {
    sizes.push_back(line.size());
    if (line.starts_with(broken_head))
      BOOST_TEST(line == broken_head + std::string(big / 8, 'y'));
  }
  BOOST_TEST_REQUIRE(sizes.size() == 4u);
  BOOST_TEST(sizes[1] > big);
  BOOST_TEST(sizes[3] == broken_head.size() + big / 8);
  loaded = store.load();
  BOOST_TEST(loaded.records.size() == 3u);
  BOOST_TEST(loaded.records[1].extra_fields.at("notes").as_string().size() == big);
}

BOOST_AUTO_TEST_CASE(non_finite_numbers_written_by_python_are_read) {
  TempDir tmp;
  const std::string line =
      R"({"session_id": "0000aaaa", "timestamp": "t", "llm_judge_score": NaN, )"
      R"("ttft_ms_avg": Infinity, "notes": ["NaN", -Infinity, "In\"Infinity"]})";
  write_file(tmp / "session-records.jsonl", line + "\n");
  const core::SessionStore store(tmp.path(), quiet);
  const auto loaded = store.load();
  BOOST_TEST_REQUIRE(loaded.records.size() == 1u);
  BOOST_TEST(std::isnan(*loaded.records[0].llm_judge_score));
  store.rewrite(loaded.records);
  const std::string out = file_lines(store.path()).at(0);
  BOOST_TEST(out.find(R"("llm_judge_score": NaN,)") != std::string::npos);
  BOOST_TEST(out.find(R"("ttft_ms_avg": Infinity)") != std::string::npos);
  BOOST_TEST(out.find(R"("notes": ["NaN", -Infinity, "In\"Infinity"])") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(duplicate_keys_keep_the_last_value_like_python) {
  TempDir tmp;
  write_file(
      tmp / "session-records.jsonl",
      R"({"session_id": "00000001", "outcome": "noop", "timestamp": "t", "outcome": "failed"})"
      "\n");
  const core::SessionStore store(tmp.path(), quiet);
  BOOST_TEST(*store.load_all().at(0).outcome == "failed");
}

BOOST_AUTO_TEST_CASE(directory_in_place_of_the_store_is_a_clear_error) {
  TempDir tmp;
  const core::SessionStore store(tmp.path(), quiet);
  fs::create_directories(store.path());
  const auto names_path = [&](const core::StoreError& e) {
    return std::string(e.what()).find(store.path().string()) != std::string::npos;
  };
  BOOST_CHECK_EXCEPTION(store.load(), core::StoreError, names_path);
  BOOST_CHECK_EXCEPTION(store.for_each([](core::SessionRecord&&) {}), core::StoreError, names_path);
  BOOST_CHECK_EXCEPTION(store.append(record_with_id("00000001")), core::StoreError, names_path);
  BOOST_CHECK_EXCEPTION(store.rewrite({record_with_id("00000001")}), core::StoreError, names_path);
  BOOST_TEST(fs::is_directory(store.path()));
  BOOST_TEST(temp_files_in(tmp.path()).empty());
}

BOOST_AUTO_TEST_CASE(file_in_place_of_the_sessions_dir_is_a_clear_error) {
  TempDir tmp;
  write_file(tmp / "plain-file", "x");
  const core::SessionStore store(tmp / "plain-file" / "sub", quiet);
  BOOST_CHECK_EXCEPTION(
      store.append(record_with_id("00000001")), core::StoreError, [&](const core::StoreError& e) {
        return std::string(e.what()).find((tmp / "plain-file").string()) != std::string::npos;
      });
  BOOST_TEST(read_file(tmp / "plain-file") == "x");
}

BOOST_AUTO_TEST_CASE(unreadable_store_is_a_clear_error) {
  TempDir tmp;
  const core::SessionStore store(tmp.path(), quiet);
  const auto names_path = [&](const core::StoreError& e) {
    return std::string(e.what()).find(store.path().string()) != std::string::npos;
  };
  // A symlink loop cannot be opened, whoever runs the test.
  fs::create_symlink(store.path().filename(), store.path());
  BOOST_CHECK_EXCEPTION(store.load(), core::StoreError, names_path);
  fs::remove(store.path());
  // Permissions, unless running as root (which reads regardless).
  store.append(record_with_id("00000001"));
  if (::geteuid() != 0) {
    fs::permissions(store.path(), fs::perms::none);
    BOOST_CHECK_EXCEPTION(store.load(), core::StoreError, names_path);
    fs::permissions(store.path(), fs::perms::owner_read | fs::perms::owner_write);
  }
  BOOST_TEST(store.load_all().size() == 1u);
}

BOOST_AUTO_TEST_CASE(failed_rewrite_or_append_leaves_the_store_untouched) {
  FastTempDir tmp;
  const core::SessionStore store(tmp.path(), quiet);
  for (int i = 0; i < 20; ++i)
    store.append(record_with_id("000000" + std::to_string(i % 10) + std::to_string(i / 10)));
  const std::string before = read_file(store.path());
  const auto limited = [&](auto action) {
    return spawn([&] {
      // A file size limit just above the current store: the next big write fails (EFBIG).
      ::signal(SIGXFSZ, SIG_IGN);
      const rlimit limit{before.size() + 100, before.size() + 100};
      ::setrlimit(RLIMIT_FSIZE, &limit);
      try {
        action();
      } catch (const core::StoreError&) {
        return 42;
      }
      return 0;
    });
  };
  core::SessionRecord big = record_with_id("b16b16b1");
  big.error = std::string(4096, 'e');
  BOOST_TEST(wait_for(limited([&] { store.rewrite({big}); })) == 42);
  BOOST_TEST(read_file(store.path()) == before);
  BOOST_TEST(temp_files_in(tmp.path()).empty());
  BOOST_TEST(wait_for(limited([&] { store.append(big); })) == 42);
  BOOST_TEST(read_file(store.path()) == before);
  BOOST_TEST(store.load_all().size() == 20u);
}

BOOST_AUTO_TEST_CASE(lock_is_reentrant_and_shared_by_threads) {
  FastTempDir tmp;
  const core::SessionStore store(tmp.path(), quiet);
  store.with_lock([&] {
    store.append(record_with_id("00000001"));
    store.with_lock([&] { store.rewrite(store.load_all()); });
    store.append(record_with_id("00000002"));
  });
  BOOST_TEST(store.load_all().size() == 2u);

  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      const core::SessionStore own(tmp.path(), quiet);
      for (int i = 0; i < 50; ++i) {
        const std::string id = test_id(0x10 + t, i);
        if (i % 10 == 0)
          own.with_lock([&] {
            auto all = own.load_all();
            all.push_back(record_with_id(id));
            own.rewrite(all);
          });
        else
          own.append(record_with_id(id));
      }
    });
  for (auto& t : threads)
    t.join();
  const auto loaded = store.load();
  BOOST_TEST(loaded.malformed_lines == 0u);
  BOOST_TEST(loaded.records.size() == 202u);
  std::set<std::string> unique;
  for (const auto& r : loaded.records)
    unique.insert(r.session_id);
  BOOST_TEST(unique.size() == 202u);
}

BOOST_AUTO_TEST_CASE(concurrent_appends_from_eight_processes) {
  FastTempDir tmp;
  constexpr int k_processes = 8;
  constexpr int k_appends = 500;
  std::vector<pid_t> children;
  for (int p = 0; p < k_processes; ++p)
    children.push_back(spawn_appender(tmp.path(), p, k_appends));
  for (pid_t pid : children)
    BOOST_TEST(wait_for(pid) == 0);
  const core::SessionStore store(tmp.path());
  const auto loaded = store.load();
  BOOST_TEST(loaded.malformed_lines == 0u);
  BOOST_TEST(file_lines(store.path()).size() == std::size_t(k_processes * k_appends));
  std::map<std::string, int> seen;
  for (const auto& r : loaded.records)
    ++seen[r.session_id];
  BOOST_TEST(seen.size() == std::size_t(k_processes * k_appends));
  for (const auto& [id, count] : seen)
    if (count != 1)
      BOOST_ERROR("record " << id << " stored " << count << " times");
}

BOOST_AUTO_TEST_CASE(concurrent_rewrites_and_appends) {
  FastTempDir tmp;
  constexpr int k_appenders = 4;
  constexpr int k_appends = 100;
  constexpr int k_rewriters = 2;
  constexpr int k_cycles = 15;
  std::vector<pid_t> children;
  for (int p = 0; p < k_appenders; ++p)
    children.push_back(spawn_appender(tmp.path(), 0xa0 + p, k_appends));
  for (int w = 0; w < k_rewriters; ++w)
    children.push_back(spawn([&, w] {
      const core::SessionStore store(tmp.path(), quiet);
      for (int c = 0; c < k_cycles; ++c) {
        store.with_lock([&] {
          auto all = store.load_all();
          if (!all.empty())
            all[static_cast<std::size_t>(c) % all.size()]
                .extra_fields["touched_by_" + std::to_string(w)] = c;
          const std::string id = test_id(0xe0 + w, c);
          all.push_back(record_with_id(id));
          store.rewrite(all);
        });
      }
      return 0;
    }));
  for (pid_t pid : children)
    BOOST_TEST(wait_for(pid) == 0);

  const core::SessionStore store(tmp.path());
  const auto loaded = store.load();
  BOOST_TEST(loaded.malformed_lines == 0u);
  std::map<std::string, int> seen;
  for (const auto& r : loaded.records)
    ++seen[r.session_id];
  const std::size_t expected = k_appenders * k_appends + k_rewriters * k_cycles;
  BOOST_TEST(seen.size() == expected);
  BOOST_TEST(loaded.records.size() == expected);
  for (int p = 0; p < k_appenders; ++p)
    for (int i = 0; i < k_appends; ++i) {
      const std::string id = test_id(0xa0 + p, i);
      if (seen[id] != 1)
        BOOST_ERROR("record " << id << " stored " << seen[id] << " times");
    }
  BOOST_TEST(temp_files_in(tmp.path()).empty());
}

// A writer killed at a random moment (SIGKILL: no cleanup at all) never costs a record whose
// append or rewrite had returned, and leaves a store that loads.
BOOST_AUTO_TEST_CASE(killed_writers_lose_nothing_that_was_committed) {
  FastTempDir tmp;
  std::mt19937 rng(std::random_device{}());
  std::set<std::string> committed;
  for (int round = 0; round < 12; ++round) {
    const bool rewriter = round % 2 == 1;
    int pipe_fds[2];
    BOOST_TEST_REQUIRE(::pipe(pipe_fds) == 0);
    const pid_t pid = spawn([&] {
      ::close(pipe_fds[0]);
      const core::SessionStore store(tmp.path(), quiet);
      for (int i = 0;; ++i) {
        const std::string id = test_id(round, i);
        if (rewriter)
          store.rewrite({record_with_id(id)});
        else
          store.append(record_with_id(id));
        const std::string report = std::string(id) + "\n";
        if (::write(pipe_fds[1], report.data(), report.size()) < 0)
          return 1;
      }
    });
    ::close(pipe_fds[1]);
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(5, 40)(rng)));
    ::kill(pid, SIGKILL);
    BOOST_TEST(wait_for(pid) == 128 + SIGKILL);
    std::string reported;
    char buf[4096];
    for (ssize_t n; (n = ::read(pipe_fds[0], buf, sizeof buf)) > 0;)
      reported.append(buf, static_cast<std::size_t>(n));
    ::close(pipe_fds[0]);
    std::istringstream lines(reported);
    for (std::string id; std::getline(lines, id);)
      committed.insert(id);

    const core::SessionStore store(tmp.path(), quiet);
    std::map<std::string, int> seen;
    BOOST_REQUIRE_NO_THROW(store.for_each([&](core::SessionRecord&& r) { ++seen[r.session_id]; }));
    for (const auto& id : committed)
      if (seen[id] != 1)
        BOOST_ERROR("round " << round << ": committed record " << id << " seen " << seen[id]
                             << " times");
  }
  BOOST_TEST(committed.size() > 0u);
  // The next append repairs whatever tail a killed writer left and keeps everything.
  const core::SessionStore store(tmp.path(), quiet);
  store.append(record_with_id("ffffffff"));
  std::set<std::string> ids;
  for (const auto& r : store.load_all())
    ids.insert(r.session_id);
  for (const auto& id : committed)
    BOOST_TEST(ids.contains(id), id);
  BOOST_TEST(ids.contains("ffffffff"));
}

BOOST_AUTO_TEST_SUITE_END()

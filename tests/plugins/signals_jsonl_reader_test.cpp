#include "plugin_test_support.hpp"
#include "temp_dir.hpp"

#include <gptme_sessions/core/signals/jsonl_reader.hpp>

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace sig = gptme_sessions::core::signals;
using gptme_sessions::testing::TempDir;
using gptme_sessions::testing::write_text;

namespace {

struct Collected {
  std::vector<std::string> warnings;
  std::vector<std::size_t> lines;
  std::vector<std::string> ids;
  sig::JsonlStats stats;
};

Collected collect(const std::filesystem::path& path, sig::JsonlReaderOptions options = {}) {
  Collected c;
  sig::JsonlReader reader([&](std::string_view m) { c.warnings.emplace_back(m); }, options);
  c.stats = reader.read(path, [&](const boost::json::value& v, const sig::JsonlLine& line) {
    c.lines.push_back(line.number);
    const auto* id = v.is_object() ? v.get_object().if_contains("id") : nullptr;
    c.ids.push_back(id && id->is_string() ? std::string(id->get_string()) : "-");
    return true;
  });
  return c;
}

bool any_contains(const std::vector<std::string>& items, std::string_view a, std::string_view b) {
  for (const auto& s : items)
    if (s.find(a) != std::string::npos && s.find(b) != std::string::npos)
      return true;
  return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(core_signals_jsonl_reader)

BOOST_AUTO_TEST_CASE(reads_objects_and_skips_blank_lines) {
  TempDir dir;
  write_text(dir / "a.jsonl", "{\"id\": \"1\"}\n\n   \n\t{\"id\": \"2\"}  \r\n{\"id\": \"3\"}");
  const auto c = collect(dir / "a.jsonl");
  BOOST_TEST(c.ids == (std::vector<std::string>{"1", "2", "3"}), boost::test_tools::per_element());
  BOOST_TEST(c.lines == (std::vector<std::size_t>{1, 4, 5}), boost::test_tools::per_element());
  BOOST_TEST(c.warnings.empty());
}

BOOST_AUTO_TEST_CASE(splits_on_newline_only) {
  TempDir dir;
  // A raw CR inside a line does not split it (the line is then invalid JSON, one warning),
  // and U+2028 inside a string is just a character.
  write_text(dir / "a.jsonl", "{\"id\": \"1\"}\r{\"id\": \"x\"}\n{\"id\": \"2\xe2\x80\xa8\"}\n");
  const auto c = collect(dir / "a.jsonl");
  BOOST_TEST(c.ids == (std::vector<std::string>{"2\xe2\x80\xa8"}),
             boost::test_tools::per_element());
  BOOST_TEST(c.lines == (std::vector<std::size_t>{2}), boost::test_tools::per_element());
  BOOST_REQUIRE(c.warnings.size() == 1u);
  BOOST_TEST(c.warnings[0].find("a.jsonl:1:") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(damaged_lines_are_named_and_skipped) {
  TempDir dir;
  write_text(dir / "a.jsonl",
             "{\"id\": \"1\"}\n"
             "{not json}\n"
             "42\n"
             "[1, 2]\n"
             "{\"id\": \"bad \xff utf8\"}\n"
             "{\"id\": \"5\"}\n"
             "{\"id\": \"half");
  const auto c = collect(dir / "a.jsonl");
  BOOST_TEST(c.ids == (std::vector<std::string>{"1", "5"}), boost::test_tools::per_element());
  BOOST_TEST(c.stats.damaged == 5u);
  BOOST_TEST(c.stats.invalid_utf8 == 1u);
  BOOST_TEST(any_contains(c.warnings, "a.jsonl:2:", "not valid JSON"));
  BOOST_TEST(any_contains(c.warnings, "a.jsonl:3:", "not a JSON object"));
  BOOST_TEST(any_contains(c.warnings, "a.jsonl:4:", "not a JSON object"));
  BOOST_TEST(any_contains(c.warnings, "a.jsonl:5:", "not valid UTF-8"));
  BOOST_TEST(any_contains(c.warnings, "a.jsonl:7:", "incomplete last line"));
}

BOOST_AUTO_TEST_CASE(non_objects_can_be_kept_for_format_sniffing) {
  TempDir dir;
  write_text(dir / "a.jsonl", "42\n{\"id\": \"1\"}\n");
  sig::JsonlReaderOptions options;
  options.keep_non_objects = true;
  const auto c = collect(dir / "a.jsonl", options);
  BOOST_TEST(c.ids == (std::vector<std::string>{"-", "1"}), boost::test_tools::per_element());
  BOOST_TEST(c.warnings.empty());
}

BOOST_AUTO_TEST_CASE(invalid_utf8_can_be_tolerated) {
  TempDir dir;
  write_text(dir / "a.jsonl", "{\"id\": \"bad \xff\"}\n");
  sig::JsonlReaderOptions options;
  options.allow_invalid_utf8 = true;
  const auto c = collect(dir / "a.jsonl", options);
  BOOST_TEST(c.ids.size() == 1u);
  BOOST_TEST(c.warnings.empty());
}

BOOST_AUTO_TEST_CASE(warnings_are_capped_per_file) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 12; ++i)
    text += "garbage\n";
  text += "{\"id\": \"ok\"}\n";
  write_text(dir / "a.jsonl", text);
  const auto c = collect(dir / "a.jsonl");
  BOOST_TEST(c.ids == (std::vector<std::string>{"ok"}), boost::test_tools::per_element());
  BOOST_TEST(c.warnings.size() == 6u);
  BOOST_TEST(c.warnings.back().find("7 more damaged line(s) skipped") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_50_megabyte_line_is_skipped_without_holding_it) {
  TempDir dir;
  {
    std::ofstream out(dir / "big.jsonl", std::ios::binary);
    out << "{\"id\": \"before\"}\n{\"id\": \"";
    const std::string block(1 << 20, 'x');
    for (int i = 0; i < 50; ++i)
      out << block;
    out << "\"}\n{\"id\": \"after\"}\n";
  }
  sig::JsonlReaderOptions options;
  options.max_line_bytes = std::size_t{16} << 20;
  const auto c = collect(dir / "big.jsonl", options);
  BOOST_TEST(c.ids == (std::vector<std::string>{"before", "after"}),
             boost::test_tools::per_element());
  BOOST_TEST(c.lines == (std::vector<std::size_t>{1, 3}), boost::test_tools::per_element());
  BOOST_REQUIRE(c.warnings.size() == 1u);
  BOOST_TEST(c.warnings[0].find("big.jsonl:2: longer than 16777216 bytes") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_long_line_within_the_limit_is_parsed) {
  TempDir dir;
  {
    std::ofstream out(dir / "long.jsonl", std::ios::binary);
    out << "{\"id\": \"long\", \"text\": \"" << std::string(3 << 20, 'y') << "\"}\n";
  }
  const auto c = collect(dir / "long.jsonl");
  BOOST_TEST(c.ids == (std::vector<std::string>{"long"}), boost::test_tools::per_element());
  BOOST_TEST(c.warnings.empty());
}

BOOST_AUTO_TEST_CASE(empty_and_binary_files) {
  TempDir dir;
  write_text(dir / "empty.jsonl", "");
  auto c = collect(dir / "empty.jsonl");
  BOOST_TEST(c.ids.empty());
  BOOST_TEST(c.warnings.empty());
  BOOST_TEST(c.stats.lines == 0u);

  std::string binary;
  for (int i = 0; i < 4096; ++i)
    binary += static_cast<char>((i * 131) % 256);
  write_text(dir / "binary.jsonl", binary);
  c = collect(dir / "binary.jsonl");
  BOOST_TEST(c.ids.empty());
  BOOST_TEST(!c.warnings.empty());
  BOOST_TEST(c.warnings.front().find("binary.jsonl:") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unreadable_paths_throw_with_the_path) {
  // Running as root, permissions do not stop reads; a directory and a missing file are the
  // unreadable paths every user can produce.
  TempDir dir;
  sig::JsonlReader reader(nullptr);
  auto ignore = [](const boost::json::value&, const sig::JsonlLine&) { return true; };
  BOOST_CHECK_EXCEPTION(
      reader.read(dir.path(), ignore), sig::JsonlReadError, [&](const sig::JsonlReadError& e) {
        return std::string(e.what()).find("is a directory") != std::string::npos;
      });
  BOOST_CHECK_EXCEPTION(reader.read(dir / "missing.jsonl", ignore),
                        sig::JsonlReadError,
                        [&](const sig::JsonlReadError& e) {
                          return std::string(e.what()).find("missing.jsonl") != std::string::npos;
                        });
}

BOOST_AUTO_TEST_CASE(the_callback_can_stop_early) {
  TempDir dir;
  write_text(dir / "a.jsonl", "{\"id\": \"1\"}\n{\"id\": \"2\"}\n");
  sig::JsonlReader reader(nullptr);
  int seen = 0;
  const auto stats =
      reader.read(dir / "a.jsonl", [&](const boost::json::value&, const sig::JsonlLine&) {
        ++seen;
        return false;
      });
  BOOST_TEST(seen == 1);
  BOOST_TEST(stats.stopped_early);
}

BOOST_AUTO_TEST_CASE(head_values_outlive_the_reader) {
  TempDir dir;
  write_text(dir / "a.jsonl", "42\n{\"type\": \"user\"}\n{\"role\": \"x\"}\n{\"id\": 4}\n");
  const auto head = sig::read_jsonl_head(dir / "a.jsonl", 3);
  BOOST_REQUIRE(head.size() == 3u);
  BOOST_TEST(head[0].as_int64() == 42);
  BOOST_TEST(head[1].at("type").as_string() == "user");
  BOOST_TEST(head[2].at("role").as_string() == "x");
  BOOST_TEST(sig::read_jsonl_head(dir / "a.jsonl", 0).empty());
  BOOST_CHECK_THROW(sig::read_jsonl_head(dir / "missing.jsonl", 3), sig::JsonlReadError);
}

BOOST_AUTO_TEST_SUITE_END()

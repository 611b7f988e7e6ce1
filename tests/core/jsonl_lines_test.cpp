// core/src/jsonl_lines.cpp is internal to the library; this test compiles it in.
#include "jsonl_lines.hpp"
#include "temp_dir.hpp"

#include <gptme_sessions/core/json_writer.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

namespace core = gptme_sessions::core;
namespace detail = gptme_sessions::core::detail;
namespace json = boost::json;
using gptme_sessions::testing::TempDir;

namespace {

struct ReadLine {
  std::string text;
  std::uint64_t offset;
  std::size_t number;
};

std::vector<ReadLine>
read_all(const std::filesystem::path& path, const std::string& content, std::size_t buffer) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  BOOST_TEST_REQUIRE(fd >= 0);
  detail::LineReader reader(fd, path, buffer);
  std::vector<ReadLine> lines;
  detail::LineReader::Line line;
  while (reader.next(line))
    lines.push_back({std::string(line.text), line.offset, line.number});
  ::close(fd);
  return lines;
}

std::string parse_error(std::string_view text) {
  json::value value;
  std::string error;
  BOOST_TEST(!detail::parse_json_text(text, value, error), "unexpectedly parsed: " << text);
  return error;
}

json::value parse_ok(std::string_view text) {
  json::value value;
  std::string error;
  BOOST_TEST(detail::parse_json_text(text, value, error), error);
  return value;
}

} // namespace

BOOST_AUTO_TEST_SUITE(core_jsonl_lines)

BOOST_AUTO_TEST_CASE(line_reader_splits_at_newlines_with_offsets) {
  TempDir tmp;
  // Lines shorter than, equal to and much longer than the buffer; a blank line; no final '\n'.
  const std::vector<std::string> lines = {
      "a", "", std::string(7, 'b'), std::string(8, 'c'), std::string(50, 'd'), "\r", "tail"};
  std::string content;
  for (std::size_t i = 0; i < lines.size(); ++i)
    content += lines[i] + (i + 1 < lines.size() ? "\n" : "");
  for (std::size_t buffer : {1u, 2u, 7u, 8u, 9u, 64u, 1u << 20}) {
    BOOST_TEST_CONTEXT("buffer " << buffer) {
      const auto got = read_all(tmp / "f.jsonl", content, buffer);
      BOOST_TEST_REQUIRE(got.size() == lines.size());
      std::uint64_t offset = 0;
      for (std::size_t i = 0; i < lines.size(); ++i) {
        BOOST_TEST(got[i].text == lines[i]);
        BOOST_TEST(got[i].offset == offset);
        BOOST_TEST(got[i].number == i + 1);
        offset += lines[i].size() + 1;
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(line_reader_edge_files) {
  TempDir tmp;
  BOOST_TEST(read_all(tmp / "f", "", 4).empty());
  const auto blanks = read_all(tmp / "f", "\n\n", 4);
  BOOST_TEST_REQUIRE(blanks.size() == 2u);
  BOOST_TEST(blanks[1].text.empty());
  BOOST_TEST(blanks[1].offset == 1u);
  const auto one = read_all(tmp / "f", "{}\n", 4);
  BOOST_TEST_REQUIRE(one.size() == 1u);
  BOOST_TEST(one[0].text == "{}");
}

BOOST_AUTO_TEST_CASE(strip_and_fingerprint) {
  BOOST_TEST(detail::strip_ascii_whitespace(" \t{\"a\": 1}\r") == "{\"a\": 1}");
  BOOST_TEST(detail::strip_ascii_whitespace("\v\f \n").empty());
  BOOST_TEST(detail::strip_ascii_whitespace("x") == "x");
  // Published FNV-1a 64 test vectors.
  BOOST_TEST(detail::fnv1a64("") == 0xcbf29ce484222325ULL);
  BOOST_TEST(detail::fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  BOOST_TEST(detail::fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

BOOST_AUTO_TEST_CASE(parses_python_non_finite_literals_outside_strings_only) {
  const json::value v =
      parse_ok(R"({"a": NaN, "b": [Infinity, -Infinity], "c": "NaN Infinity", "d": "\"NaN"})");
  BOOST_TEST(std::isnan(v.at("a").as_double()));
  BOOST_TEST(v.at("b").at(0).as_double() == HUGE_VAL);
  BOOST_TEST(v.at("b").at(1).as_double() == -HUGE_VAL);
  BOOST_TEST(v.at("c").as_string() == "NaN Infinity");
  BOOST_TEST(v.at("d").as_string() == "\"NaN");
  BOOST_TEST(core::to_json(v) ==
             R"({"a": NaN, "b": [Infinity, -Infinity], "c": "NaN Infinity", "d": "\"NaN"})");
  // The stand-in for NaN can never be confused with a real string.
  BOOST_TEST(parse_ok(R"(["\u0000NaN"])").at(0).is_string());
  parse_error(R"(["\u0000", NaN])");
  parse_error("NaNa");
  parse_error("[nan]");
}

BOOST_AUTO_TEST_CASE(reports_why_a_text_is_not_json) {
  BOOST_TEST(parse_error("{\"a\": \"\xff\"}") == "invalid UTF-8 (byte 0xff at column 8)");
  BOOST_TEST(parse_error("{not json").starts_with("invalid JSON: "));
  BOOST_TEST(parse_error("").starts_with("invalid JSON: "));
  BOOST_TEST(parse_error("{} {}").starts_with("invalid JSON: "));
}

BOOST_AUTO_TEST_CASE(nesting_limit_close_to_pythons) {
  const auto nested = [](int depth) {
    return std::string(static_cast<std::size_t>(depth), '[') + "1" +
           std::string(static_cast<std::size_t>(depth), ']');
  };
  parse_ok(nested(1000));
  parse_error(nested(1001));
}

BOOST_AUTO_TEST_CASE(large_text_uses_its_own_parser) {
  const std::string big = "{\"k\": \"" + std::string((1u << 20) + 10, 'z') + "\"}";
  BOOST_TEST(parse_ok(big).at("k").as_string().size() == (1u << 20) + 10);
  BOOST_TEST(parse_ok("[1, 2]").as_array().size() == 2u); // the shared parser still works
}

BOOST_AUTO_TEST_SUITE_END()

#include <gptme_sessions/core/text_format.hpp>

#include <boost/test/unit_test.hpp>

#include <string>

namespace core = gptme_sessions::core;

BOOST_AUTO_TEST_SUITE(core_text_format)

BOOST_AUTO_TEST_CASE(code_points) {
  BOOST_TEST(core::code_point_count("") == 0u);
  BOOST_TEST(core::code_point_count("abc") == 3u);
  BOOST_TEST(core::code_point_count("a\xC3\x97"
                                    "b") == 3u);
  BOOST_TEST(core::code_point_count("\xF0\x9F\x98\x80") == 1u);
  BOOST_TEST(core::code_point_prefix("2026-03-01T10:00", 10) == "2026-03-01");
  BOOST_TEST(core::code_point_prefix("\xC3\xA9\xC3\xA9\xC3\xA9", 2) == "\xC3\xA9\xC3\xA9");
  BOOST_TEST(core::code_point_prefix("ab", 10) == "ab");
}

BOOST_AUTO_TEST_CASE(padding_never_truncates) {
  std::string out;
  core::append_padded_left(out, "\xC3\x97", 3);
  BOOST_TEST(out == "\xC3\x97  ");
  out.clear();
  core::append_padded_right(out, "<1m", 7);
  BOOST_TEST(out == "    <1m");
  out.clear();
  core::append_padded_left(out, "toolong", 3);
  BOOST_TEST(out == "toolong");
}

BOOST_AUTO_TEST_CASE(numbers) {
  std::string out;
  core::append_int(out, 5, 3);
  core::append_int(out, 12345, 3);
  core::append_int(out, -7, 0);
  BOOST_TEST(out == "  512345-7");
  out.clear();
  core::append_fixed(out, 12.5, 1, 4);
  core::append_fixed(out, 2.5, 0);
  core::append_fixed(out, 3.5, 0);
  BOOST_TEST(out == "12.524");
  BOOST_TEST(core::percent(0.125) == "12");
  BOOST_TEST(core::percent(0.375) == "38");
  BOOST_TEST(core::percent(2.0 / 3.0) == "67");
  BOOST_TEST(core::percent(1.0) == "100");
  BOOST_TEST(core::percent(0.0) == "0");
}

BOOST_AUTO_TEST_CASE(thousands_separators) {
  BOOST_TEST(core::thousands(0) == "0");
  BOOST_TEST(core::thousands(999) == "999");
  BOOST_TEST(core::thousands(1000) == "1,000");
  BOOST_TEST(core::thousands(123456) == "123,456");
  BOOST_TEST(core::thousands(1234567) == "1,234,567");
  BOOST_TEST(core::thousands(-1234) == "-1,234");
}

BOOST_AUTO_TEST_CASE(project_names) {
  BOOST_TEST(core::project_display_name("/home/u/proj-alpha") == "proj-alpha");
  BOOST_TEST(core::project_display_name("/home/u/proj-beta/") == "proj-beta");
  BOOST_TEST(core::project_display_name("proj-alpha") == "proj-alpha");
  BOOST_TEST(core::project_display_name("a/b//") == "b");
  BOOST_TEST(core::project_display_name("/") == "");
}

BOOST_AUTO_TEST_SUITE_END()

// core/src/utf8.cpp is internal to the library; this test compiles it in (see CMakeLists.txt).
#include "utf8.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

namespace detail = gptme_sessions::core::detail;

BOOST_AUTO_TEST_SUITE(core_utf8)

BOOST_AUTO_TEST_CASE(decodes_well_formed_sequences) {
  const std::pair<std::string, char32_t> cases[] = {
      {"A", U'A'},
      {"\x7f", 0x7F},
      {"\xc2\x80", 0x80},
      {"\xc3\xa9", 0xE9},
      {"\xdf\xbf", 0x7FF},
      {"\xe0\xa0\x80", 0x800},
      {"\xe2\x80\x94", 0x2014},
      {"\xed\x9f\xbf", 0xD7FF},
      {"\xee\x80\x80", 0xE000},
      {"\xef\xbf\xbd", 0xFFFD},
      {"\xf0\x90\x80\x80", 0x10000},
      {"\xf0\x9f\x98\x80", 0x1F600},
      {"\xf4\x8f\xbf\xbf", 0x10FFFF},
  };
  for (const auto& [bytes, cp] : cases) {
    const auto decoded = detail::decode_utf8(bytes, 0);
    BOOST_TEST(decoded.length == bytes.size());
    BOOST_TEST(static_cast<unsigned>(decoded.code_point) == static_cast<unsigned>(cp));
  }
}

BOOST_AUTO_TEST_CASE(rejects_ill_formed_sequences) {
  for (const std::string bytes : {"\x80",             // stray continuation
                                  "\xbf",             // stray continuation
                                  "\xc0\x80",         // overlong NUL
                                  "\xc1\xbf",         // overlong
                                  "\xe0\x9f\xbf",     // overlong 3-byte
                                  "\xf0\x8f\xbf\xbf", // overlong 4-byte
                                  "\xed\xa0\x80",     // UTF-16 surrogate
                                  "\xed\xbf\xbf",     // UTF-16 surrogate
                                  "\xf4\x90\x80\x80", // above U+10FFFF
                                  "\xf5\x80\x80\x80", // invalid lead
                                  "\xff",             // invalid lead
                                  "\xc3",             // truncated
                                  "\xe2\x80",         // truncated
                                  "\xe2\x28\xa1"})    // bad continuation
    BOOST_TEST(detail::decode_utf8(bytes, 0).length == 0u);
}

BOOST_AUTO_TEST_CASE(finds_the_first_invalid_byte) {
  BOOST_TEST(!detail::find_invalid_utf8("").has_value());
  BOOST_TEST(
      !detail::find_invalid_utf8("plain ascii, long enough to use the fast path").has_value());
  BOOST_TEST(
      !detail::find_invalid_utf8("caf\xc3\xa9 \xf0\x9f\x98\x80 \xe2\x80\x94 ok").has_value());
  // Every position around the eight-byte ASCII skip.
  for (std::size_t pos = 0; pos < 20; ++pos) {
    std::string text(24, 'a');
    text[pos] = '\xff';
    BOOST_TEST(detail::find_invalid_utf8(text).value_or(999) == pos);
    text[pos] = '\xc3'; // a lead byte followed by ASCII
    BOOST_TEST(detail::find_invalid_utf8(text).value_or(999) == pos);
  }
  BOOST_TEST(*detail::find_invalid_utf8("abcdefgh\xc3\xa9\x80") == 10u);
  BOOST_TEST(*detail::find_invalid_utf8("abc\xe2\x82") == 3u);
}

BOOST_AUTO_TEST_SUITE_END()

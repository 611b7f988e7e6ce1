// core/src/python_text_scan.hpp is internal to the library; unit_core has core/src on its
// include path.
#include "python_text_scan.hpp"

#include <boost/test/unit_test.hpp>

#include <string_view>

namespace detail = gptme_sessions::core::signals::detail;

BOOST_AUTO_TEST_SUITE(core_python_text_scan)

BOOST_AUTO_TEST_CASE(spaces_are_pythons_including_multibyte_ones) {
  // "\u00a0" and "\u3000" are str.isspace() in Python.
  const std::string_view text = " \t\xc2\xa0\xe3\x80\x80x y";
  BOOST_TEST(detail::space_at(text, 0) == 1u);
  BOOST_TEST(detail::space_at(text, 2) == 2u);
  BOOST_TEST(detail::space_at(text, 4) == 3u);
  BOOST_TEST(detail::space_at(text, 7) == 0u); // 'x'
  BOOST_TEST(detail::space_at(text, text.size()) == 0u);
  BOOST_TEST(detail::skip_spaces(text, 0) == 7u);
  BOOST_TEST(detail::skip_spaces(text, 7) == 7u);
  BOOST_TEST(detail::skip_spaces(text, 8) == 9u);
}

BOOST_AUTO_TEST_CASE(word_characters_are_pythons_backslash_w) {
  const std::string_view text = "a_9-\xc3\xa9 ";
  BOOST_TEST(detail::word_at(text, 0));
  BOOST_TEST(detail::word_at(text, 1));
  BOOST_TEST(detail::word_at(text, 2));
  BOOST_TEST(!detail::word_at(text, 3));
  BOOST_TEST(detail::word_at(text, 4)); // U+00E9
  BOOST_TEST(!detail::word_at(text, 6));
  BOOST_TEST(!detail::word_at(text, text.size()));
}

BOOST_AUTO_TEST_SUITE_END()

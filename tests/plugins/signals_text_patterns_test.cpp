#include <gptme_sessions/core/signals/text_patterns.hpp>

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace sig = gptme_sessions::core::signals;

namespace {

std::vector<std::string> commits(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& m : sig::find_commits(text))
    out.push_back(m.display());
  return out;
}

using Strings = std::vector<std::string>;

} // namespace

BOOST_AUTO_TEST_SUITE(core_signals_text_patterns)

// Every expectation below is what the reference's regex
// \[(?:master|main|[a-zA-Z0-9_/-]+)\s+([0-9a-f]{7,12})\]\s+(.+?)(?:\n|$) yields in Python.
BOOST_AUTO_TEST_CASE(commit_pattern_accepts_branch_forms) {
  BOOST_TEST(commits("[main 3f9c2e1] feat(cli): add --verbose flag\n 2 files changed") ==
                 Strings{"feat(cli): add --verbose flag (3f9c2e1)"},
             boost::test_tools::per_element());
  BOOST_TEST(commits("[master 0123456789ab] chore: twelve") ==
                 Strings{"chore: twelve (0123456789ab)"},
             boost::test_tools::per_element());
  BOOST_TEST(commits("[fix/paginate-last-page 5d2e8a1] fix(paginate): keep the last page\n") ==
                 Strings{"fix(paginate): keep the last page (5d2e8a1)"},
             boost::test_tools::per_element());
  BOOST_TEST(commits("[feature_x-2 abcdef0] x") == Strings{"x (abcdef0)"},
             boost::test_tools::per_element());
  BOOST_TEST(commits("[a/b/c 1234567] nested branch") == Strings{"nested branch (1234567)"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(commit_pattern_rejects_other_branch_forms) {
  BOOST_TEST(commits("[v1.2 abc1234] dotted").empty());
  BOOST_TEST(commits("[main (root-commit) abc1234] root").empty());
  BOOST_TEST(commits("[detached HEAD abc1234] detached").empty());
  BOOST_TEST(commits("[ abc1234] no branch").empty());
  BOOST_TEST(commits("[main ABC1234] upper-case hash").empty());
  BOOST_TEST(commits("[main abc123] six hex digits").empty());
  BOOST_TEST(commits("[main abc1234567890] thirteen hex digits").empty());
  BOOST_TEST(commits("[main abc1234]glued").empty());
  BOOST_TEST(commits("[mainabc1234] no space").empty());
}

BOOST_AUTO_TEST_CASE(commit_pattern_whitespace_and_message_edges) {
  BOOST_TEST(commits("[main\t\tabc1234]\t  spaced message  \nnext") ==
                 Strings{"spaced message (abc1234)"},
             boost::test_tools::per_element());
  BOOST_TEST(commits("[main abc1234]\nmsg on next line") == Strings{"msg on next line (abc1234)"},
             boost::test_tools::per_element());
  BOOST_TEST(commits("[main abc1234] ").empty());
  BOOST_TEST(commits("[main abc1234]  ") == Strings{" (abc1234)"},
             boost::test_tools::per_element());
  BOOST_TEST(commits("[main abc1234] \n").empty());
  BOOST_TEST(commits("[main abc1234] \nx") == Strings{"x (abc1234)"},
             boost::test_tools::per_element());
  BOOST_TEST(commits("[[main abc1234] nested") == Strings{"nested (abc1234)"},
             boost::test_tools::per_element());
  // '.' matches U+2028; only '\n' ends the message.
  BOOST_TEST(commits("[main  abc1234] \xc3\xa9 message\xe2\x80\xa8 more") ==
                 Strings{"\xc3\xa9 message\xe2\x80\xa8 more (abc1234)"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(commit_pattern_finds_every_match_in_order) {
  BOOST_TEST(commits("[a 1111111] one\n[b 2222222] two\n[c 3333333] three") ==
                 (Strings{"one (1111111)", "two (2222222)", "three (3333333)"}),
             boost::test_tools::per_element());
  const auto matches = sig::find_commits("[main 5d2e8a1] fix: x");
  BOOST_REQUIRE(matches.size() == 1u);
  BOOST_TEST(matches[0].hash == "5d2e8a1");
  BOOST_TEST(matches[0].message == "fix: x");
}

BOOST_AUTO_TEST_CASE(warning_phrases_count_error_colon_and_whole_words) {
  BOOST_TEST(sig::count_warning_phrases("all good") == 0);
  BOOST_TEST(sig::count_warning_phrases("Error: boom; ERROR: again") == 2);
  BOOST_TEST(sig::count_warning_phrases("1 failed, 2 failures, 1 FAILURE") == 3);
  BOOST_TEST(sig::count_warning_phrases("Traceback (most recent call last)\nValueError") == 1);
  BOOST_TEST(sig::count_warning_phrases("raised an Exception") == 1);
  // Whole words only: no match inside identifiers.
  BOOST_TEST(sig::count_warning_phrases("test_failed_case failedx exceptional _failure") == 0);
  BOOST_TEST(sig::count_warning_phrases("myerror: still counts") == 1);
  // A non-ASCII letter is a word character, so it glues the word.
  BOOST_TEST(sig::count_warning_phrases("\xc3\xa9"
                                        "failed") == 0);
  BOOST_TEST(sig::count_warning_phrases("\xe2\x9c\x93 failed") == 1);
}

BOOST_AUTO_TEST_CASE(warning_phrases_scan_head_and_tail_of_long_outputs) {
  std::string text =
      "failed " + std::string(3000, 'x') + " traceback " + std::string(3000, 'y') + " exception";
  // Longer than 4000 characters: only the first and last 2000 are scanned.
  BOOST_TEST(sig::count_warning_phrases(text) == 2);
  BOOST_TEST(sig::count_warning_phrases(std::string(3990, 'x') + " failed") == 1);
}

BOOST_AUTO_TEST_CASE(utf8_helpers_count_code_points) {
  const std::string text = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80z"; // a é € 😀 z
  BOOST_TEST(sig::utf8_length(text) == 5u);
  BOOST_TEST(sig::utf8_prefix(text, 2) == "a\xc3\xa9");
  BOOST_TEST(sig::utf8_suffix(text, 2) == "\xf0\x9f\x98\x80z");
  BOOST_TEST(sig::utf8_prefix(text, 10) == text);
  BOOST_TEST(sig::utf8_valid(text));
  BOOST_TEST(!sig::utf8_valid("\xff"));
  BOOST_TEST(!sig::utf8_valid("\xc3"));
  BOOST_TEST(!sig::utf8_valid("\xed\xa0\x80")); // surrogate
  BOOST_TEST(!sig::utf8_valid("\xc0\xaf"));     // overlong
}

BOOST_AUTO_TEST_CASE(python_strip_removes_unicode_whitespace) {
  BOOST_TEST(sig::python_strip(" \t\r\n x y \xc2\xa0\xe2\x80\xa8") == "x y");
  BOOST_TEST(sig::python_strip("   ").empty());
  BOOST_TEST(sig::python_strip("\xe2\x9c\x93") == "\xe2\x9c\x93");
}

BOOST_AUTO_TEST_SUITE_END()

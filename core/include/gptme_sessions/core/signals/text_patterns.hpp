// Text patterns the reference applies with Python `re` on str (Unicode \s, \w, \b), written
// by hand so they run in linear time on multi-megabyte tool outputs.
#pragma once

#include <gptme_sessions/core/export.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gptme_sessions::core::signals {

// One match of the commit pattern (spec §7.2): "[<branch> <7-12 hex>] <message>".
struct CommitMatch {
  std::string hash;
  std::string message; // stripped
  // "<message> (<hash>)", the form stored in git_commits.
  std::string display() const { return message + " (" + hash + ")"; }
};

// Every non-overlapping match in text, in order.
GPTME_SESSIONS_CORE_EXPORT std::vector<CommitMatch> find_commits(std::string_view text);

// warning_phrase_count contribution of one tool result (spec §4.3 step 4).
GPTME_SESSIONS_CORE_EXPORT int count_warning_phrases(std::string_view text);

// The first n code points of UTF-8 text (Python text[:n]).
GPTME_SESSIONS_CORE_EXPORT std::string_view utf8_prefix(std::string_view text, std::size_t n);
// The last n code points of UTF-8 text (Python text[-n:]).
GPTME_SESSIONS_CORE_EXPORT std::string_view utf8_suffix(std::string_view text, std::size_t n);
GPTME_SESSIONS_CORE_EXPORT std::size_t utf8_length(std::string_view text);
GPTME_SESSIONS_CORE_EXPORT bool utf8_valid(std::string_view text);

// Decodes the code point at text[pos]; returns its byte length (>= 1, invalid bytes count as
// one code point of their own value).
GPTME_SESSIONS_CORE_EXPORT std::size_t
utf8_decode(std::string_view text, std::size_t pos, char32_t& cp);

// Python's str.isspace() / \s for one code point.
GPTME_SESSIONS_CORE_EXPORT bool is_python_space(char32_t cp);
// Python's \w for one code point (letters and digits of the common scripts, and '_').
GPTME_SESSIONS_CORE_EXPORT bool is_python_word(char32_t cp);

// Python str.strip() with no argument.
GPTME_SESSIONS_CORE_EXPORT std::string_view python_strip(std::string_view text);

// Python str.lower() for ASCII letters; other bytes are copied.
GPTME_SESSIONS_CORE_EXPORT std::string ascii_lower(std::string_view text);

} // namespace gptme_sessions::core::signals

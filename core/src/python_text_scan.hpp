// Scanning UTF-8 text with Python's \s and \w classes, for the hand-written matchers of the
// reference's regular expressions (commit messages, shell commands). Internal to core.
#pragma once

#include <gptme_sessions/core/signals/text_patterns.hpp>

#include <cstddef>
#include <string_view>

namespace gptme_sessions::core::signals::detail {

// Byte length of the whitespace code point at pos; 0 when there is none.
inline std::size_t space_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size())
    return 0;
  char32_t cp = 0;
  const std::size_t len = utf8_decode(text, pos, cp);
  return is_python_space(cp) ? len : 0;
}

// Past \s* from pos.
inline std::size_t skip_spaces(std::string_view text, std::size_t pos) {
  while (std::size_t len = space_at(text, pos))
    pos += len;
  return pos;
}

// Whether a \w code point starts at pos.
inline bool word_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size())
    return false;
  char32_t cp = 0;
  utf8_decode(text, pos, cp);
  return is_python_word(cp);
}

} // namespace gptme_sessions::core::signals::detail

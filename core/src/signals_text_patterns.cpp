#include "python_text_scan.hpp"

#include <gptme_sessions/core/signals/text_patterns.hpp>

#include <cstring>

namespace gptme_sessions::core::signals {
namespace {

using detail::skip_spaces;
using detail::space_at;
using detail::word_at;

bool is_branch_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '/' || c == '-';
}

bool is_lower_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

// Whether the code point ending just before pos is a word character.
bool word_before(std::string_view text, std::size_t pos) {
  if (pos == 0)
    return false;
  std::size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80 && pos - start < 4)
    --start;
  char32_t cp = 0;
  utf8_decode(text, start, cp);
  return is_python_word(cp);
}

// Tries the commit pattern at text[open] == '['. On success fills match and returns the end
// of the match (after the newline that terminated the message, if any).
std::size_t match_commit_at(std::string_view text, std::size_t open, CommitMatch& match) {
  std::size_t pos = open + 1;
  const std::size_t branch_start = pos;
  while (pos < text.size() && is_branch_char(text[pos]))
    ++pos;
  if (pos == branch_start)
    return 0;
  const std::size_t after_branch = skip_spaces(text, pos);
  if (after_branch == pos)
    return 0;
  pos = after_branch;
  const std::size_t hash_start = pos;
  while (pos < text.size() && is_lower_hex(text[pos]))
    ++pos;
  const std::size_t hash_len = pos - hash_start;
  if (hash_len < 7 || hash_len > 12 || pos >= text.size() || text[pos] != ']')
    return 0;
  const std::size_t after_bracket = pos + 1;
  const std::size_t run_end = skip_spaces(text, after_bracket);
  if (run_end == after_bracket)
    return 0;
  std::size_t msg_start = run_end;
  if (run_end == text.size()) {
    // \s+ backtracks: the message must take one whitespace character that is not '\n'.
    std::size_t candidate = std::string_view::npos;
    for (std::size_t p = after_bracket; p < run_end;) {
      const std::size_t len = space_at(text, p);
      if (p != after_bracket && text[p] != '\n')
        candidate = p;
      p += len;
    }
    if (candidate == std::string_view::npos)
      return 0;
    msg_start = candidate;
  }
  std::size_t msg_end = text.find('\n', msg_start);
  std::size_t end = msg_end == std::string_view::npos ? text.size() : msg_end + 1;
  if (msg_end == std::string_view::npos)
    msg_end = text.size();
  match.hash.assign(text.substr(hash_start, hash_len));
  match.message.assign(python_strip(text.substr(msg_start, msg_end - msg_start)));
  return end;
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Case-insensitive match of a lower-case ASCII word at pos.
bool iequals_at(std::string_view s, std::size_t pos, std::string_view word) {
  if (s.size() - pos < word.size())
    return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (lower(s[pos + i]) != word[i])
      return false;
  return true;
}

// Matches of error: and the whole words failed, failure(s), traceback, exception, as the
// reference's regex finds them in the lower-cased text.
int count_phrases_in(std::string_view s) {
  struct Word {
    std::string_view text;
    bool whole_word;
  };
  // "failures" before "failure": the longer alternative wins at the same position.
  static constexpr Word k_words[] = {{"error:", false},
                                     {"exception", true},
                                     {"failures", true},
                                     {"failure", true},
                                     {"failed", true},
                                     {"traceback", true}};
  int count = 0;
  std::size_t pos = 0;
  while (pos + 1 < s.size()) {
    const char c = lower(s[pos]);
    const char next = lower(s[pos + 1]);
    // Cheap filter on the first two letters: er, ex, fa, tr.
    if (!((c == 'e' && (next == 'r' || next == 'x')) || (c == 'f' && next == 'a') ||
          (c == 't' && next == 'r'))) {
      ++pos;
      continue;
    }
    std::size_t matched = 0;
    for (const auto& word : k_words) {
      if (word.text[0] != c || !iequals_at(s, pos, word.text))
        continue;
      if (word.whole_word && (word_before(s, pos) || word_at(s, pos + word.text.size())))
        continue;
      matched = word.text.size();
      break;
    }
    pos += matched > 0 ? matched : 1;
    count += matched > 0;
  }
  return count;
}

} // namespace

std::size_t utf8_decode(std::string_view text, std::size_t pos, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(text[pos]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (len == 0 || pos + len > text.size() || b0 > 0xF4) {
    cp = b0;
    return 1;
  }
  char32_t value = b0 & (0x3F >> (len - 1));
  for (std::size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(text[pos + i]);
    if ((b & 0xC0) != 0x80) {
      cp = b0;
      return 1;
    }
    value = (value << 6) | (b & 0x3F);
  }
  cp = value;
  return len;
}

bool utf8_valid(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto b0 = static_cast<unsigned char>(text[pos]);
    if (b0 < 0x80) {
      ++pos;
      continue;
    }
    std::size_t len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 ? 2 : 0;
    if (len == 0 || b0 > 0xF4 || pos + len > text.size())
      return false;
    char32_t cp = 0;
    if (utf8_decode(text, pos, cp) != len)
      return false;
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    pos += len;
  }
  return true;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (char c : text)
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string_view utf8_prefix(std::string_view text, std::size_t n) {
  std::size_t pos = 0, count = 0;
  while (pos < text.size()) {
    if ((static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80) {
      if (count == n)
        break;
      ++count;
    }
    ++pos;
  }
  return text.substr(0, pos);
}

std::string_view utf8_suffix(std::string_view text, std::size_t n) {
  if (n == 0)
    return text.substr(text.size());
  std::size_t pos = text.size(), count = 0;
  while (pos > 0) {
    --pos;
    if ((static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80 && ++count == n)
      break;
  }
  return text.substr(pos);
}

bool is_python_space(char32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0 ||
         cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool is_python_word(char32_t cp) {
  if (cp < 0x80)
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           cp == '_';
  struct Range {
    char32_t lo, hi;
  };
  // Letters and digits of the scripts that show up in tool output; approximates
  // str.isalnum() without a Unicode database.
  static constexpr Range k_ranges[] = {
      {0xAA, 0xAA},       {0xB2, 0xB3},     {0xB5, 0xB5},     {0xB9, 0xBA},     {0xBC, 0xBE},
      {0xC0, 0xD6},       {0xD8, 0xF6},     {0xF8, 0x2C1},    {0x370, 0x373},   {0x376, 0x377},
      {0x37B, 0x37D},     {0x386, 0x386},   {0x388, 0x3FF},   {0x400, 0x481},   {0x48A, 0x52F},
      {0x531, 0x556},     {0x561, 0x587},   {0x5D0, 0x5EA},   {0x620, 0x64A},   {0x660, 0x669},
      {0x671, 0x6D3},     {0x904, 0x939},   {0x966, 0x96F},   {0xE01, 0xE30},   {0xE50, 0xE59},
      {0x10A0, 0x10FF},   {0x1E00, 0x1FBC}, {0x3041, 0x3096}, {0x30A1, 0x30FA}, {0x3400, 0x4DBF},
      {0x4E00, 0x9FFF},   {0xAC00, 0xD7A3}, {0xFF10, 0xFF19}, {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A},
      {0x20000, 0x2FA1F},
  };
  for (const auto& r : k_ranges)
    if (cp >= r.lo && cp <= r.hi)
      return true;
  return false;
}

std::string_view python_strip(std::string_view text) {
  std::size_t start = skip_spaces(text, 0);
  std::size_t end = text.size();
  while (end > start) {
    std::size_t lead = end - 1;
    while (lead > start && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80 &&
           end - lead < 4)
      --lead;
    char32_t cp = 0;
    if (utf8_decode(text, lead, cp) != end - lead || !is_python_space(cp))
      break;
    end = lead;
  }
  return text.substr(start, end - start);
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::vector<CommitMatch> find_commits(std::string_view text) {
  std::vector<CommitMatch> matches;
  std::size_t pos = 0;
  while ((pos = text.find('[', pos)) != std::string_view::npos) {
    CommitMatch match;
    if (std::size_t end = match_commit_at(text, pos, match)) {
      matches.push_back(std::move(match));
      pos = end;
    } else {
      ++pos;
    }
  }
  return matches;
}

int count_warning_phrases(std::string_view text) {
  // Texts of more than 4000 code points are cut to their first and last 2000 joined by '\n';
  // no phrase can span that newline, so the two parts are counted on their own.
  if (text.size() > 4000 && utf8_prefix(text, 4000).size() < text.size())
    return count_phrases_in(utf8_prefix(text, 2000)) + count_phrases_in(utf8_suffix(text, 2000));
  return count_phrases_in(text);
}

} // namespace gptme_sessions::core::signals

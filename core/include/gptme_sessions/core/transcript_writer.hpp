// A bounded plain-text transcript for the judging prompt, built while a trajectory is streamed
// by a harness plugin: one line per entry ("user: ...", "tool Bash: ...", "result[error]: ..."),
// each entry cut short, and the whole kept to its first third and last two thirds (the rule of
// head_tail_excerpt in judge_prompt.hpp) without ever holding more than the budget in memory.
#pragma once

#include <gptme_sessions/core/export.hpp>

#include <boost/json/object.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace gptme_sessions::core {

class GPTME_SESSIONS_CORE_EXPORT TranscriptWriter {
public:
  static constexpr std::size_t k_entry_code_points = 400;

  explicit TranscriptWriter(std::size_t max_code_points,
                            std::size_t entry_code_points = k_entry_code_points);

  // Appends the line "<label>: <text>". Text is read only as far as the entry limit (tool
  // outputs can be megabytes): invalid UTF-8 becomes U+FFFD, each run of whitespace (newlines
  // included) one space, and a cut entry ends in "...". Text that is blank adds nothing.
  void add(std::string_view label, std::string_view text);

  bool empty() const { return m_total == 0; }

  // Everything when it fits in max_code_points; otherwise the first third and the last two
  // thirds of what fits around a line "[... N characters omitted ...]". The marker counts
  // toward the budget, so the result is never longer than max_code_points and the prompt
  // builder keeps it as it is.
  std::string str() const;

private:
  void put(std::string_view text);
  void trim_tail();

  std::size_t m_max;
  std::size_t m_entry_max;
  std::size_t m_head_cap;
  std::size_t m_tail_cap;
  std::size_t m_total = 0; // code points written so far
  std::string m_head;      // the first m_head_cap code points
  std::size_t m_head_cp = 0;
  std::string m_tail; // what follows the head, trimmed to its last m_tail_cap code points
  std::size_t m_tail_cp = 0;
};

// The first line of text that has content, skipping blank lines and Markdown fence lines
// ("```stdout"), without its line break; empty when there is none.
GPTME_SESSIONS_CORE_EXPORT std::string_view first_content_line(std::string_view text);

// A tool call's input in a few words: the value of the first of command, file_path, path,
// notebook_path, url, query, pattern, description, prompt, code that is a string, else the
// first string value, else the compact JSON of the object.
GPTME_SESSIONS_CORE_EXPORT std::string tool_input_summary(const boost::json::object& input);

} // namespace gptme_sessions::core

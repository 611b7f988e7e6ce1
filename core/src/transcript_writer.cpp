#include "utf8.hpp"

#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/core/judge_prompt.hpp>
#include <gptme_sessions/core/signals/text_patterns.hpp>
#include <gptme_sessions/core/transcript_writer.hpp>

#include <boost/json/value.hpp>

#include <array>

namespace gptme_sessions::core {
namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";
constexpr std::size_t k_label_code_points = 80;

// The text is valid UTF-8 here: code points are the bytes that are not continuation bytes.
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    n += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
  return n;
}

std::size_t prefix_bytes(std::string_view s, std::size_t n) {
  return signals::utf8_prefix(s, n).size();
}

// Appends text to out as one line of at most `limit` code points (see TranscriptWriter::add).
void append_normalized(std::string& out, std::string_view text, std::size_t limit) {
  const std::size_t start = out.size();
  std::size_t written = 0;
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto decoded = detail::decode_utf8(text, i);
    const std::size_t length = decoded.length == 0 ? 1 : decoded.length;
    if (decoded.length != 0 && signals::is_python_space(decoded.code_point)) {
      space = out.size() > start;
      i += length;
      continue;
    }
    if (written + (space ? 1 : 0) >= limit) {
      out += "...";
      return;
    }
    if (space) {
      out += ' ';
      ++written;
      space = false;
    }
    if (decoded.length == 0)
      out += k_replacement;
    else
      out.append(text.substr(i, length));
    ++written;
    i += length;
  }
}

} // namespace

TranscriptWriter::TranscriptWriter(std::size_t max_code_points, std::size_t entry_code_points)
    : m_max(max_code_points), m_entry_max(entry_code_points), m_head_cap(max_code_points / 3),
      m_tail_cap(max_code_points - max_code_points / 3) {}

void TranscriptWriter::add(std::string_view label, std::string_view text) {
  std::string line;
  if (m_total > 0)
    line += '\n';
  append_normalized(line, label, k_label_code_points);
  line += ": ";
  const std::size_t text_start = line.size();
  append_normalized(line, text, m_entry_max);
  if (line.size() == text_start)
    return; // blank text
  put(line);
}

void TranscriptWriter::put(std::string_view text) {
  m_total += code_points(text);
  if (m_head_cp < m_head_cap) {
    const std::size_t bytes = prefix_bytes(text, m_head_cap - m_head_cp);
    m_head.append(text.substr(0, bytes));
    m_head_cp += code_points(text.substr(0, bytes));
    text.remove_prefix(bytes);
  }
  if (text.empty())
    return;
  m_tail.append(text);
  m_tail_cp += code_points(text);
  // Trimmed in batches: erasing from the front of a string is linear in what stays.
  if (m_tail_cp > 2 * m_tail_cap + 4096)
    trim_tail();
}

void TranscriptWriter::trim_tail() {
  if (m_tail_cp <= m_tail_cap)
    return;
  m_tail.erase(0, prefix_bytes(m_tail, m_tail_cp - m_tail_cap));
  m_tail_cp = m_tail_cap;
}

std::string TranscriptWriter::str() const {
  if (m_total <= m_max)
    return m_head + m_tail;
  // The marker's length depends on the count it shows; the longest it can be (everything
  // omitted) bounds it, so the result may come out one or two code points under the budget.
  const std::size_t marker_max = code_points(omission_marker(m_total));
  if (m_max <= marker_max)
    return {}; // no room for an excerpt at all
  const std::size_t kept = m_max - marker_max;
  const std::size_t head = kept / 3;
  const std::size_t tail = kept - head;
  std::string out = m_head.substr(0, prefix_bytes(m_head, head));
  out += omission_marker(m_total - kept);
  // m_tail holds at least m_tail_cap >= tail code points here (m_total > m_max).
  out += signals::utf8_suffix(m_tail, tail);
  return out;
}

std::string_view first_content_line(std::string_view text) {
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    const std::string_view stripped = signals::python_strip(line);
    if (!stripped.empty() && !stripped.starts_with("```"))
      return line.ends_with('\r') ? line.substr(0, line.size() - 1) : line;
    if (nl == std::string_view::npos)
      break;
    text.remove_prefix(nl + 1);
  }
  return {};
}

std::string tool_input_summary(const boost::json::object& input) {
  static constexpr std::array<std::string_view, 10> k_keys = {"command",
                                                              "file_path",
                                                              "path",
                                                              "notebook_path",
                                                              "url",
                                                              "query",
                                                              "pattern",
                                                              "description",
                                                              "prompt",
                                                              "code"};
  for (std::string_view key : k_keys)
    if (const auto* value = input.if_contains(key); value != nullptr && value->is_string())
      return std::string(value->get_string());
  for (const auto& entry : input)
    if (entry.value().is_string())
      return std::string(entry.value().get_string());
  return to_json(input);
}

} // namespace gptme_sessions::core

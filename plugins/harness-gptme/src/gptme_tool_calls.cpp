#include "gptme_tool_calls.hpp"

#include <gptme_sessions/core/signals/text_patterns.hpp>

#include <utility>

namespace gptme_sessions::plugins::harness_gptme {
namespace {

namespace sig = core::signals;

// End of the run of Python \w characters at pos.
std::size_t word_end(std::string_view s, std::size_t pos) {
  while (pos < s.size()) {
    char32_t cp = 0;
    const std::size_t len = sig::utf8_decode(s, pos, cp);
    if (!sig::is_python_word(cp))
      break;
    pos += len;
  }
  return pos;
}

// "@\w+\(" at pos.
bool call_start_at(std::string_view s, std::size_t pos) {
  if (pos >= s.size() || s[pos] != '@')
    return false;
  const std::size_t end = word_end(s, pos + 1);
  return end > pos + 1 && end < s.size() && s[end] == '(';
}

std::size_t skip_spaces(std::string_view s, std::size_t pos) {
  while (pos < s.size()) {
    char32_t cp = 0;
    const std::size_t len = sig::utf8_decode(s, pos, cp);
    if (!sig::is_python_space(cp))
      break;
    pos += len;
  }
  return pos;
}

// The first "path"\s*:\s*"([^"]+)" in args.
std::string first_path(std::string_view args) {
  static constexpr std::string_view k_key = "\"path\"";
  for (std::size_t pos = args.find(k_key); pos != std::string_view::npos;
       pos = args.find(k_key, pos + 1)) {
    std::size_t p = skip_spaces(args, pos + k_key.size());
    if (p >= args.size() || args[p] != ':')
      continue;
    p = skip_spaces(args, p + 1);
    if (p >= args.size() || args[p] != '"')
      continue;
    const std::size_t close = args.find('"', p + 1);
    if (close == std::string_view::npos || close == p + 1)
      continue;
    return std::string(args.substr(p + 1, close - p - 1));
  }
  return {};
}

// gptme's block types and the tool that runs them.
std::string_view block_tool(std::string_view lang) {
  static constexpr std::pair<std::string_view, std::string_view> k_blocks[] = {
      {"shell", "shell"},
      {"ipython", "ipython"},
      {"py", "ipython"},
      {"save", "save"},
      {"append", "append"},
      {"patch", "patch"},
      {"morph", "morph"},
      {"tmux", "tmux"},
      {"gh", "gh"},
      {"complete", "complete"},
  };
  for (const auto& [block, tool] : k_blocks)
    if (lang == block)
      return tool;
  return {};
}

} // namespace

bool is_write_tool(std::string_view tool) {
  return tool == "save" || tool == "write" || tool == "patch" || tool == "edit";
}

std::vector<GptmeToolCall> parse_tool_format_calls(std::string_view content) {
  // Chunk starts: the virtual leading newline and every "\n" followed by "@\w+(".
  std::vector<std::size_t> starts;
  if (call_start_at(content, 0))
    starts.push_back(0);
  for (std::size_t nl = content.find('\n'); nl != std::string_view::npos;
       nl = content.find('\n', nl + 1))
    if (call_start_at(content, nl + 1))
      starts.push_back(nl + 1);

  std::vector<GptmeToolCall> calls;
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t begin = starts[i];
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1] - 1 : content.size();
    const std::string_view chunk = content.substr(begin, end - begin);
    const std::size_t name_end = word_end(chunk, 1);
    const std::size_t close = chunk.find(')', name_end + 1);
    if (close == std::string_view::npos || close == name_end + 1 || close + 1 >= chunk.size() ||
        chunk[close + 1] != ':')
      continue;
    GptmeToolCall call;
    call.tool = std::string(chunk.substr(1, name_end - 1));
    call.offset = begin;
    call.input = sig::python_strip(chunk.substr(close + 2));
    if (is_write_tool(call.tool))
      call.path = first_path(chunk.substr(skip_spaces(chunk, close + 2)));
    calls.push_back(std::move(call));
  }
  return calls;
}

std::vector<GptmeToolCall> parse_markdown_calls(std::string_view content) {
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos <= content.size();) {
    const std::size_t nl = content.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? content.size() : nl;
    lines.push_back(content.substr(pos, end - pos));
    if (nl == std::string_view::npos)
      break;
    pos = nl + 1;
  }
  std::vector<GptmeToolCall> calls;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].starts_with("```"))
      continue;
    const std::string_view info = sig::python_strip(lines[i].substr(3));
    if (info.empty())
      continue;
    std::size_t depth = 1, j = i + 1;
    for (; j < lines.size(); ++j) {
      if (!lines[j].starts_with("```"))
        continue;
      if (sig::python_strip(lines[j].substr(3)).empty()) {
        if (--depth == 0)
          break;
      } else {
        ++depth;
      }
    }
    if (j >= lines.size())
      break; // unclosed: still being written, gptme does not run it
    const std::size_t space = info.find_first_of(" \t");
    const std::string_view lang = info.substr(0, space);
    const std::string_view tool = block_tool(lang);
    if (!tool.empty()) {
      GptmeToolCall call;
      call.tool = std::string(tool);
      call.offset = static_cast<std::size_t>(lines[i].data() - content.data());
      const std::string_view args = space == std::string_view::npos
                                        ? std::string_view{}
                                        : sig::python_strip(info.substr(space));
      if (!args.empty()) {
        call.input = args;
      } else if (j > i + 1) {
        const std::size_t body = static_cast<std::size_t>(lines[i + 1].data() - content.data());
        call.input = content.substr(
            body, static_cast<std::size_t>(lines[j].data() - content.data()) - 1 - body);
      }
      if (is_write_tool(call.tool))
        call.path = std::string(args);
      calls.push_back(std::move(call));
    }
    i = j;
  }
  return calls;
}

std::vector<GptmeToolCall> parse_tool_calls(std::string_view content) {
  auto calls = parse_tool_format_calls(content);
  if (calls.empty())
    calls = parse_markdown_calls(content);
  return calls;
}

} // namespace gptme_sessions::plugins::harness_gptme

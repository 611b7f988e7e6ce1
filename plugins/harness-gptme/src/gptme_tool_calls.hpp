// Tool calls inside a gptme assistant message. gptme writes them in one of two forms
// depending on tool_format: "@<tool>(<call-id>): <json args>" lines (format "tool"), or
// fenced blocks "```<tool> [args]" (format "markdown", gptme's default).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gptme_sessions::plugins::harness_gptme {

struct GptmeToolCall {
  std::string tool;
  std::string path; // save/write/patch/edit target; empty when none was found
  // Where the call starts in the message (its "@" or its opening fence), and what it was
  // given: the JSON args of "@tool(id): {...}", or a fenced block's info string after the
  // block type, or else the block's body. Views into the message's content.
  std::size_t offset = 0;
  std::string_view input;
};

// The reference's rule: split before every "\n@<word>(", keep chunks that match
// "@<tool>(<id>):<args>"; the path is the first "path": "<...>" in the args text.
std::vector<GptmeToolCall> parse_tool_format_calls(std::string_view content);

// Top-level fenced blocks whose info string starts with a gptme tool block type (shell,
// ipython/py, save, append, patch, ...). Unclosed blocks are not calls (gptme does not run
// them). For save/patch the path is the rest of the info string.
std::vector<GptmeToolCall> parse_markdown_calls(std::string_view content);

// parse_tool_format_calls, or the markdown form when the message has no "@tool(" calls.
std::vector<GptmeToolCall> parse_tool_calls(std::string_view content);

// Tools whose path counts as a written file.
bool is_write_tool(std::string_view tool);

} // namespace gptme_sessions::plugins::harness_gptme

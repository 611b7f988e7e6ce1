// Signals of a Claude Code session file (spec §4.3), with the fixes listed in
// docs/DEVIATIONS.md: streamed responses counted once, subagent files attributed to their
// parent, sidechain records kept off the main line. Format knowledge only; the rules live in
// core::signals::SignalBuilder.
#pragma once

#include <gptme_sessions/sdk/plugin_context.hpp>
#include <gptme_sessions/sdk/signal_extractor.hpp>

namespace gptme_sessions::plugins::harness_claude_code {

// Plugin config keys (PluginContext::config):
//   strict_utf8     "1"/"true": a line that is not UTF-8 makes extract() throw ExtractError
//                   instead of being skipped with a warning (reference parity for
//                   `signals PATH`).
//   max_line_bytes  lines longer than this are skipped with a warning (default 64 MiB).
//   subagents       "0"/"false": do not fold <session>/subagents/*.jsonl into the parent.
class ClaudeCodeSignalExtractor final : public sdk::SignalExtractor {
public:
  explicit ClaudeCodeSignalExtractor(sdk::PluginContext& context);

  std::string_view format_name() const override { return "claude_code"; }
  std::string_view harness_name() const override { return "claude-code"; }
  // The first record whose type is user, assistant or result, unless a record with a
  // top-level "role" (gptme) comes first.
  std::optional<std::size_t> detect(std::span<const boost::json::value> head) const override;
  boost::json::object extract(const std::filesystem::path& trajectory) override;
  // The session file's main line as ClaudeTranscript renders it (subagent files are not
  // folded in: the parent's Task calls and results stand for them).
  std::string transcript_excerpt(const std::filesystem::path& trajectory,
                                 std::size_t max_code_points) override;

private:
  sdk::PluginContext& m_context;
};

} // namespace gptme_sessions::plugins::harness_claude_code

// Finds Claude Code sessions (spec §4.1 with the fixes in docs/DEVIATIONS.md): every root's
// <project>/<session>.jsonl of at least 4096 bytes, its subagent transcripts as related files.
#pragma once

#include "claude_roots.hpp"

#include <gptme_sessions/core/signals/jsonl_reader.hpp>
#include <gptme_sessions/sdk/harness_discoverer.hpp>
#include <gptme_sessions/sdk/plugin_context.hpp>

namespace gptme_sessions::plugins::harness_claude_code {

// Files below this size are sessions that never got a real answer.
inline constexpr std::uintmax_t k_stub_size = 4096;

class ClaudeCodeDiscoverer final : public sdk::HarnessDiscoverer {
public:
  explicit ClaudeCodeDiscoverer(sdk::PluginContext& context, EnvLookup env = process_env);

  std::string_view harness_name() const override { return "claude-code"; }
  // Sorted by (session_date, path). Reads only the head of each file: the first timestamp
  // (date as written, start_time), the first cwd (project) and, within the first 50 lines and
  // 512 KiB, the first real assistant model.
  std::vector<sdk::DiscoveredSession> discover(const sdk::DiscoveryQuery& query) override;
  // The same fields for one session file wherever it lives, stubs included; a missing file
  // still gets its name and the project decoded from its directory name.
  std::optional<sdk::DiscoveredSession> describe(const std::filesystem::path& trajectory) override;

private:
  void scan_project(const std::filesystem::path& project,
                    const sdk::DiscoveryQuery& query,
                    core::signals::JsonlReader& reader,
                    std::vector<sdk::DiscoveredSession>& out);
  // Reads the head of a session file. nullopt when it has no timestamped record or cannot be
  // read (warned), unless partial results are wanted. `has_session_dir`: whether the
  // project holds a directory named after the session (where subagent files live).
  std::optional<sdk::DiscoveredSession> scan_file(const std::filesystem::path& file,
                                                  const std::filesystem::path& project,
                                                  core::signals::JsonlReader& reader,
                                                  bool partial = false,
                                                  bool has_session_dir = true);
  void warn(const std::string& message);

  sdk::PluginContext& m_context;
  EnvLookup m_env;
};

} // namespace gptme_sessions::plugins::harness_claude_code

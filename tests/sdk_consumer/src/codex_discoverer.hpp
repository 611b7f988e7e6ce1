// Discovers OpenAI Codex CLI sessions: one JSONL rollout per session under
// ~/.codex/sessions/YYYY/MM/DD/, so the date comes from the directory, not the file.
#pragma once

#include <gptme_sessions/sdk/harness_discoverer.hpp>
#include <gptme_sessions/sdk/plugin_context.hpp>

namespace harness_codex {

class CodexDiscoverer final : public gptme_sessions::sdk::HarnessDiscoverer {
public:
  explicit CodexDiscoverer(gptme_sessions::sdk::PluginContext& context) : m_context(context) {}
  std::string_view harness_name() const override { return "codex"; }
  std::vector<gptme_sessions::sdk::DiscoveredSession>
  discover(const gptme_sessions::sdk::DiscoveryQuery& query) override;

private:
  gptme_sessions::sdk::PluginContext& m_context;
};

} // namespace harness_codex

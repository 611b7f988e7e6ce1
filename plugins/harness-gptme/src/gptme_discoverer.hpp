// Finds gptme log directories (spec §3.1): <logs>/<YYYY-MM-DD>-<name>/conversation.jsonl.
#pragma once

#include <gptme_sessions/core/signals/jsonl_reader.hpp>
#include <gptme_sessions/sdk/harness_discoverer.hpp>
#include <gptme_sessions/sdk/plugin_context.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace gptme_sessions::plugins::harness_gptme {

using sdk::EnvLookup;
using sdk::process_env;

// $GPTME_LOGS_DIR, else $XDG_DATA_HOME/gptme/logs, else <home>/.local/share/gptme/logs
// (empty when home is unknown: the working directory is never searched).
std::filesystem::path gptme_logs_dir(const EnvLookup& env, const std::filesystem::path& home);

class GptmeDiscoverer final : public sdk::HarnessDiscoverer {
public:
  explicit GptmeDiscoverer(sdk::PluginContext& context, EnvLookup env = process_env);

  std::string_view harness_name() const override { return "gptme"; }
  // Entries in directory-name order. start_time is the first logged timestamp; gptme writes
  // naive local times, so the local UTC offset is attached.
  std::vector<sdk::DiscoveredSession> discover(const sdk::DiscoveryQuery& query) override;
  // The same fields for one log directory or its conversation.jsonl, wherever it lives and
  // whether or not it still exists (names come from the path, project and model from the
  // directory's config.toml).
  std::optional<sdk::DiscoveredSession> describe(const std::filesystem::path& trajectory) override;

private:
  sdk::DiscoveredSession describe_dir(const std::filesystem::path& dir,
                                      core::signals::JsonlReader& reader);
  std::optional<std::string> first_timestamp(const std::filesystem::path& conversation,
                                             core::signals::JsonlReader& reader);

  sdk::PluginContext& m_context;
  EnvLookup m_env;
};

} // namespace gptme_sessions::plugins::harness_gptme

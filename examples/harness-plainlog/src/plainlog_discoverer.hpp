// Finds plainlog sessions: every <dir>/*.plainlog file, where <dir> is
//   the plugin setting "dir" (environment GPTME_SESSIONS_HARNESS_PLAINLOG_DIR), else
//   $PLAINLOG_DIR (the made-up agent's own variable), else <home>/.local/share/plainlog.
#pragma once

#include <gptme_sessions/sdk/harness_discoverer.hpp>
#include <gptme_sessions/sdk/plugin_context.hpp>

#include <filesystem>
#include <optional>
#include <vector>

namespace plainlog {

namespace sdk = gptme_sessions::sdk;

std::filesystem::path log_dir(const sdk::PluginContext& context, const std::filesystem::path& home);

class PlainlogDiscoverer final : public sdk::HarnessDiscoverer {
public:
  explicit PlainlogDiscoverer(sdk::PluginContext& context) : m_context(context) {}

  // Also the `--harness` value that selects this discoverer, and the records' "harness".
  std::string_view harness_name() const override { return "plainlog"; }
  // Files in name order whose first event falls in the window (the date as written in the
  // log). A file that cannot be read is a warning, never an error.
  std::vector<sdk::DiscoveredSession> discover(const sdk::DiscoveryQuery& query) override;
  // Name, project and model from the header, start time from the first event.
  std::optional<sdk::DiscoveredSession> describe(const std::filesystem::path& trajectory) override;

private:
  sdk::PluginContext& m_context;
};

} // namespace plainlog

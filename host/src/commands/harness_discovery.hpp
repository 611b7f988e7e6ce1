// Session discovery across every loaded HarnessDiscoverer plugin: the --harness choices, the
// date window, and one merged list in a stable order. Shared by discover, sync and the store
// commands' discovery fallback.
#pragma once

#include "cli/command.hpp"

#include <gptme_sessions/sdk/harness_discoverer.hpp>

#include <optional>
#include <string>
#include <vector>

namespace gptme_sessions::host {

// Inclusive window of local calendar dates: start = today - ceil(days), end = today.
struct DiscoveryWindow {
  double days = 0;
  std::string start_date; // "YYYY-MM-DD"
  std::string end_date;
};
DiscoveryWindow window_of_days(double days);
// The local calendar date `days_back` days before today, "YYYY-MM-DD".
std::string local_date(long days_back);

// The loaded discoverers, first the reference's harnesses in its order (gptme, claude-code,
// codex, copilot-cli), then any other harness in plugin load order.
std::vector<sdk::HarnessDiscoverer*> ordered_discoverers(CommandContext& context);

// The discoverers a `--<option>` value selects: all when not given, else the one whose
// harness_name() matches. An unknown name is a UsageError listing the loaded harnesses; with
// no harness plugin at all the message says what was searched. With no option and no plugin
// a warning names the search path and the result is empty.
std::vector<sdk::HarnessDiscoverer*> select_discoverers(CommandContext& context,
                                                        const std::optional<std::string>& harness,
                                                        const std::string& option = "harness");

// Every session the discoverers report in the window (discoverers run concurrently, each
// failure is a warning), grouped by discoverer order, then stably sorted by session_date
// with unknown dates last. An entry without a harness label gets its discoverer's name.
std::vector<sdk::DiscoveredSession>
run_discovery(const std::vector<sdk::HarnessDiscoverer*>& discoverers,
              const DiscoveryWindow& window);

} // namespace gptme_sessions::host

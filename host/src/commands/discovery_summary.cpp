#include "commands/discovery_summary.hpp"

#include "commands/harness_discovery.hpp"
#include "logging.hpp"
#include "plugins/registry.hpp"

#include <gptme_sessions/core/since.hpp>
#include <gptme_sessions/core/text_format.hpp>
#include <gptme_sessions/sdk/harness_discoverer.hpp>

namespace gptme_sessions::host {

namespace {

// A registry that cannot be built, or a discoverer that cannot be created, means nothing
// discovered: the store commands still print their report. A failed explicit --plugin is a
// UsageError and propagates.
std::vector<sdk::HarnessDiscoverer*> discoverers(CommandContext& context) {
  try {
    context.plugins();
  } catch (const RuntimeError& e) {
    log_debug(std::string("session discovery unavailable: ") + e.what());
    return {};
  }
  try {
    return ordered_discoverers(context);
  } catch (const RuntimeError& e) {
    log_warning(std::string("session discovery unavailable: ") + e.what());
    return {};
  }
}

} // namespace

DiscoverySummary discover_sessions(CommandContext& context, int days) {
  DiscoverySummary summary;
  for (const auto& session : run_discovery(discoverers(context), window_of_days(days))) {
    summary.per_harness[session.harness] += 1;
    summary.paths.push_back(session.path.string());
  }
  return summary;
}

std::string discovery_fallback_text(const DiscoverySummary& summary, int days) {
  const std::string window = core::format_since(static_cast<double>(days));
  std::string out = "No session records found in store.\n";
  if (summary.total() == 0) {
    out += "No sessions discovered in the last " + window + " either.\n";
    out += "To record sessions, run 'gptme-sessions post-session' after each agent run.";
    return out;
  }
  out += "Discovered " + std::to_string(summary.total()) + " session(s) in the last " + window +
         ":\n\n";
  for (const auto& [harness, count] : summary.per_harness) {
    out += "  ";
    core::append_padded_left(out, harness, 14);
    out += "  " + std::to_string(count) + " session(s)\n";
  }
  out += "\nRun 'gptme-sessions sync' to import sessions into the store for analytics.\n";
  out += "Run 'gptme-sessions discover' to list session paths.";
  return out;
}

} // namespace gptme_sessions::host

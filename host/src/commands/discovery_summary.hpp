// What the harness discoverers find on disk, summarized for the store commands: the
// "discovery fallback" shown when the store is empty and the "not synced" hints.
#pragma once

#include "cli/command.hpp"

#include <gptme_sessions/core/session_store.hpp>

#include <map>
#include <string>
#include <vector>

namespace gptme_sessions::host {

struct DiscoverySummary {
  std::map<std::string, int> per_harness; // sorted by harness name
  std::vector<std::string> paths;         // every discovered trajectory path
  int total() const { return static_cast<int>(paths.size()); }
};

// Sessions dated within the last `days` local calendar days (today included), from every
// loaded HarnessDiscoverer plugin. With no plugin registry (or a failing plugin) the missing
// part counts as nothing discovered; the reason is logged.
DiscoverySummary discover_sessions(CommandContext& context, int days);

// The text printed instead of statistics when the store has no records (no trailing newline).
std::string discovery_fallback_text(const DiscoverySummary& summary, int days);

} // namespace gptme_sessions::host

#include "commands/discovery_summary.hpp"

#include "logging.hpp"
#include "plugins/registry.hpp"

#include <gptme_sessions/core/since.hpp>
#include <gptme_sessions/core/text_format.hpp>
#include <gptme_sessions/sdk/harness_discoverer.hpp>

#include <cstdlib>
#include <ctime>
#include <unordered_set>

namespace gptme_sessions::host {

namespace {

// Local calendar date `days_back` days before today, "YYYY-MM-DD".
std::string local_date(int days_back) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  tm.tm_mday -= days_back;
  tm.tm_hour = 12; // away from DST edges, so normalizing never shifts the date
  tm.tm_isdst = -1;
  std::mktime(&tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// A registry that cannot be built, or a discoverer that cannot be created, means nothing
// discovered: the store commands still print their report. A failed explicit --plugin is a
// UsageError and propagates.
std::vector<sdk::HarnessDiscoverer*> discoverers(CommandContext& context) {
  plugins::Registry* registry = nullptr;
  try {
    registry = &context.plugins();
  } catch (const RuntimeError& e) {
    log_debug(std::string("session discovery unavailable: ") + e.what());
    return {};
  }
  try {
    return registry->harness_discoverers();
  } catch (const RuntimeError& e) {
    log_warning(std::string("session discovery unavailable: ") + e.what());
    return {};
  }
}

} // namespace

DiscoverySummary discover_sessions(CommandContext& context, int days) {
  DiscoverySummary summary;
  sdk::DiscoveryQuery query;
  query.start_date = local_date(days);
  query.end_date = local_date(0);
  if (const char* home = std::getenv("HOME"))
    query.home = home;
  for (sdk::HarnessDiscoverer* discoverer : discoverers(context)) {
    std::vector<sdk::DiscoveredSession> found;
    try {
      found = discoverer->discover(query);
    } catch (const std::exception& e) {
      log_warning("discovery failed for " + std::string(discoverer->harness_name()) + ": " +
                  e.what());
      continue;
    }
    for (const auto& session : found) {
      summary.per_harness[session.harness] += 1;
      summary.paths.push_back(session.path.string());
    }
  }
  return summary;
}

int count_unsynced(const DiscoverySummary& summary, const core::SessionStore& store) {
  if (summary.paths.empty())
    return 0;
  std::unordered_set<std::string> known;
  store.for_each([&](core::SessionRecord&& record) {
    if (record.journal_path)
      known.insert(std::move(*record.journal_path));
    if (record.trajectory_path)
      known.insert(std::move(*record.trajectory_path));
  });
  int unsynced = 0;
  for (const auto& path : summary.paths)
    unsynced += known.count(path) ? 0 : 1;
  return unsynced;
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

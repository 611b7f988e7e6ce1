// What `gptme-sessions` prints without a command: the last 30 days of statistics and a tip
// about sessions not yet imported.
#include "commands/command_table.hpp"
#include "commands/discovery_summary.hpp"
#include "commands/filter_options.hpp"

#include <gptme_sessions/core/record_filter.hpp>
#include <gptme_sessions/core/session_stats.hpp>

#include <ostream>

namespace gptme_sessions::host {

namespace {

constexpr int k_window_days = 30;
constexpr int k_tip_days = 14;

int run_default_view(CommandContext& context) {
  core::RecordFilter filter;
  filter.since_days = k_window_days;
  const core::SessionStore store = context.store();
  // Discovered first, so the one pass over the store also finds which sessions it holds.
  const DiscoverySummary recent = discover_sessions(context, k_tip_days);
  SyncedCheck synced(recent.paths);
  core::StatsAccumulator stats_acc;
  const std::int64_t stored = add_matching_records(store, filter, stats_acc, &synced);
  const core::SessionStats stats = stats_acc.result();
  auto& out = context.out();
  if (stats.total == 0) {
    if (stored > 0)
      out << "No records in the last 30 days. Use 'gptme-sessions stats --since all' for "
             "all-time data.\n";
    else
      out << discovery_fallback_text(discover_sessions(context, k_window_days), k_window_days)
          << '\n';
    return 0;
  }
  out << "Last 30 days (use 'gptme-sessions stats --since all' for all-time):\n\n"
      << core::format_stats(stats) << '\n';
  const int unsynced = synced.unsynced_count();
  if (unsynced > 0)
    out << "\nTip: " << unsynced << " new session(s) available in the last " << k_tip_days
        << " days. Run 'gptme-sessions sync' to import.\n";
  else
    out << "\nTip: Run 'gptme-sessions sync' to keep the store up to date.\n";
  return 0;
}

} // namespace

CommandSpec make_default_view_command() {
  CommandSpec spec;
  spec.name = "__default__";
  spec.summary = "Statistics of the last 30 days (runs when no command is given).";
  spec.run = run_default_view;
  spec.hidden = true;
  return spec;
}

} // namespace gptme_sessions::host

// `stats`: success rates and durations of the stored sessions, by default over 30 days.
#include "commands/command_table.hpp"
#include "commands/discovery_summary.hpp"
#include "commands/filter_options.hpp"
#include "commands/record_output.hpp"

#include <gptme_sessions/core/session_stats.hpp>

#include <cmath>
#include <optional>
#include <ostream>

namespace gptme_sessions::host {

namespace {

constexpr double k_default_window_days = 30;

int run_stats(CommandContext& context) {
  const FilterOptions options = read_filter_options(context);
  core::RecordFilter filter = options.filter;
  if (!options.since_given)
    filter.since_days = k_default_window_days;
  const core::SessionStore store = context.store();
  const bool as_json = context.flag("json");
  const auto window = filter.since_days;
  const int hint_days = window && *window > 0 ? static_cast<int>(std::ceil(*window))
                                              : static_cast<int>(k_default_window_days);
  // The text report ends with a hint about sessions not synced yet: discover first, so the
  // one pass over the store also finds which of them it holds.
  std::optional<DiscoverySummary> discovered;
  std::optional<SyncedCheck> synced;
  if (!as_json) {
    discovered = discover_sessions(context, hint_days);
    synced.emplace(discovered->paths);
  }
  core::StatsAccumulator stats_acc;
  const std::int64_t stored =
      add_matching_records(store, filter, stats_acc, synced ? &*synced : nullptr);
  const core::SessionStats stats = stats_acc.result();
  auto& out = context.out();
  if (as_json) {
    print_json(out, core::stats_to_json(stats));
    return 0;
  }
  if (stats.total == 0) {
    if (options.any_given) {
      out << "No records match your filters.\n";
    } else if (stored > 0) {
      out << "No records in the last 30 days. Use --since all for all-time data.\n";
    } else {
      const int days = static_cast<int>(k_default_window_days);
      out << discovery_fallback_text(
                 days == hint_days ? *discovered : discover_sessions(context, days), days)
          << '\n';
      return 0;
    }
  } else {
    if (!options.since_given)
      out << "Last 30 days (use --since all for all-time):\n\n";
    out << core::format_stats(stats) << '\n';
  }
  const int unsynced = synced->unsynced_count();
  if (unsynced > 0)
    out << "\nHint: " << unsynced
        << " session(s) discovered but not synced. Run 'gptme-sessions sync' to import.\n";
  return 0;
}

} // namespace

CommandSpec make_stats_command() {
  CommandSpec spec;
  spec.name = "stats";
  spec.summary = "Show session statistics (default window: last 30 days).";
  spec.define = [](boost::program_options::options_description& desc,
                   boost::program_options::positional_options_description&) {
    add_filter_options(desc);
  };
  spec.run = run_stats;
  return spec;
}

} // namespace gptme_sessions::host

// `runs`: run analytics (duration buckets, NOOP rates, daily counts) over the last 14 days.
#include "commands/command_table.hpp"
#include "commands/discovery_summary.hpp"
#include "commands/filter_options.hpp"
#include "commands/record_output.hpp"

#include <gptme_sessions/core/record_filter.hpp>
#include <gptme_sessions/core/run_analytics.hpp>
#include <gptme_sessions/core/since.hpp>

#include <cmath>
#include <ostream>

namespace gptme_sessions::host {

namespace po = boost::program_options;

namespace {

constexpr double k_default_window_days = 14;

int run_runs(CommandContext& context) {
  core::RecordFilter filter;
  filter.since_days = read_since_option(context, k_default_window_days);
  core::RunAnalyticsAccumulator runs_acc;
  const std::int64_t stored = add_matching_records(context.store(), filter, runs_acc);
  const core::RunAnalytics runs = runs_acc.result();
  auto& out = context.out();
  if (context.flag("json")) {
    print_json(out, core::run_analytics_to_json(runs));
    return 0;
  }
  if (runs.total > 0) {
    out << core::format_run_analytics(runs) << '\n';
    return 0;
  }
  // "No limit" and a zero window both read as the default window here.
  const double days =
      filter.since_days && *filter.since_days > 0 ? *filter.since_days : k_default_window_days;
  if (stored > 0) {
    out << "No runs found in the last " << core::format_since(days) << ".\n";
  } else {
    const int whole_days = static_cast<int>(std::ceil(days));
    out << discovery_fallback_text(discover_sessions(context, whole_days), whole_days) << '\n';
  }
  return 0;
}

} // namespace

CommandSpec make_runs_command() {
  CommandSpec spec;
  spec.name = "runs";
  spec.summary = "Show run analytics: duration distribution, NOOP rates, daily trends.";
  spec.define = [](po::options_description& desc, po::positional_options_description&) {
    desc.add_options()("since",
                       po::value<std::string>(),
                       "Time window (default 14d): 7d, 2h, 30m, '2 hours ago', or 'all'")(
        "json", po::bool_switch(), "Output as JSON");
  };
  spec.run = run_runs;
  return spec;
}

} // namespace gptme_sessions::host

#include "commands/filter_options.hpp"

#include <gptme_sessions/core/since.hpp>

namespace gptme_sessions::host {

namespace po = boost::program_options;

void add_filter_options(po::options_description& desc) {
  desc.add_options()("model", po::value<std::string>(), "Filter by model (normalized or raw)")(
      "run-type", po::value<std::string>(), "Filter by run type")(
      "category", po::value<std::string>(), "Filter by category")(
      "harness", po::value<std::string>(), "Filter by harness")(
      "outcome", po::value<std::string>(), "Filter by outcome")(
      "project", po::value<std::string>(), "Filter by project path substring")(
      "since", po::value<std::string>(), "Time window: 7d, 2h, 30m, '2 hours ago', or 'all'")(
      "json", po::bool_switch(), "Output as JSON");
}

namespace {

std::optional<std::string> non_empty(const CommandContext& context, const char* option) {
  auto value = context.str(option);
  if (value && value->empty())
    return std::nullopt;
  return value;
}

} // namespace

std::optional<double> read_since_option(const CommandContext& context,
                                        std::optional<double> fallback) {
  const auto text = non_empty(context, "since");
  if (!text)
    return fallback;
  try {
    return core::parse_since_days(*text);
  } catch (const core::SinceParseError& e) {
    throw UsageError(std::string("Invalid value for '--since': ") + e.what());
  }
}

FilterOptions read_filter_options(const CommandContext& context) {
  FilterOptions options;
  auto& f = options.filter;
  f.model = non_empty(context, "model");
  f.run_type = non_empty(context, "run-type");
  f.category = non_empty(context, "category");
  f.harness = non_empty(context, "harness");
  f.outcome = non_empty(context, "outcome");
  f.project = non_empty(context, "project");
  options.since_given = non_empty(context, "since").has_value();
  f.since_days = read_since_option(context, std::nullopt);
  options.any_given = options.since_given || f.model || f.run_type || f.category || f.harness ||
                      f.outcome || f.project;
  return options;
}

} // namespace gptme_sessions::host

// The record filter options shared by `query` and `stats` (--model, --run-type, --category,
// --harness, --outcome, --project, --since) and the --since parsing of every store command.
#pragma once

#include "cli/command.hpp"

#include <gptme_sessions/core/record_filter.hpp>

#include <optional>
#include <string>

namespace gptme_sessions::host {

// Declares the seven filter options and --json.
void add_filter_options(boost::program_options::options_description& desc);

struct FilterOptions {
  core::RecordFilter filter;
  bool since_given = false; // a non-empty --since, "all" included
  bool any_given = false;   // any non-empty filter option, --since included
};

// Reads the options declared by add_filter_options; a bad --since is a UsageError.
FilterOptions read_filter_options(const CommandContext& context);

// --since in the shared grammar; nullopt: no limit. Empty or absent -> fallback.
// Throws UsageError "Invalid value for '--since': invalid value 'abc' (expected ...)".
std::optional<double> read_since_option(const CommandContext& context,
                                        std::optional<double> fallback);

} // namespace gptme_sessions::host

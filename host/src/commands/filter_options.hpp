// The record filter options shared by `query` and `stats` (--model, --run-type, --category,
// --harness, --outcome, --project, --since) and the --since parsing of every store command.
#pragma once

#include "cli/command.hpp"
#include "commands/path_identity.hpp"

#include <gptme_sessions/core/record_filter.hpp>
#include <gptme_sessions/core/session_store.hpp>

#include <cstdint>
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

// Streams the store once and hands each record `filter` keeps to acc.add(record), and every
// record to synced->add(record) when given. Returns how many records the store holds, so a
// command can tell "nothing matched" from "nothing stored".
template <class Accumulator>
std::int64_t add_matching_records(const core::SessionStore& store,
                                  const core::RecordFilter& filter,
                                  Accumulator& acc,
                                  SyncedCheck* synced = nullptr) {
  const core::RecordMatcher matches(filter);
  std::int64_t stored = 0;
  store.for_each([&](core::SessionRecord&& record) {
    ++stored;
    if (synced != nullptr)
      synced->add(record);
    if (matches(record))
      acc.add(record);
  });
  return stored;
}

} // namespace gptme_sessions::host

// The `post-session` pipeline (spec §12): one finished agent run -> one store record, built
// from what the caller knows (exit code, duration, git range, deliverables) and what its
// trajectory shows (signals). Building is separate from storing so further steps (an LLM
// judge) can amend the record in between: build, then judge, then store.
#pragma once

#include "commands/post_session_failure.hpp"

#include <gptme_sessions/core/session_record.hpp>
#include <gptme_sessions/core/session_store.hpp>
#include <gptme_sessions/sdk/harness_discoverer.hpp>

#include <boost/json/object.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace gptme_sessions::host {

struct PostSessionInput {
  std::string harness;
  std::string model = "unknown";
  std::string run_type = "unknown";
  std::optional<std::string> trigger;
  std::optional<std::string> category;
  std::optional<std::string> recommended_category;
  std::optional<std::string> selector_mode;
  std::int64_t exit_code = 0;
  std::int64_t duration_seconds = 0;
  std::optional<std::string> trajectory; // as given on the command line
  std::optional<std::string> start_commit;
  std::optional<std::string> end_commit;
  std::vector<std::string> deliverables; // --deliverables, in order
  std::optional<std::string> journal_path;
  std::optional<std::string> session_id;
  std::optional<std::string> context_tier;
  std::optional<std::string> ab_group;
  std::optional<std::string> tier_version;
};

// What the pipeline needs from plugins.
struct PostSessionServices {
  // The trajectory's signals; throws on failure (the pipeline then goes on without them).
  std::function<boost::json::object(const std::filesystem::path&)> extract;
  // What the --harness plugin knows of the trajectory (session name, project).
  std::function<std::optional<sdk::DiscoveredSession>(const std::filesystem::path&)> describe;
};

struct PostSessionResult {
  core::SessionRecord record;
  std::optional<boost::json::object> signals; // nullopt: none extracted
  std::optional<double> grade;
  std::optional<std::int64_t> token_count;
  std::vector<std::string> warnings; // bare lines for stderr, in the order they arose
};

PostSessionResult build_post_session(const PostSessionInput& input,
                                     const PostSessionServices& services);

// Stores the record (one locked append). First warns when another session already claims
// the record's journal_path (a journal written by a concurrent run); never fatal.
void store_post_session(const core::SessionStore& store,
                        PostSessionResult& result,
                        const std::function<void(const std::string&)>& warn);

// Python's str(Path(text)): repeated '/' and '.' components collapsed, trailing '/' dropped.
std::string python_path_str(const std::string& text);

} // namespace gptme_sessions::host

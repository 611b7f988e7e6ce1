// The format-independent half of signal extraction. A harness plugin reads its own log format
// and feeds normalized events (timestamps, tool calls, tool results, usage, message sizes) in
// file order; the builder applies every rule that does not depend on the format (commit
// detection, file writes and journal routing, retries, deliverables and their details, GitHub
// activity, tool timing, usage roll-up with per-response de-duplication, duration, grade,
// category) and assembles the signals object with the keys in the documented order.
#pragma once

#include <gptme_sessions/core/export.hpp>
#include <gptme_sessions/core/signals/timestamp.hpp>

#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gptme_sessions::core::signals {

// How the usage block is shaped (keys, order, first-turn rules) for each harness family.
enum class UsageStyle {
  none,        // no usage key
  gptme,       // model, input, output, cache_read, cache_creation, cost, total, sys/peak, bytes
  claude_code, // model, input, output, cache_creation, cache_read, total, sys/peak
};

// Which optional sections a format emits (spec §3.3, §4.3, §5, §6).
struct SignalProfile {
  std::string format{};         // reported as "format"
  bool warning_phrases = false; // warning_phrase_count after error_count
  bool tool_timing = false;     // total_tool_time_s, tool_time_total, tool_time_max
  bool github = false;          // gh_interactions ... ci_fixed
  bool summarizer = false;      // summarizer_fired after deliverable_details
  bool timings = false;         // "timings" from per-turn latency samples
  UsageStyle usage = UsageStyle::none;
};

// Lookups outside the trajectory. Unset ones are skipped (see docs/DEVIATIONS.md).
struct ExternalLookups {
  // Files changed by a commit (reference: `git diff-tree` in the current directory).
  std::function<std::vector<std::string>(std::string_view sha)> committed_files;
  // Merge commit of a merged PR (reference: `gh pr view N --repo R --json mergeCommit`).
  std::function<std::optional<std::string>(std::string_view repo, std::string_view pr)>
      merge_commit;
};

enum class ToolKind {
  other,
  file_write, // path = the written file
  shell,      // command = the command line; its results are scanned for commits and gh
};

struct ToolCall {
  std::string_view name{}; // as the harness names it ("Bash", "shell", "Edit")
  std::string_view id{};   // empty when the format has none; repeated ids are counted once
  ToolKind kind = ToolKind::other;
  std::string_view path{};    // file_write: the target; empty = not found (nothing recorded)
  std::string_view command{}; // shell
  // When the call was dispatched (tool_timing); calls sharing `batch` ran in parallel and
  // split the wait between them.
  std::optional<Timestamp> dispatched_at{};
  std::string_view batch{};
};

struct ToolResult {
  std::string_view call_id{};
  bool is_error = false;
  std::string_view text{}; // the result as one string
  std::optional<Timestamp> at{};
};

struct TokenCounts {
  std::int64_t input = 0;
  std::int64_t output = 0;
  std::int64_t cache_read = 0;
  std::int64_t cache_creation = 0;
  std::int64_t context() const { return input + cache_read + cache_creation; }
  std::int64_t total() const { return input + output + cache_read + cache_creation; }
};

struct UsageSample {
  std::string_view model{};            // empty = not given
  std::optional<TokenCounts> tokens{}; // nullopt: the record had no usage object
  std::optional<double> cost{};        // USD as the harness logged it
  // API response id (Claude Code message.id + requestId): snapshots of one response are
  // merged (field-wise maximum) instead of summed. Empty = every sample counts.
  std::string_view response_id{};
  // Sidechain / subagent samples add to the totals only: they do not set the model or the
  // main context's first-turn and peak sizes.
  bool main_line = true;
};

enum class MessageRole { system, user, assistant, other };

class GPTME_SESSIONS_CORE_EXPORT SignalBuilder {
public:
  explicit SignalBuilder(SignalProfile profile, ExternalLookups lookups = {});
  ~SignalBuilder();
  SignalBuilder(SignalBuilder&&) noexcept;
  SignalBuilder& operator=(SignalBuilder&&) noexcept;

  // A record's timestamp. Main-line ones make up the duration; every one moves the "latest
  // timestamp so far" used to resolve journal file names.
  void observe_time(const Timestamp& ts, bool main_line = true);

  // Counts the call (once per non-empty id) and applies its kind's rules. Returns false when
  // the id was already seen (a streamed duplicate), in which case nothing is recorded.
  bool add_tool_call(const ToolCall& call);
  // One assistant turn that made at least one tool call.
  void add_step();

  // A result for an earlier call: timing, error, warning phrases and, for shell calls,
  // commits, background task output and GitHub outcomes.
  void add_tool_result(const ToolResult& result);

  // Lower-level events for formats whose results are not tied to call ids (gptme).
  void add_error();
  // Commit-pattern matches in text. With dedup, hashes seen before in this session are
  // skipped (Claude Code); without, every match counts (gptme, codex, copilot).
  void add_commits(std::string_view text, std::string_view tool_name, bool dedup);
  // A written file: journal routing, file_writes, deliverable detail, retry window.
  void add_file_write(std::string_view tool, std::string_view path);
  void set_summarizer_fired();

  void add_usage(const UsageSample& sample);
  // Session totals a harness logs at the end (Claude Code stream-json "result" records);
  // a non-zero total overrides the per-response sum of that counter.
  void add_final_usage(const TokenCounts& totals);
  // Message size for the byte metrics (gptme, copilot).
  void add_message_bytes(MessageRole role, std::size_t bytes);
  // One assistant turn's latency samples (gptme metadata.timings).
  void add_timings(std::optional<double> ttft_ms,
                   std::optional<double> gen_ms,
                   std::optional<double> tool_ms);

  // The signals object: format keys, then format, productive, grade, inferred_category,
  // usage (when non-empty) and timings (when enabled and non-empty).
  boost::json::object build() const;

private:
  struct State;
  std::unique_ptr<State> m_state;
};

} // namespace gptme_sessions::core::signals

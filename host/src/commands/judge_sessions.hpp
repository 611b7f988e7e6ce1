// Judging stored sessions with a judge plugin: building each session's input (record, signals
// from the trajectory through the extractor plugins, the journal file), running the judge with
// bounded parallelism, and writing verdicts back to the store. Shared by `judge` and
// `post-session --judge`.
#pragma once

#include "commands/signal_extraction.hpp"
#include "plugins/registry.hpp"

#include <gptme_sessions/core/session_record.hpp>
#include <gptme_sessions/core/session_store.hpp>
#include <gptme_sessions/sdk/judge.hpp>

#include <boost/json/object.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gptme_sessions::host {

inline constexpr const char* k_default_judge = "openai";
// Store keys of this port (kept by the Python package as extra keys).
inline constexpr const char* k_rating_key = "llm_judge_rating";
inline constexpr const char* k_error_key = "llm_judge_error";

struct JudgeRunOptions {
  std::string judge_name = k_default_judge;
  std::optional<std::string> model; // nullopt: the plugin's default
  std::string goals;                // empty: the prompt builder's default goals
  plugins::ConfigMap plugin_config; // e.g. base_url / api_key from the command line
  std::size_t concurrency = 1;
};

struct JudgeOutcome {
  std::string session_id;
  sdk::JudgeResult result;
  // Ctrl-C came before or during this judgement: the result (if any) is the judge giving up,
  // not a verdict about the session, so it is neither shown nor stored.
  bool interrupted = false;
};

// The judge's input for one record: the shared prompt (goals, record, signals, journal,
// transcript excerpt) and the raw pieces for judges that build their own. Signals and the
// transcript come from the trajectory through the extractor `signals` detects for it
// (nullptr: none); unreadable trajectories and journals are logged and left out, never fatal.
sdk::JudgeInput make_judge_input(const core::SessionRecord& record,
                                 const SignalExtraction* signals,
                                 const JudgeRunOptions& options);

// At most `max_bytes` from the start of a file; nullopt when it cannot be read.
std::optional<std::string> read_file_prefix(const std::filesystem::path& path,
                                            std::size_t max_bytes);

// Judges the records in order, up to options.concurrency at a time. The judge plugin is
// created here (on the calling thread). A judge that throws counts as a failed judgement.
std::vector<JudgeOutcome> judge_records(plugins::Registry& registry,
                                        const std::vector<core::SessionRecord>& records,
                                        const JudgeRunOptions& options);

// Judges one record whose signals are already known (post-session --judge extracted them);
// the transcript still comes from the registry's extractors.
JudgeOutcome judge_record(plugins::Registry& registry,
                          const core::SessionRecord& record,
                          const std::optional<boost::json::object>& signals,
                          const JudgeRunOptions& options);

// The judge's input for `signals PATH --llm-judge`, a trajectory with no stored record: the
// signals summary stands in for the journal (the reference's input, see
// core::build_signals_judge_prompt), next to the extractor's transcript excerpt of `file`.
// The record holds only what the trajectory tells: the extractor's harness, the usage block's
// model, and `category` (default: the signals' inferred_category).
sdk::JudgeInput make_trajectory_judge_input(sdk::SignalExtractor& extractor,
                                            const std::filesystem::path& file,
                                            const boost::json::object& signals,
                                            const std::optional<std::string>& category,
                                            const JudgeRunOptions& options);

// Runs the judge named in `options` on one input. A judge plugin that is not loaded or cannot
// be created is an "unavailable" error here rather than an exception, for commands whose own
// output must not be lost to the judge (signals --llm-judge).
sdk::JudgeResult judge_if_available(plugins::Registry& registry,
                                    const sdk::JudgeInput& input,
                                    const JudgeRunOptions& options);

// Applies one outcome to a record (see write_judge_outcomes); false when it changes nothing.
// post-session --judge uses this to amend the new record before it is stored.
bool apply_outcome(core::SessionRecord& record, const JudgeOutcome& outcome);

// The judge fields of a verdict: llm_judge_rating, llm_judge_score, llm_judge_reason,
// llm_judge_model, grades.alignment, grade_reasons.alignment; clears llm_judge_error.
void apply_verdict(core::SessionRecord& record, const sdk::JudgeVerdict& verdict);
// Records the failure as llm_judge_error ("<kind>: <message>"); every other field stays.
void apply_judge_error(core::SessionRecord& record, const sdk::JudgeError& error);

// Under the store lock, applies each outcome to the stored records with that session id and
// rewrites the store. A verdict sets the judge fields; a failure of the session's judgement
// sets llm_judge_error; an "unavailable" judge (no key, bad configuration) says nothing about
// the session and changes nothing. Returns how many records changed (0: store untouched).
std::size_t write_judge_outcomes(const core::SessionStore& store,
                                 const std::vector<JudgeOutcome>& outcomes);

} // namespace gptme_sessions::host

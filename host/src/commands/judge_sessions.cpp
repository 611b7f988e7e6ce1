#include "commands/judge_sessions.hpp"

#include "commands/work_pool.hpp"
#include "interrupt.hpp"
#include "logging.hpp"

#include <gptme_sessions/core/judge_prompt.hpp>

#include <algorithm>
#include <fstream>
#include <map>

namespace gptme_sessions::host {
namespace {

// Enough bytes for the prompt's journal bound even if every code point takes four bytes.
constexpr std::size_t k_journal_bytes = (core::JudgePromptLimits{}.journal + 1) * 4;
// The transcript asked of the harness plugin fits the prompt's bound, so the prompt builder
// keeps the plugin's cut instead of cutting it again.
constexpr std::size_t k_transcript_code_points = core::JudgePromptLimits{}.transcript;

std::optional<std::string> non_empty(std::string text) {
  if (text.empty())
    return std::nullopt;
  return text;
}

bool is_file(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

void set_prompt(sdk::JudgeInput& input) {
  core::JudgePromptInput prompt_input{
      input.record, input.signals, input.goals, input.journal, input.transcript};
  auto prompt = core::build_judge_prompt(prompt_input);
  input.system_prompt = std::move(prompt.system);
  input.user_prompt = std::move(prompt.user);
}

sdk::JudgeResult judge_safely(sdk::Judge& judge, const sdk::JudgeInput& input) {
  try {
    return judge.judge(input);
  } catch (const std::exception& e) {
    // The SDK asks judges not to throw; one that does still fails only this session.
    return sdk::JudgeError{sdk::JudgeErrorKind::unavailable,
                           std::string("judge plugin error: ") + e.what()};
  }
}

// An unavailable judge (no key, bad configuration) learned nothing about the session.
bool says_something(const JudgeOutcome& outcome) {
  const auto* error = std::get_if<sdk::JudgeError>(&outcome.result);
  return error == nullptr || error->kind != sdk::JudgeErrorKind::unavailable;
}

} // namespace

std::optional<std::string> read_file_prefix(const std::filesystem::path& path,
                                            std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::string text(max_bytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(max_bytes));
  if (in.bad())
    return std::nullopt;
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

namespace {

// Signals (unless already known) and the transcript excerpt of the record's trajectory, both
// from the extractor that recognises its format. What cannot be read is logged and left out.
void add_trajectory(sdk::JudgeInput& input,
                    const core::SessionRecord& record,
                    const SignalExtraction& extraction,
                    bool want_signals) {
  if (!extraction.available() || !record.trajectory_path || record.trajectory_path->empty())
    return;
  std::error_code ec;
  if (!std::filesystem::exists(*record.trajectory_path, ec))
    return;
  const std::string session = "session " + record.session_id + ": ";
  sdk::SignalExtractor* extractor = nullptr;
  std::filesystem::path file;
  try {
    file = trajectory_file(*record.trajectory_path);
    extractor = &extraction.detect(file);
  } catch (const std::exception& e) {
    log_warning("judge: no signals or transcript for " + session + e.what());
    return;
  }
  if (want_signals) {
    try {
      input.signals = extractor->extract(file);
    } catch (const std::exception& e) {
      log_warning("judge: no signals for " + session + e.what());
    }
  }
  try {
    input.transcript = extractor->transcript_excerpt(file, k_transcript_code_points);
  } catch (const std::exception& e) {
    log_warning("judge: no transcript for " + session + e.what());
  }
}

sdk::JudgeInput base_input(const core::SessionRecord& record, const JudgeRunOptions& options) {
  sdk::JudgeInput input;
  input.record = record;
  input.goals = options.goals;
  input.model = options.model.value_or("");
  if (record.journal_path && !record.journal_path->empty() && is_file(*record.journal_path)) {
    if (auto text = read_file_prefix(*record.journal_path, k_journal_bytes))
      input.journal = std::move(*text);
    else
      log_warning("judge: cannot read journal " + *record.journal_path);
  }
  return input;
}

} // namespace

sdk::JudgeInput make_judge_input(const core::SessionRecord& record,
                                 const SignalExtraction* signals,
                                 const JudgeRunOptions& options) {
  sdk::JudgeInput input = base_input(record, options);
  if (signals)
    add_trajectory(input, record, *signals, true);
  set_prompt(input);
  return input;
}

std::vector<JudgeOutcome> judge_records(plugins::Registry& registry,
                                        const std::vector<core::SessionRecord>& records,
                                        const JudgeRunOptions& options) {
  sdk::Judge& judge = registry.judge(options.judge_name, options.plugin_config);
  std::optional<SignalExtraction> signals;
  if (std::any_of(records.begin(), records.end(), [](const auto& r) {
        return r.trajectory_path && !r.trajectory_path->empty();
      }))
    signals.emplace(registry.signal_extractors(), "no signal extractor plugin is loaded");

  // Inputs are built here, on one thread: extractor objects make no thread-safety promise.
  std::vector<sdk::JudgeInput> inputs;
  inputs.reserve(records.size());
  for (const auto& record : records)
    inputs.push_back(make_judge_input(record, signals ? &*signals : nullptr, options));

  std::vector<JudgeOutcome> outcomes(records.size());
  const unsigned workers = static_cast<unsigned>(std::max<std::size_t>(1, options.concurrency));
  parallel_for(inputs.size(), workers, [&](std::size_t i) {
    outcomes[i].session_id = records[i].session_id;
    if (interrupted()) {
      outcomes[i].interrupted = true;
      return;
    }
    outcomes[i].result = judge_safely(judge, inputs[i]);
    outcomes[i].interrupted =
        interrupted() && std::holds_alternative<sdk::JudgeError>(outcomes[i].result);
  });
  return outcomes;
}

JudgeOutcome judge_record(plugins::Registry& registry,
                          const core::SessionRecord& record,
                          const std::optional<boost::json::object>& signals,
                          const JudgeRunOptions& options) {
  sdk::Judge& judge = registry.judge(options.judge_name, options.plugin_config);
  sdk::JudgeInput input = base_input(record, options);
  if (signals)
    input.signals = *signals;
  // Signals are not extracted again: post-session already tried and reported any failure.
  if (record.trajectory_path && !record.trajectory_path->empty())
    add_trajectory(input,
                   record,
                   SignalExtraction(registry.signal_extractors(), "no signal extractor plugin"),
                   false);
  set_prompt(input);
  return JudgeOutcome{record.session_id, judge_safely(judge, input)};
}

sdk::JudgeInput make_trajectory_judge_input(sdk::SignalExtractor& extractor,
                                            const std::filesystem::path& file,
                                            const boost::json::object& signals,
                                            const std::optional<std::string>& category,
                                            const JudgeRunOptions& options) {
  sdk::JudgeInput input;
  core::SessionRecord& record = input.record;
  // A default record says "unknown" for these; the prompt leaves out what is not known.
  record.harness = non_empty(std::string(extractor.harness_name()));
  record.model = std::nullopt;
  record.run_type = std::nullopt;
  record.outcome = std::nullopt;
  if (const auto* usage = signals.if_contains("usage"); usage && usage->is_object())
    if (const auto* model = usage->get_object().if_contains("model"); model && model->is_string())
      record.model = non_empty(std::string(model->get_string()));
  record.category = category ? non_empty(*category) : std::nullopt;
  if (!category)
    if (const auto* inferred = signals.if_contains("inferred_category");
        inferred && inferred->is_string())
      record.category = non_empty(std::string(inferred->get_string()));
  record.trajectory_path = file.string();

  input.signals = signals;
  input.goals = options.goals;
  input.model = options.model.value_or("");
  try {
    input.transcript = extractor.transcript_excerpt(file, k_transcript_code_points);
  } catch (const std::exception& e) {
    log_warning("judge: no transcript for " + file.string() + ": " + e.what());
  }
  // Judges that build their own prompt from the raw pieces get the same journal text.
  input.journal = core::summarize_signals(signals);
  while (!input.journal.empty() && input.journal.back() == '\n')
    input.journal.pop_back();
  core::JudgePromptInput prompt_input{
      input.record, input.signals, input.goals, input.journal, input.transcript};
  auto prompt = core::build_signals_judge_prompt(prompt_input);
  input.system_prompt = std::move(prompt.system);
  input.user_prompt = std::move(prompt.user);
  return input;
}

sdk::JudgeResult judge_if_available(plugins::Registry& registry,
                                    const sdk::JudgeInput& input,
                                    const JudgeRunOptions& options) {
  sdk::Judge* judge = nullptr;
  try {
    judge = registry.find_judge(options.judge_name, options.plugin_config);
  } catch (const std::exception& e) {
    return sdk::JudgeError{sdk::JudgeErrorKind::unavailable, e.what()};
  }
  if (judge == nullptr)
    return sdk::JudgeError{sdk::JudgeErrorKind::unavailable,
                           registry.not_found_message("judge '" + options.judge_name + "'")};
  return judge_safely(*judge, input);
}

bool apply_outcome(core::SessionRecord& record, const JudgeOutcome& outcome) {
  if (const auto* verdict = std::get_if<sdk::JudgeVerdict>(&outcome.result)) {
    apply_verdict(record, *verdict);
    return true;
  }
  if (!says_something(outcome))
    return false;
  apply_judge_error(record, std::get<sdk::JudgeError>(outcome.result));
  return true;
}

void apply_verdict(core::SessionRecord& record, const sdk::JudgeVerdict& verdict) {
  record.llm_judge_score = verdict.score;
  record.llm_judge_reason = verdict.reason;
  record.llm_judge_model = verdict.model;
  record.grades["alignment"] = verdict.score;
  record.grade_reasons["alignment"] = verdict.reason;
  record.extra_fields[k_rating_key] = verdict.rating;
  record.extra_fields.stable_erase(k_error_key);
}

void apply_judge_error(core::SessionRecord& record, const sdk::JudgeError& error) {
  record.extra_fields[k_error_key] = std::string(sdk::to_string(error.kind)) + ": " + error.message;
}

std::size_t write_judge_outcomes(const core::SessionStore& store,
                                 const std::vector<JudgeOutcome>& outcomes) {
  // The last outcome for an id wins, as the reference's dict of rows does. Outcomes that would
  // change nothing (an unavailable judge) do not even take the lock.
  std::map<std::string, const JudgeOutcome*, std::less<>> by_id;
  for (const auto& o : outcomes)
    if (says_something(o))
      by_id[o.session_id] = &o;
  if (by_id.empty())
    return 0;
  std::size_t changed = 0;
  store.with_lock([&] {
    // Reloaded under the lock: sessions appended while the judge ran are kept.
    std::vector<core::SessionRecord> records = store.load_all();
    for (auto& record : records) {
      auto it = by_id.find(record.session_id);
      if (it != by_id.end() && apply_outcome(record, *it->second))
        ++changed;
    }
    if (changed > 0)
      store.rewrite(records);
  });
  return changed;
}

} // namespace gptme_sessions::host

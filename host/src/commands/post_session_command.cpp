// `post-session`: record one finished agent run (spec §12). Run by agent loops after the
// harness exits; prints one line (or one JSON object) that scripts parse.
#include "commands/command_table.hpp"
#include "commands/judge_sessions.hpp"
#include "commands/post_session.hpp"
#include "commands/signal_extraction.hpp"
#include "plugins/registry.hpp"

#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/core/text_format.hpp>
#include <gptme_sessions/sdk/signal_extractor.hpp>

#include <boost/json/object.hpp>

#include <algorithm>
#include <ostream>

namespace gptme_sessions::host {

namespace po = boost::program_options;
namespace json = boost::json;

namespace {

// The harness labels of the reference; plugins may add their own.
const std::vector<std::string> k_known_harnesses{"gptme", "claude-code", "codex", "copilot-cli"};

std::vector<std::string> harness_choices(plugins::Registry& registry) {
  std::vector<std::string> choices = k_known_harnesses;
  auto add = [&choices](std::string_view name) {
    if (std::find(choices.begin(), choices.end(), name) == choices.end())
      choices.emplace_back(name);
  };
  for (sdk::HarnessDiscoverer* d : registry.harness_discoverers())
    add(d->harness_name());
  for (sdk::SignalExtractor* e : registry.signal_extractors())
    add(e->harness_name());
  return choices;
}

PostSessionInput read_input(CommandContext& context) {
  PostSessionInput input;
  const auto harness = context.str("harness");
  if (!harness)
    throw UsageError("Missing option '--harness'.");
  input.harness = *context.choice("harness", harness_choices(context.plugins()));
  input.model = context.str("model").value_or("unknown");
  input.run_type = context.str("run-type").value_or("unknown");
  input.trigger = context.str("trigger");
  input.category = context.str("category");
  input.recommended_category = context.str("recommended-category");
  input.selector_mode = context.str("selector-mode");
  input.exit_code = context.integer("exit-code").value_or(0);
  input.duration_seconds = context.integer("duration").value_or(0);
  input.trajectory = context.str("trajectory");
  input.start_commit = context.str("start-commit");
  input.end_commit = context.str("end-commit");
  input.deliverables = context.strs("deliverables");
  input.journal_path = context.str("journal-path");
  input.session_id = context.str("session-id");
  input.context_tier = context.choice("context-tier", {"extended", "large", "massive", "standard"});
  input.ab_group = context.choice("ab-group", {"control", "treatment"});
  input.tier_version = context.str("tier-version");
  return input;
}

PostSessionServices services_for(CommandContext& context, const std::string& harness) {
  PostSessionServices services;
  services.extract = [&context](const std::filesystem::path& path) {
    return SignalExtraction::from_plugins(context).extract(path);
  };
  services.describe =
      [&context,
       harness](const std::filesystem::path& path) -> std::optional<sdk::DiscoveredSession> {
    for (sdk::HarnessDiscoverer* d : context.plugins().harness_discoverers()) {
      if (d->harness_name() != harness)
        continue;
      try {
        return d->describe(path);
      } catch (const std::exception&) {
        return std::nullopt; // names are a nicety; the record is stored without them
      }
    }
    return std::nullopt;
  };
  return services;
}

// --judge: the LLM judge scores the record before it is stored. A failed judgement is kept as
// llm_judge_error and reported, never turned into a score.
void judge_new_record(CommandContext& context,
                      PostSessionResult& result,
                      const std::function<void(const std::string&)>& warn) {
  JudgeRunOptions options;
  options.model = context.str("judge-model");
  options.goals = context.str("goals").value_or("");
  const auto outcome = judge_record(context.plugins(), result.record, result.signals, options);
  apply_outcome(result.record, outcome);
  if (const auto* error = std::get_if<sdk::JudgeError>(&outcome.result))
    warn("LLM judge: unscored (" + std::string(sdk::to_string(error->kind)) +
         "): " + error->message);
}

int run_post_session(CommandContext& context) {
  const PostSessionInput input = read_input(context);
  auto warn = [&context](const std::string& message) {
    if (!context.global().quiet)
      context.err() << message << '\n';
  };
  PostSessionResult result = build_post_session(input, services_for(context, input.harness));
  for (const auto& warning : result.warnings)
    warn(warning);
  if (context.flag("judge"))
    judge_new_record(context, result, warn);
  store_post_session(context.store(), result, warn);

  const core::SessionRecord& record = result.record;
  auto& out = context.out();
  if (context.flag("json")) {
    json::object summary;
    summary["session_id"] = record.session_id;
    summary["outcome"] = record.outcome ? json::value(*record.outcome) : json::value(nullptr);
    summary["grade"] = result.grade ? json::value(*result.grade) : json::value(nullptr);
    summary["token_count"] =
        result.token_count ? json::value(*result.token_count) : json::value(nullptr);
    out << core::to_json(summary) << '\n';
    return 0;
  }
  std::string grade = "n/a";
  if (result.grade) {
    grade.clear();
    core::append_fixed(grade, *result.grade, 4);
  }
  out << "Recorded session " << record.session_id
      << ": outcome=" << record.outcome.value_or("unknown") << " grade=" << grade
      << " tokens=" << (result.token_count ? core::thousands(*result.token_count) : "n/a") << '\n';
  return 0;
}

} // namespace

CommandSpec make_post_session_command() {
  CommandSpec spec;
  spec.name = "post-session";
  spec.summary = "Record a finished session: extract signals, decide the outcome, append it.";
  spec.define = [](po::options_description& desc, po::positional_options_description&) {
    desc.add_options()("harness",
                       po::value<std::string>(),
                       "Harness that ran the session (gptme, claude-code, codex, copilot-cli, "
                       "or a plugin's)")(
        "model", po::value<std::string>(), "Model name (default: from the trajectory)")(
        "run-type", po::value<std::string>(), "Run type (autonomous, ...)")(
        "trigger", po::value<std::string>(), "How the session started: timer, dispatch, ...")(
        "category", po::value<std::string>(), "Work category (default: inferred)")(
        "recommended-category", po::value<std::string>(), "Category the selector recommended")(
        "selector-mode", po::value<std::string>(), "Selector mode used")(
        "exit-code", po::value<std::string>(), "Exit code of the agent (124 = timeout)")(
        "duration", po::value<std::string>(), "Duration in seconds")(
        "trajectory", po::value<std::string>(), "Trajectory .jsonl for signal extraction")(
        "start-commit", po::value<std::string>(), "Git HEAD before the session")(
        "end-commit", po::value<std::string>(), "Git HEAD after the session")(
        "deliverables",
        po::value<std::vector<std::string>>()->composing(),
        "A deliverable (commit SHA, PR URL); repeatable")(
        "journal-path", po::value<std::string>(), "Journal entry of this session")(
        "session-id", po::value<std::string>(), "Session ID (default: random)")(
        "context-tier", po::value<std::string>(), "extended, large, massive or standard")(
        "ab-group", po::value<std::string>(), "control or treatment")(
        "tier-version", po::value<std::string>(), "Context tier version")(
        "judge", po::bool_switch(), "Score the session with the LLM judge before storing it")(
        "judge-model", po::value<std::string>(), "Judge model for --judge")(
        "goals", po::value<std::string>(), "Goals text for --judge, ordered by priority")(
        "json", po::bool_switch(), "Output the result as JSON");
  };
  spec.run = run_post_session;
  return spec;
}

} // namespace gptme_sessions::host

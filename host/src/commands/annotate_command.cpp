// `annotate SESSION_ID`: correct fields of a stored record in place (locked read-modify-
// rewrite of the whole store).
#include "commands/command_table.hpp"
#include "commands/record_output.hpp"
#include "commands/session_lookup.hpp"

#include <algorithm>
#include <ostream>

namespace gptme_sessions::host {

namespace po = boost::program_options;

namespace {

const std::vector<std::string> k_outcomes = {
    "productive", "noop", "failed", "unknown", "violated_policy"};
const std::vector<std::string> k_triggers = {"timer", "dispatch", "manual", "spawn"};

// The options given, validated before anything touches the store.
struct Changes {
  std::optional<std::string> model, harness, run_type, category, outcome, journal_path,
      selector_mode, trigger, recommended_category;
  std::optional<long long> duration, token_count;
  std::vector<std::string> add_deliverables;

  bool empty() const {
    return !model && !harness && !run_type && !category && !outcome && !journal_path &&
           !selector_mode && !trigger && !recommended_category && !duration && !token_count &&
           add_deliverables.empty();
  }

  void apply_to(core::SessionRecord& r) const {
    if (model)
      r.model = *model;
    if (harness)
      r.harness = *harness;
    if (run_type)
      r.run_type = core::normalize_run_type(*run_type);
    if (category)
      r.category = *category;
    if (outcome)
      r.outcome = *outcome;
    if (duration)
      r.duration_seconds = *duration;
    if (journal_path)
      r.journal_path = *journal_path;
    if (selector_mode)
      r.set_agent_field("selector_mode", boost::json::string(*selector_mode));
    if (trigger)
      r.trigger = *trigger;
    if (token_count)
      r.token_count = *token_count;
    if (recommended_category)
      r.set_agent_field("recommended_category", boost::json::string(*recommended_category));
    if (!add_deliverables.empty()) {
      auto& list = r.deliverables ? *r.deliverables : r.deliverables.emplace();
      for (const auto& item : add_deliverables)
        if (std::find(list.begin(), list.end(), item) == list.end())
          list.push_back(item);
    }
  }
};

Changes read_changes(const CommandContext& context) {
  Changes c;
  c.model = context.str("model");
  c.harness = context.str("harness");
  c.run_type = context.str("run-type");
  c.category = context.str("category");
  c.outcome = context.choice("outcome", k_outcomes);
  c.duration = context.integer("duration", 0);
  c.journal_path = context.str("journal-path");
  c.selector_mode = context.str("selector-mode");
  c.trigger = context.choice("trigger", k_triggers);
  c.token_count = context.integer("token-count", 0);
  c.recommended_category = context.str("recommended-category");
  c.add_deliverables = context.strs("add-deliverable");
  return c;
}

int run_annotate(CommandContext& context) {
  const Changes changes = read_changes(context);
  const auto prefix = context.str("session_id");
  if (!prefix)
    throw UsageError("Missing argument 'SESSION_ID'.");
  if (prefix->empty())
    throw UsageError("Session ID must not be empty.");
  if (changes.empty())
    throw UsageError("No fields specified. Provide at least one option to update (e.g. "
                     "--model, --outcome, --add-deliverable).");

  const core::SessionStore store = context.store();
  core::SessionRecord updated;
  store.with_lock([&] {
    std::vector<core::SessionRecord> records = store.load_all();
    if (records.empty())
      throw RuntimeError("No session records found in store.");
    const auto found = find_by_id_prefix(records, *prefix);
    if (found.empty())
      throw RuntimeError("No session found with ID prefix '" + *prefix +
                         "'. Run 'gptme-sessions query' to list available session IDs.");
    if (found.size() > 1) {
      std::vector<std::string> ids;
      for (auto i : found)
        ids.push_back(records[i].session_id);
      throw RuntimeError("Ambiguous prefix '" + *prefix + "' matches " +
                         std::to_string(found.size()) + " sessions: " + join_ids(ids));
    }
    changes.apply_to(records[found.front()]);
    updated = records[found.front()];
    store.rewrite(records);
  });
  if (context.flag("json"))
    print_json(context.out(), core::record_to_json(updated));
  else
    context.out() << "Updated session " << updated.session_id << ".\n";
  return 0;
}

} // namespace

CommandSpec make_annotate_command() {
  CommandSpec spec;
  spec.name = "annotate";
  spec.summary = "Amend fields of an existing session record.";
  spec.usage_args = "SESSION_ID";
  spec.define = [](po::options_description& desc, po::positional_options_description& pos) {
    desc.add_options()("session_id", po::value<std::string>(), "Session ID or prefix")(
        "model", po::value<std::string>(), "Set the model (stored raw)")(
        "harness", po::value<std::string>(), "Set the harness")(
        "run-type", po::value<std::string>(), "Set the run type")(
        "category", po::value<std::string>(), "Set the category")(
        "outcome",
        po::value<std::string>(),
        "Set the outcome: productive, noop, failed, unknown, violated_policy")(
        "duration", po::value<std::string>(), "Set the duration in seconds (>= 0)")(
        "journal-path", po::value<std::string>(), "Set the journal path")(
        "selector-mode", po::value<std::string>(), "Set the selector mode")(
        "trigger", po::value<std::string>(), "Set the trigger: timer, dispatch, manual, spawn")(
        "token-count", po::value<std::string>(), "Set the total token count (>= 0)")(
        "recommended-category", po::value<std::string>(), "Set the recommended category")(
        "add-deliverable",
        po::value<std::vector<std::string>>()->composing(),
        "Add a deliverable (repeatable; duplicates are skipped)")(
        "json", po::bool_switch(), "Print the updated record as JSON");
    pos.add("session_id", 1);
  };
  spec.run = run_annotate;
  return spec;
}

} // namespace gptme_sessions::host

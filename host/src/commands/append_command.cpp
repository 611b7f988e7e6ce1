// `append` (deprecated): store a hand-written record.
#include "commands/command_table.hpp"

#include <ostream>

namespace gptme_sessions::host {

namespace po = boost::program_options;

namespace {

// str(Path(p)) of Python: "." and empty components dropped, a trailing '/' removed, exactly
// two leading slashes kept. Messages print the store path the way the reference does.
std::string python_path_text(const std::string& path) {
  std::string root;
  std::size_t pos = 0;
  if (path.starts_with("//") && !path.starts_with("///")) {
    root = "//";
  } else if (path.starts_with("/")) {
    root = "/";
  }
  std::string out;
  while (pos <= path.size()) {
    std::size_t end = path.find('/', pos);
    if (end == std::string::npos)
      end = path.size();
    const std::string part = path.substr(pos, end - pos);
    if (!part.empty() && part != ".")
      out += (out.empty() ? "" : "/") + part;
    pos = end + 1;
  }
  if (root.empty() && out.empty())
    return ".";
  return root + out;
}

int run_append(CommandContext& context) {
  const auto duration = context.integer("duration");
  context.err() << "Warning: 'append' is deprecated. Use 'sync' to import sessions from "
                   "trajectories or 'annotate' to correct metadata on an existing record.\n";
  context.err().flush();

  core::SessionRecord record = core::make_record();
  record.harness = context.str("harness").value_or("unknown");
  record.model = context.str("model").value_or("unknown");
  record.run_type = core::normalize_run_type(context.str("run-type").value_or("autonomous"));
  record.category = context.str("category");
  record.outcome = context.str("outcome").value_or("unknown");
  record.duration_seconds = duration.value_or(0);
  if (auto mode = context.str("selector-mode"))
    record.set_agent_field("selector_mode", boost::json::string(*mode));
  record.journal_path = context.str("journal-path");
  record.deliverables = context.strs("deliverables");

  const core::SessionStore store = context.store();
  store.append(record);
  const std::string dir = python_path_text(store.dir().string());
  context.out() << "Appended session " << record.session_id << " to "
                << (dir == "."           ? ""
                    : dir.ends_with('/') ? dir
                                         : dir + "/")
                << core::k_store_file_name << '\n';
  return 0;
}

} // namespace

CommandSpec make_append_command() {
  CommandSpec spec;
  spec.name = "append";
  spec.summary = "Append a session record (deprecated: use sync or annotate).";
  spec.define = [](po::options_description& desc, po::positional_options_description&) {
    desc.add_options()("harness", po::value<std::string>(), "Harness (default: unknown)")(
        "model", po::value<std::string>(), "Model (default: unknown)")(
        "run-type", po::value<std::string>(), "Run type (default: autonomous)")(
        "category", po::value<std::string>(), "Category")(
        "outcome", po::value<std::string>(), "Outcome (default: unknown)")(
        "duration", po::value<std::string>(), "Duration in seconds (default: 0)")(
        "selector-mode", po::value<std::string>(), "Selector mode")(
        "journal-path", po::value<std::string>(), "Journal path")(
        "deliverables",
        po::value<std::vector<std::string>>()->composing(),
        "Deliverable (repeatable)");
  };
  spec.run = run_append;
  return spec;
}

} // namespace gptme_sessions::host

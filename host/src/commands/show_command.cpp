// `show SESSION_ID`: one stored record, found by id prefix.
#include "commands/command_table.hpp"
#include "commands/record_output.hpp"
#include "commands/session_lookup.hpp"

#include <ostream>
#include <string_view>

namespace gptme_sessions::host {

namespace po = boost::program_options;

namespace {

int run_show(CommandContext& context) {
  const auto prefix = context.str("session_id");
  if (!prefix)
    throw UsageError("Missing argument 'SESSION_ID'.");
  if (prefix->empty())
    throw UsageError("Session ID must not be empty.");
  // Streamed: only the first match is kept whole; further matches only need their ids.
  std::optional<core::SessionRecord> match;
  std::vector<std::string> ids;
  context.store().for_each([&](core::SessionRecord&& record) {
    if (!std::string_view(record.session_id).starts_with(*prefix))
      return;
    ids.push_back(record.session_id);
    if (!match)
      match = std::move(record);
  });
  const std::string hint = " Run 'gptme-sessions query' to list available session IDs.";
  if (ids.empty())
    throw RuntimeError("No session found matching '" + *prefix + "'." + hint);
  if (ids.size() > 1)
    throw RuntimeError("Ambiguous prefix '" + *prefix + "' matches " + std::to_string(ids.size()) +
                       " sessions: " + join_ids(ids) + "." + hint);
  if (context.flag("json"))
    print_json(context.out(), core::record_to_json(*match));
  else
    context.out() << show_text(*match) << '\n';
  return 0;
}

} // namespace

CommandSpec make_show_command() {
  CommandSpec spec;
  spec.name = "show";
  spec.summary = "Show details for a single session by ID (or ID prefix).";
  spec.usage_args = "SESSION_ID";
  spec.define = [](po::options_description& desc, po::positional_options_description& pos) {
    desc.add_options()("session_id", po::value<std::string>(), "Session ID or prefix")(
        "json", po::bool_switch(), "Output as JSON");
    pos.add("session_id", 1);
  };
  spec.run = run_show;
  return spec;
}

} // namespace gptme_sessions::host

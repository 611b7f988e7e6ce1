#include "commands/command_table.hpp"

#include <algorithm>

namespace gptme_sessions::host {

const std::vector<CommandSpec>& command_table() {
  // Order = order in the top-level help. "__default__" (hidden) runs when no command is given.
  static const std::vector<CommandSpec> table = [] {
    std::vector<CommandSpec> commands;
    commands.push_back(make_stats_command());
    commands.push_back(make_query_command());
    commands.push_back(make_show_command());
    commands.push_back(make_runs_command());
    commands.push_back(make_annotate_command());
    commands.push_back(make_append_command());
    commands.push_back(make_discover_command());
    commands.push_back(make_sync_command());
    commands.push_back(make_signals_command());
    commands.push_back(make_post_session_command());
    commands.push_back(make_default_view_command());
    commands.push_back(make_judge_command());
    commands.push_back(make_plugins_command());
    return commands;
  }();
  return table;
}

const CommandSpec* find_command(const std::string& name) {
  const auto& table = command_table();
  auto it = std::find_if(
      table.begin(), table.end(), [&](const CommandSpec& c) { return c.name == name; });
  return it == table.end() ? nullptr : &*it;
}

} // namespace gptme_sessions::host

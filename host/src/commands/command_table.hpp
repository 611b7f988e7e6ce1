// Every command's factory. One line per command here and in command_table.cpp.
#pragma once

#include "cli/command.hpp"

namespace gptme_sessions::host {

CommandSpec make_plugins_command();
CommandSpec make_stats_command();
CommandSpec make_query_command();
CommandSpec make_show_command();
CommandSpec make_runs_command();
CommandSpec make_annotate_command();
CommandSpec make_append_command();
CommandSpec make_discover_command();
CommandSpec make_sync_command();
CommandSpec make_signals_command();
CommandSpec make_post_session_command();
CommandSpec make_default_view_command();
CommandSpec make_judge_command();

} // namespace gptme_sessions::host

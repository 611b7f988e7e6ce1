// Every command's factory. One line per command here and in command_table.cpp.
#pragma once

#include "cli/command.hpp"

namespace gptme_sessions::host {

CommandSpec make_plugins_command();

} // namespace gptme_sessions::host

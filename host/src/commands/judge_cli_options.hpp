// The options that choose and configure the judge (plugin, model, server, key, goals), shared
// by `judge` and `signals --llm-judge` so both commands read them the same way.
#pragma once

#include "cli/command.hpp"
#include "commands/judge_sessions.hpp"

namespace gptme_sessions::host {

// --judge, --model, --goals, --goals-file, --base-url, --api-key.
void add_judge_options(boost::program_options::options_description& desc);

// The run options those options describe. --base-url and --api-key become settings of the
// chosen plugin, where they win over its environment variables. Throws UsageError for
// --goals together with --goals-file, or a goals file that is missing or unreadable.
JudgeRunOptions read_judge_options(const CommandContext& context);

} // namespace gptme_sessions::host

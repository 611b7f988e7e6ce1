// Where Claude Code keeps its projects directories, and how its files are laid out.
#pragma once

#include <gptme_sessions/sdk/harness_discoverer.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gptme_sessions::plugins::harness_claude_code {

using sdk::EnvLookup;
using sdk::process_env;

// $CLAUDE_HOME/projects and <d>/projects for each entry of the comma-separated
// $CLAUDE_CONFIG_DIR; when neither is set, <home>/.claude/projects and
// <home>/.config/claude/projects (none when home is empty). Existing directories only, the
// same real directory once.
std::vector<std::filesystem::path> claude_project_roots(const EnvLookup& env,
                                                        const std::filesystem::path& home);

// <project>/<session>/subagents/*.jsonl of the session file <project>/<session>.jsonl, sorted.
std::vector<std::filesystem::path> subagent_files(const std::filesystem::path& session_file);

// True for <...>/subagents/<file>.jsonl.
bool is_subagent_file(const std::filesystem::path& file);

// The reference's project name from an encoded directory name: a leading '-' means every '-'
// was a '/' (lossy; only used when no record carries cwd).
std::string project_from_dir_name(std::string_view dir_name);

} // namespace gptme_sessions::plugins::harness_claude_code

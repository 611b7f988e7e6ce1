#include "commands/judge_cli_options.hpp"

#include <filesystem>
#include <system_error>

namespace gptme_sessions::host {

namespace po = boost::program_options;

namespace {

// Goals beyond the prompt's bound are cut there anyway.
constexpr std::size_t k_goals_file_bytes = 64 * 1024;

std::string read_goals(const CommandContext& context) {
  auto goals = context.str("goals");
  auto goals_file = context.str("goals-file");
  if (goals && goals_file)
    throw UsageError("--goals and --goals-file are mutually exclusive");
  if (!goals_file)
    return goals.value_or("");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(*goals_file, ec))
    throw UsageError("Invalid value for '--goals-file': File '" + *goals_file +
                     "' does not exist or is not a file.");
  auto text = read_file_prefix(*goals_file, k_goals_file_bytes);
  if (!text)
    throw UsageError("Invalid value for '--goals-file': File '" + *goals_file +
                     "' is not readable.");
  return *text;
}

} // namespace

void add_judge_options(po::options_description& desc) {
  desc.add_options()("judge",
                     po::value<std::string>(),
                     "Judge plugin to use: its name, with or without 'judge-' (default openai)")(
      "model", po::value<std::string>(), "Judge model, e.g. gpt-4o-mini, openrouter/x/y")(
      "goals", po::value<std::string>(), "Goals text, ordered by priority")(
      "goals-file", po::value<std::string>(), "Read the goals from this file")(
      "base-url", po::value<std::string>(), "OpenAI-compatible API base URL")(
      "api-key", po::value<std::string>(), "API key (prefer the environment variables)");
}

JudgeRunOptions read_judge_options(const CommandContext& context) {
  JudgeRunOptions options;
  options.judge_name = context.str("judge").value_or(k_default_judge);
  options.model = context.str("model");
  options.goals = read_goals(context);
  if (auto base_url = context.str("base-url"))
    options.plugin_config["base_url"] = *base_url;
  if (auto api_key = context.str("api-key"))
    options.plugin_config["api_key"] = *api_key;
  return options;
}

} // namespace gptme_sessions::host

// `signals PATH [--json|--grade|--usage] [--llm-judge ...]`: productivity signals of one
// trajectory, its format detected from the content by the loaded SignalExtractor plugins
// (spec §2, §8), optionally rated by the judge plugin (judge spec §7).
#include "commands/command_table.hpp"
#include "commands/judge_cli_options.hpp"
#include "commands/judge_sessions.hpp"
#include "commands/record_output.hpp"
#include "commands/signal_extraction.hpp"
#include "commands/signals_text.hpp"
#include "plugins/registry.hpp"

#include <gptme_sessions/sdk/abi.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <ostream>
#include <system_error>

namespace gptme_sessions::host {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

// The reference reads with strict UTF-8 and fails on a bad byte; the plugins skip such lines
// unless told otherwise (their documented `strict_utf8` setting).
void ask_for_strict_utf8(plugins::Registry& registry) {
  for (const plugins::LoadedPlugin* plugin : registry.providing(sdk::PluginKind::signal_extractor))
    registry.set_config(plugin->info->name, "strict_utf8", "1");
}

void check_readable(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ::close(fd);
    return;
  }
  if (errno == EACCES || errno == EPERM)
    throw RuntimeError("cannot read " + path.string() + ": permission denied");
  throw RuntimeError("cannot read " + path.string() + ": " +
                     std::error_code(errno, std::generic_category()).message());
}

// The judge spec's wording (§7), kept verbatim for scripts that look for it.
constexpr const char* k_judge_unavailable =
    "LLM judge: unavailable (missing API key, SDK, or judge returned no result)";

std::string one_line(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return text;
}

// The reference's line shows the 0-1 score, so it stays "%.2f"; the 1-5 rating is in the JSON.
std::string judge_line(const sdk::JudgeVerdict& verdict) {
  char score[32];
  std::snprintf(score, sizeof score, "%.2f", verdict.score);
  return std::string("LLM Judge: ") + score + " (" + verdict.model + ") \u2014 " +
         one_line(verdict.reason);
}

boost::json::object judge_json(const sdk::JudgeVerdict& verdict) {
  return boost::json::object{{"score", verdict.score},
                             {"reason", verdict.reason},
                             {"model", verdict.model},
                             {"rating", verdict.rating}};
}

int run_signals(CommandContext& context) {
  const bool as_json = context.flag("json");
  const bool grade_only = context.flag("grade");
  const bool usage_only = context.flag("usage");
  if (int(as_json) + int(grade_only) + int(usage_only) > 1)
    throw UsageError("--json, --grade, and --usage are mutually exclusive");
  const auto path_text = context.str("path");
  if (!path_text)
    throw UsageError("Missing argument 'PATH'.");
  const fs::path path(*path_text);
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (fs::is_directory(status))
    throw UsageError("Invalid value for 'PATH': " + *path_text +
                     " is a directory, expected a .jsonl file");
  if (!fs::is_regular_file(status))
    throw UsageError("Invalid value for 'PATH': " + *path_text + " not found");
  check_readable(path);
  // --grade and --usage print one value for scripts; the reference never judges with them.
  std::optional<JudgeRunOptions> judge_options;
  if (context.flag("llm-judge") && !grade_only && !usage_only)
    judge_options = read_judge_options(context);

  ask_for_strict_utf8(context.plugins());
  const SignalExtraction extraction = SignalExtraction::from_plugins(context);
  const fs::path file = trajectory_file(path);
  sdk::SignalExtractor* extractor = nullptr;
  boost::json::object signals;
  try {
    extractor = &extraction.detect(file);
    signals = extractor->extract(file);
  } catch (const std::exception& e) {
    throw RuntimeError(e.what());
  }

  std::optional<sdk::JudgeVerdict> verdict;
  if (judge_options) {
    const sdk::JudgeInput input = make_trajectory_judge_input(
        *extractor, file, signals, context.str("category"), *judge_options);
    sdk::JudgeResult result = judge_if_available(context.plugins(), input, *judge_options);
    if (auto* v = std::get_if<sdk::JudgeVerdict>(&result)) {
      verdict = std::move(*v);
    } else {
      // Judging is an extra: the signals are still printed and the exit code stays 0.
      const auto& error = std::get<sdk::JudgeError>(result);
      context.err() << k_judge_unavailable << '\n'
                    << "LLM judge: " << sdk::to_string(error.kind) << ": "
                    << one_line(error.message) << '\n';
    }
  }

  auto& out = context.out();
  if (grade_only)
    out << format_grade(signals.if_contains("grade")) << '\n';
  else if (as_json) {
    if (verdict)
      signals["llm_judge"] = judge_json(*verdict);
    print_json(out, signals);
  } else if (usage_only) {
    const std::string line = signals_usage_line(signals);
    if (!line.empty())
      out << line << '\n';
  } else {
    out << signals_summary(signals);
    if (verdict)
      out << judge_line(*verdict) << '\n';
  }
  return 0;
}

} // namespace

CommandSpec make_signals_command() {
  CommandSpec spec;
  spec.name = "signals";
  spec.summary = "Extract productivity signals from a trajectory (.jsonl).";
  spec.usage_args = "PATH";
  spec.define = [](po::options_description& desc, po::positional_options_description& pos) {
    desc.add_options()("path", po::value<std::string>(), "Trajectory file")(
        "json", po::bool_switch(), "Output as JSON (default: human-readable summary)")(
        "grade", po::bool_switch(), "Output grade only (float 0.0-1.0)")(
        "usage", po::bool_switch(), "Output token usage breakdown")(
        "llm-judge",
        po::bool_switch(),
        "Also rate the session 1-5 with the LLM judge (not with --grade or --usage)")(
        "category",
        po::value<std::string>(),
        "Session category for the judge (default: the inferred category)");
    add_judge_options(desc);
    pos.add("path", 1);
  };
  spec.run = run_signals;
  return spec;
}

} // namespace gptme_sessions::host

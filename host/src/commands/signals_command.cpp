// `signals PATH [--json|--grade|--usage]`: productivity signals of one trajectory, its format
// detected from the content by the loaded SignalExtractor plugins (spec §2, §8).
#include "commands/command_table.hpp"
#include "commands/record_output.hpp"
#include "commands/signal_extraction.hpp"
#include "commands/signals_text.hpp"
#include "plugins/registry.hpp"

#include <gptme_sessions/sdk/abi.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
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

  ask_for_strict_utf8(context.plugins());
  const SignalExtraction extraction = SignalExtraction::from_plugins(context);
  boost::json::object signals;
  try {
    signals = extraction.extract(path);
  } catch (const std::exception& e) {
    throw RuntimeError(e.what());
  }

  auto& out = context.out();
  if (grade_only)
    out << format_grade(signals.if_contains("grade")) << '\n';
  else if (as_json)
    print_json(out, signals);
  else if (usage_only) {
    const std::string line = signals_usage_line(signals);
    if (!line.empty())
      out << line << '\n';
  } else {
    out << signals_summary(signals);
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
        "usage", po::bool_switch(), "Output token usage breakdown");
    pos.add("path", 1);
  };
  spec.run = run_signals;
  return spec;
}

} // namespace gptme_sessions::host

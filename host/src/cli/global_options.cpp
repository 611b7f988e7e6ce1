#include "cli/global_options.hpp"

#include "cli/errors.hpp"

#include <cstdlib>
#include <string_view>

namespace gptme_sessions::host {
namespace {

// Global options that take a value. Click's rule: they must come before the command name.
bool takes_value(std::string_view name) {
  return name == "--sessions-dir" || name == "--plugin-dir" || name == "--plugin";
}

void apply(ParsedCommandLine& parsed, std::string_view name, const std::string& value) {
  if (name == "--sessions-dir")
    parsed.global.sessions_dir = std::filesystem::path(value);
  else if (name == "--plugin-dir")
    parsed.global.plugin_dirs.emplace_back(value);
  else if (name == "--plugin")
    parsed.global.plugin_files.emplace_back(value);
}

std::filesystem::path resolve_executable(const char* argv0) {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec)
    return self;
  return std::filesystem::absolute(argv0 ? argv0 : "gptme-sessions", ec);
}

} // namespace

ParsedCommandLine parse_command_line(int argc, char** argv) {
  ParsedCommandLine parsed;
  parsed.global.executable = resolve_executable(argc > 0 ? argv[0] : nullptr);
  int i = 1;
  for (; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg.empty() || arg[0] != '-' || arg == "-")
      break;
    if (arg == "-h" || arg == "--help") {
      parsed.show_help = true;
      continue;
    }
    if (arg == "--version") {
      parsed.show_version = true;
      continue;
    }
    if (arg == "-q" || arg == "--quiet") {
      parsed.global.quiet = true;
      continue;
    }
    if (arg == "--no-default-plugins") {
      parsed.global.no_default_plugins = true;
      continue;
    }
    if (arg == "--verbose") {
      ++parsed.global.verbosity;
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-' && arg[1] != '-' &&
        arg.find_first_not_of('v', 1) == std::string::npos) {
      parsed.global.verbosity += static_cast<int>(arg.size() - 1); // -v, -vv
      continue;
    }
    auto eq = arg.find('=');
    std::string name = arg.substr(0, eq);
    if (takes_value(name)) {
      if (eq != std::string::npos) {
        apply(parsed, name, arg.substr(eq + 1));
      } else if (i + 1 < argc) {
        apply(parsed, name, argv[++i]);
      } else {
        throw UsageError("Option '" + name + "' requires an argument.");
      }
      continue;
    }
    throw UsageError("No such option '" + name + "'.");
  }
  if (i < argc) {
    parsed.command = argv[i++];
    for (; i < argc; ++i)
      parsed.command_args.emplace_back(argv[i]);
  }
  return parsed;
}

} // namespace gptme_sessions::host

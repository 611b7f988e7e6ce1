#include "app.hpp"

#include "cli/command.hpp"
#include "cli/errors.hpp"
#include "cli/global_options.hpp"
#include "cli/help_format.hpp"
#include "interrupt.hpp"
#include "logging.hpp"
#include "plugins/registry.hpp"
#include "plugins/search_path.hpp"

#include <gptme_sessions/core/session_store.hpp>

#include <boost/program_options.hpp>

#include <iostream>
#include <memory>
#include <sstream>

namespace gptme_sessions::host {

namespace po = boost::program_options;

namespace {

constexpr const char* k_program = "gptme-sessions";

void print_usage_error(std::ostream& err, const CommandSpec* command, const std::string& message) {
  if (command) {
    err << "Usage: " << k_program << ' ' << command->name << " [OPTIONS]"
        << (command->usage_args.empty() ? "" : " " + command->usage_args) << "\n"
        << "Try '" << k_program << ' ' << command->name << " --help' for help.\n";
  } else {
    err << "Usage: " << k_program << " [OPTIONS] COMMAND [ARGS]...\n"
        << "Try '" << k_program << " --help' for help.\n";
  }
  err << "\nError: " << message << '\n';
}

void print_top_help(std::ostream& out) {
  out << "Usage: " << k_program << " [OPTIONS] COMMAND [ARGS]...\n\n"
      << "  Track AI coding agent sessions: discover trajectories, extract signals, keep one\n"
      << "  record per session, print statistics and judge sessions.\n\n"
      << "Options:\n"
      << "  --sessions-dir PATH   Store directory (default: $GPTME_SESSIONS_DIR or\n"
      << "                        ${XDG_DATA_HOME:-~/.local/share}/gptme-sessions)\n"
      << "  --plugin-dir DIR      Also load plugins from DIR (repeatable)\n"
      << "  --plugin FILE         Load this plugin; failure is fatal (repeatable)\n"
      << "  --no-default-plugins  Skip the user and install plugin directories\n"
      << "  -v, --verbose         More diagnostics on stderr (repeat for debug)\n"
      << "  -q, --quiet           Errors only on stderr\n"
      << "  --version             Show the version and exit\n"
      << "  --help                Show this message and exit\n\n"
      << "Commands:\n";
  for (const auto& c : command_table()) {
    if (c.hidden)
      continue;
    std::string name = c.name;
    name.resize(std::max<std::size_t>(name.size(), 14), ' ');
    out << "  " << name << "  " << c.summary << '\n';
  }
}

void print_command_help(std::ostream& out,
                        const CommandSpec& command,
                        const po::options_description& desc,
                        const po::positional_options_description& positional) {
  out << "Usage: " << k_program << ' ' << command.name << " [OPTIONS]"
      << (command.usage_args.empty() ? "" : " " + command.usage_args) << "\n\n  " << command.summary
      << "\n\n"
      << format_options_help(desc, positional);
}

// Turns Boost.Program_options failures into click's wording.
std::string usage_message(const po::error& e) {
  if (auto* u = dynamic_cast<const po::unknown_option*>(&e))
    return "No such option '" + u->get_option_name() + "'.";
  if (auto* s = dynamic_cast<const po::invalid_command_line_syntax*>(&e)) {
    if (s->kind() == po::invalid_syntax::missing_parameter)
      return "Option '" + s->get_option_name() + "' requires an argument.";
  }
  if (auto* m = dynamic_cast<const po::multiple_occurrences*>(&e))
    return "Option '" + m->get_option_name() + "' was given more than once.";
  return e.what();
}

int run_command(const ParsedCommandLine& parsed,
                const CommandSpec& command,
                std::function<plugins::Registry&()> plugins) {
  po::options_description desc("Options");
  po::positional_options_description positional;
  if (command.define)
    command.define(desc, positional);
  desc.add_options()("help", po::bool_switch(), "Show this message and exit.");
  // Catch extra positionals so they can be reported like click does.
  po::options_description hidden;
  hidden.add_options()("__extra__", po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(desc).add(hidden);
  if (positional.max_total_count() != std::numeric_limits<unsigned>::max())
    positional.add("__extra__", -1);

  po::variables_map vm;
  try {
    auto style = po::command_line_style::unix_style & ~po::command_line_style::allow_guessing &
                 ~po::command_line_style::allow_sticky;
    po::store(po::command_line_parser(parsed.command_args)
                  .options(all)
                  .positional(positional)
                  .style(style)
                  .run(),
              vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(usage_message(e));
  }
  if (vm.count("help") && vm["help"].as<bool>()) {
    print_command_help(std::cout, command, desc, positional);
    return 0;
  }
  if (vm.count("__extra__")) {
    const auto& extra = vm["__extra__"].as<std::vector<std::string>>();
    std::string list;
    for (std::size_t i = 0; i < extra.size(); ++i)
      list += (i ? " " : "") + extra[i];
    throw UsageError(std::string("Got unexpected extra argument") + (extra.size() > 1 ? "s" : "") +
                     " (" + list + ")");
  }
  CommandContext context(
      parsed.global, command.name, std::move(vm), std::cout, std::cerr, std::move(plugins));
  return command.run(context);
}

} // namespace

int run(int argc, char** argv) {
  std::ios::sync_with_stdio(true);
  const CommandSpec* command = nullptr;
  // Outside the try so it outlives the handlers too: the objects plugins created are destroyed
  // with it (before their libraries, which are never unloaded) only when run() returns.
  std::unique_ptr<plugins::Registry> registry;
  try {
    ParsedCommandLine parsed = parse_command_line(argc, argv);
    init_logging(parsed.global.verbosity, parsed.global.quiet);
    install_interrupt_handlers();
    if (parsed.show_version) {
      std::cout << k_program << ", version " << GPTME_SESSIONS_VERSION << '\n';
      return 0;
    }
    if (parsed.show_help) {
      print_top_help(std::cout);
      return 0;
    }
    std::string name = parsed.command.value_or("__default__");
    command = find_command(name);
    if (!command || (command->hidden && parsed.command)) {
      if (!parsed.command) {
        print_top_help(std::cout);
        return 0;
      }
      throw UsageError("No such command '" + name + "'.");
    }
    // Plugins load on first use, on this (the main) thread, so commands that need none pay
    // nothing. `plugins list/check` print rejections themselves instead of warning lines.
    std::function<plugins::Registry&()> load_plugins =
        [&registry, &parsed, report = command->name != "plugins"]() -> plugins::Registry& {
      if (!registry)
        registry = std::make_unique<plugins::Registry>(
            plugins::make_search_path(parsed.global),
            plugins::RegistryOptions{.report_rejections = report,
                                     .cache_file = plugins::default_plugin_cache_file()});
      return *registry;
    };
    return run_command(parsed, *command, std::move(load_plugins));
  } catch (const Interrupted&) {
    std::cout.flush();
    std::cerr << "Aborted!\n";
    return 130;
  } catch (const UsageError& e) {
    std::cout.flush();
    print_usage_error(std::cerr, command, e.what());
    return 2;
  } catch (const RuntimeError& e) {
    std::cout.flush();
    std::cerr << "Error: " << e.what() << '\n';
    return 1;
  } catch (const core::StoreError& e) {
    std::cout.flush();
    std::cerr << "Error: " << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "Error: " << e.what() << '\n';
    return 1;
  }
}

} // namespace gptme_sessions::host

// The command framework. A command is a CommandSpec: its options (Boost.Program_options, seen
// only here and in the command's own file), its positional arguments, and a run function that
// reads a CommandContext. commands/command_table.cpp lists every command.
//
// Adding a command: write commands/<name>_command.cpp defining `CommandSpec make_<name>_command()`,
// declare it in commands/command_table.hpp and add it to the table in command_table.cpp.
#pragma once

#include "cli/errors.hpp"
#include "cli/global_options.hpp"

#include <gptme_sessions/core/session_store.hpp>

#include <boost/program_options.hpp>

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace gptme_sessions::host {

namespace plugins {
class Registry;
}

class CommandContext {
public:
  CommandContext(const GlobalOptions& global,
                 std::string command_name,
                 boost::program_options::variables_map vm,
                 std::ostream& out,
                 std::ostream& err,
                 std::function<plugins::Registry&()> plugins);

  const GlobalOptions& global() const { return m_global; }
  const std::string& command_name() const { return m_command; }
  const boost::program_options::variables_map& vm() const { return m_vm; }
  std::ostream& out() { return m_out; }
  std::ostream& err() { return m_err; }

  // The loaded plugins; loading happens on first use, so commands that need none pay nothing.
  plugins::Registry& plugins() { return m_plugins(); }

  // The store selected by --sessions-dir / GPTME_SESSIONS_DIR / the default.
  core::SessionStore store() const;

  bool has(const std::string& option) const { return m_vm.count(option) > 0; }
  bool flag(const std::string& option) const;
  // A string option; an empty string counts as given.
  std::optional<std::string> str(const std::string& option) const;
  std::vector<std::string> strs(const std::string& option) const;
  // An integer option in click's wording: "Invalid value for '--x': 'abc' is not a valid
  // integer." / "... -1 is not in the range x>=0." (UsageError).
  std::optional<long long> integer(const std::string& option,
                                   std::optional<long long> min = std::nullopt) const;
  // A choice option: "Invalid value for '--x': 'bad' is not one of 'a', 'b'."
  std::optional<std::string> choice(const std::string& option,
                                    const std::vector<std::string>& choices) const;

private:
  const GlobalOptions& m_global;
  std::string m_command;
  boost::program_options::variables_map m_vm;
  std::ostream& m_out;
  std::ostream& m_err;
  std::function<plugins::Registry&()> m_plugins;
};

struct CommandSpec {
  std::string name;
  std::string summary;    // one line for the top-level help
  std::string usage_args; // shown after [OPTIONS] in "Usage:", e.g. "SESSION_ID"
  // Declares options (flags as bool_switch or zero_tokens) and positionals.
  std::function<void(boost::program_options::options_description&,
                     boost::program_options::positional_options_description&)>
      define;
  // Returns the exit code; throws UsageError / RuntimeError for failures.
  std::function<int(CommandContext&)> run;
  bool hidden = false;
};

const std::vector<CommandSpec>& command_table();
const CommandSpec* find_command(const std::string& name);

} // namespace gptme_sessions::host

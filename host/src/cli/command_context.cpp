#include "cli/command.hpp"

#include <algorithm>
#include <charconv>

namespace gptme_sessions::host {

namespace po = boost::program_options;

CommandContext::CommandContext(const GlobalOptions& global,
                               std::string command_name,
                               po::variables_map vm,
                               std::ostream& out,
                               std::ostream& err,
                               std::function<plugins::Registry&()> plugins)
    : m_global(global), m_command(std::move(command_name)), m_vm(std::move(vm)), m_out(out),
      m_err(err), m_plugins(std::move(plugins)) {}

core::SessionStore CommandContext::store() const {
  return core::SessionStore(core::default_sessions_dir(m_global.sessions_dir));
}

bool CommandContext::flag(const std::string& option) const {
  auto it = m_vm.find(option);
  if (it == m_vm.end() || it->second.empty())
    return false;
  if (auto* b = boost::any_cast<bool>(&it->second.value()))
    return *b;
  return true;
}

std::optional<std::string> CommandContext::str(const std::string& option) const {
  auto it = m_vm.find(option);
  if (it == m_vm.end() || it->second.empty() || it->second.defaulted())
    return std::nullopt;
  if (auto* s = boost::any_cast<std::string>(&it->second.value()))
    return *s;
  if (auto* v = boost::any_cast<std::vector<std::string>>(&it->second.value()))
    return v->empty() ? std::nullopt : std::optional<std::string>(v->back());
  return std::nullopt;
}

std::vector<std::string> CommandContext::strs(const std::string& option) const {
  auto it = m_vm.find(option);
  if (it == m_vm.end() || it->second.empty())
    return {};
  if (auto* v = boost::any_cast<std::vector<std::string>>(&it->second.value()))
    return *v;
  if (auto* s = boost::any_cast<std::string>(&it->second.value()))
    return {*s};
  return {};
}

std::optional<long long> CommandContext::integer(const std::string& option,
                                                 std::optional<long long> min) const {
  auto text = str(option);
  if (!text)
    return std::nullopt;
  // click accepts surrounding whitespace and a leading '+'.
  std::string t = *text;
  auto first = t.find_first_not_of(" \t\n\r");
  auto last = t.find_last_not_of(" \t\n\r");
  std::string trimmed = first == std::string::npos ? "" : t.substr(first, last - first + 1);
  if (!trimmed.empty() && trimmed[0] == '+')
    trimmed.erase(0, 1);
  long long value = 0;
  auto [ptr, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
  if (trimmed.empty() || ec != std::errc() || ptr != trimmed.data() + trimmed.size())
    throw UsageError("Invalid value for '--" + option + "': '" + *text +
                     "' is not a valid integer.");
  if (min && value < *min)
    throw UsageError("Invalid value for '--" + option + "': " + std::to_string(value) +
                     " is not in the range x>=" + std::to_string(*min) + ".");
  return value;
}

std::optional<std::string> CommandContext::choice(const std::string& option,
                                                  const std::vector<std::string>& choices) const {
  auto value = str(option);
  if (!value)
    return std::nullopt;
  if (std::find(choices.begin(), choices.end(), *value) != choices.end())
    return value;
  std::string list;
  for (std::size_t i = 0; i < choices.size(); ++i)
    list += (i ? ", '" : "'") + choices[i] + "'";
  throw UsageError("Invalid value for '--" + option + "': '" + *value + "' is not one of " + list +
                   ".");
}

} // namespace gptme_sessions::host

#include "cli/help_format.hpp"

#include <boost/program_options/value_semantic.hpp>

#include <algorithm>
#include <cstdint>
#include <set>
#include <sstream>
#include <typeinfo>
#include <vector>

namespace gptme_sessions::host {

namespace po = boost::program_options;

namespace {

constexpr std::size_t k_left_max = 30; // click's col_max

std::set<std::string> positional_names(const po::positional_options_description& positional) {
  std::set<std::string> names;
  // An unlimited positional reports the same name for every position after the last fixed
  // one, so stop at the first repeat.
  const unsigned count = positional.max_total_count();
  for (unsigned i = 0; i < count; ++i) {
    const std::string& name = positional.name_for_position(i);
    if (!names.insert(name).second)
      break;
  }
  return names;
}

std::string metavar(const po::value_semantic& semantic) {
  if (semantic.max_tokens() == 0)
    return "";
  if (const std::string named = semantic.name(); named != "arg" && !named.empty())
    return named;
  const auto* typed = dynamic_cast<const po::typed_value_base*>(&semantic);
  if (typed == nullptr)
    return "VALUE";
  const std::type_info& type = typed->value_type();
  if (type == typeid(int) || type == typeid(long) || type == typeid(long long) ||
      type == typeid(unsigned) || type == typeid(unsigned long) ||
      type == typeid(unsigned long long) || type == typeid(std::vector<int>))
    return "INTEGER";
  if (type == typeid(double) || type == typeid(float))
    return "FLOAT";
  return "TEXT";
}

std::vector<std::string> wrap(const std::string& text, std::size_t width) {
  std::vector<std::string> lines;
  std::istringstream words(text);
  std::string line;
  for (std::string word; words >> word;) {
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty())
    lines.push_back(line);
  return lines;
}

} // namespace

std::string format_options_help(const po::options_description& options,
                                const po::positional_options_description& positional,
                                std::size_t width) {
  const std::set<std::string> hidden = positional_names(positional);
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& option : options.options()) {
    const std::string name = option->long_name();
    if (hidden.contains(name))
      continue;
    std::string left = name.empty() ? option->format_name() : "--" + name;
    if (const std::string var = metavar(*option->semantic()); !var.empty())
      left += " " + var;
    rows.emplace_back(std::move(left), option->description());
  }
  std::size_t left_width = 0;
  for (const auto& [left, _] : rows)
    if (left.size() <= k_left_max)
      left_width = std::max(left_width, left.size());
  const std::size_t text_column = 2 + left_width + 2;
  const std::size_t text_width = width > text_column + 20 ? width - text_column : 20;

  std::string out = "Options:\n";
  for (const auto& [left, description] : rows) {
    out += "  " + left;
    const std::vector<std::string> lines = wrap(description, text_width);
    if (lines.empty()) {
      out += '\n';
      continue;
    }
    // A name too long for the column gets its description on the lines below, like click.
    if (left.size() > left_width)
      out += "\n" + std::string(text_column, ' ');
    else
      out += std::string(left_width - left.size() + 2, ' ');
    for (std::size_t i = 0; i < lines.size(); ++i)
      out += (i == 0 ? "" : std::string(text_column, ' ')) + lines[i] + '\n';
  }
  return out;
}

} // namespace gptme_sessions::host

// Output and file text as lines, the way the CLI tests compare them.
#pragma once

#include <sstream>
#include <string>
#include <vector>

namespace gptme_sessions::testing {

// The lines of text without their '\n'; a final newline adds no empty line.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

} // namespace gptme_sessions::testing

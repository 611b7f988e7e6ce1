// The two failure kinds a command reports; app.cpp turns them into exit codes and messages.
#pragma once

#include <stdexcept>
#include <string>

namespace gptme_sessions::host {

// Exit 2, printed in click's usage-error format:
//   Usage: gptme-sessions <cmd> [OPTIONS] [ARGS]
//   Try 'gptme-sessions <cmd> --help' for help.
//   <blank>
//   Error: <message>
class UsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Exit 1, printed as "Error: <message>" on stderr.
class RuntimeError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace gptme_sessions::host

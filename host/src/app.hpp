#pragma once

namespace gptme_sessions::host {

// Parses the command line, runs the command and maps every failure to an exit code:
// 0 ok, 1 runtime error, 2 usage error. The only top-level catch.
int run(int argc, char** argv);

} // namespace gptme_sessions::host

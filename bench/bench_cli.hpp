// Command-line handling shared by the bench data generators: the same --help, usage-error and
// --end behaviour in each, so bench/run.sh can treat them alike.
#pragma once

#include "bench_random.hpp"

#include <boost/program_options.hpp>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

namespace gptme_sessions::bench {

// "<tool>: <message>" on stderr, exit status 2 (a usage error).
[[noreturn]] inline void usage_error(std::string_view tool, std::string_view message) {
  std::cerr << tool << ": " << message << '\n';
  std::exit(2);
}

// Parses argv into the targets of `desc`. Returns false after printing the help for --help;
// a bad command line is reported together with the help and exits 2.
inline bool parse_command_line(std::string_view tool,
                               int argc,
                               char** argv,
                               const boost::program_options::options_description& desc) {
  namespace po = boost::program_options;
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    if (vm.count("help")) {
      std::cout << desc << '\n';
      return false;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << tool << ": " << e.what() << "\n" << desc << '\n';
    std::exit(2);
  }
  return true;
}

// --end's "YYYY-MM-DD" as Unix seconds at 00:00 UTC; anything else is a usage error.
inline std::int64_t end_date_option(std::string_view tool, const std::string& text) {
  std::int64_t unix_seconds = 0;
  if (!parse_date(text, unix_seconds))
    usage_error(tool, "--end must be YYYY-MM-DD, got '" + text + "'");
  return unix_seconds;
}

} // namespace gptme_sessions::bench

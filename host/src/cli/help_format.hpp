// Command help in click's layout: "  --name METAVAR  description", the description column
// aligned (at most 30 wide on the left) and wrapped, positionals left out of the option list
// (they are named in the usage line), and a metavar saying what a value is (TEXT, INTEGER,
// FLOAT) instead of Boost.Program_options' generic "arg".
#pragma once

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/positional_options.hpp>

#include <string>

namespace gptme_sessions::host {

std::string
format_options_help(const boost::program_options::options_description& options,
                    const boost::program_options::positional_options_description& positional,
                    std::size_t width = 80);

} // namespace gptme_sessions::host

// The text forms of a signals object printed by `signals PATH` (spec §8): the human summary,
// the --usage line and the --grade value.
#pragma once

#include <boost/json/object.hpp>

#include <string>

namespace gptme_sessions::host {

// Every line of the summary, each ending in '\n'.
std::string signals_summary(const boost::json::object& signals);
// The --usage output: token line, rate-limit line, or "" (then nothing is printed).
std::string signals_usage_line(const boost::json::object& signals);
// "0.6500"
std::string format_grade(const boost::json::value* grade);

} // namespace gptme_sessions::host

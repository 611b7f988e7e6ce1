// The only place that adds Boost.Log sinks. Diagnostics go to stderr as
// "gptme-sessions: <level>: <message>"; command output never goes through the log.
#pragma once

#include <boost/log/sources/severity_logger.hpp>
#include <boost/log/trivial.hpp>

#include <string_view>

namespace gptme_sessions::host {

// quiet: errors only; default: warnings; -v: info; -vv: debug.
void init_logging(int verbosity, bool quiet);

void log_message(boost::log::trivial::severity_level level, std::string_view message);
inline void log_debug(std::string_view m) {
  log_message(boost::log::trivial::debug, m);
}
inline void log_info(std::string_view m) {
  log_message(boost::log::trivial::info, m);
}
inline void log_warning(std::string_view m) {
  log_message(boost::log::trivial::warning, m);
}
inline void log_error(std::string_view m) {
  log_message(boost::log::trivial::error, m);
}

} // namespace gptme_sessions::host

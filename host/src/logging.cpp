#include "logging.hpp"

#include <boost/core/null_deleter.hpp>
#include <boost/log/core.hpp>
#include <boost/log/expressions.hpp>
#include <boost/log/sinks/sync_frontend.hpp>
#include <boost/log/sinks/text_ostream_backend.hpp>
#include <boost/log/utility/setup/common_attributes.hpp>
#include <boost/smart_ptr/make_shared_object.hpp>

#include <iostream>
#include <mutex>

namespace gptme_sessions::host {

namespace logging = boost::log;
namespace sinks = boost::log::sinks;
namespace expr = boost::log::expressions;
using boost::log::trivial::severity_level;

namespace {

const char* level_name(severity_level level) {
  switch (level) {
  case severity_level::trace:
  case severity_level::debug:
    return "debug";
  case severity_level::info:
    return "info";
  case severity_level::warning:
    return "warning";
  case severity_level::error:
  case severity_level::fatal:
    return "error";
  }
  return "info";
}

logging::sources::severity_logger_mt<severity_level>& logger() {
  static logging::sources::severity_logger_mt<severity_level> instance;
  return instance;
}

} // namespace

void init_logging(int verbosity, bool quiet) {
  static std::once_flag once;
  std::call_once(once, [&] {
    auto backend = boost::make_shared<sinks::text_ostream_backend>();
    backend->add_stream(boost::shared_ptr<std::ostream>(&std::clog, boost::null_deleter()));
    backend->auto_flush(true);
    using sink_t = sinks::synchronous_sink<sinks::text_ostream_backend>;
    auto sink = boost::make_shared<sink_t>(backend);
    sink->set_formatter([](const logging::record_view& rec, logging::formatting_ostream& out) {
      auto level = logging::extract<severity_level>("Severity", rec);
      out << "gptme-sessions: " << level_name(level ? *level : severity_level::info) << ": "
          << rec[expr::smessage];
    });
    severity_level threshold = quiet            ? severity_level::error
                               : verbosity >= 2 ? severity_level::debug
                               : verbosity == 1 ? severity_level::info
                                                : severity_level::warning;
    logging::core::get()->set_filter(logging::trivial::severity >= threshold);
    logging::core::get()->add_sink(sink);
  });
}

void log_message(severity_level level, std::string_view message) {
  BOOST_LOG_SEV(logger(), level) << message;
}

} // namespace gptme_sessions::host

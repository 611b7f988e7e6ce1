#include "plainlog_discoverer.hpp"

#include "plainlog_format.hpp"

#include <gptme_sessions/core/signals/timestamp.hpp>

#include <algorithm>
#include <fstream>
#include <string>
#include <system_error>

namespace plainlog {
namespace {

namespace fs = std::filesystem;
namespace sig = gptme_sessions::core::signals;

// Discovery needs only the start of a file: the header and the first event.
constexpr int k_head_lines = 50;

std::optional<std::string> non_empty(std::string value) {
  if (value.empty())
    return std::nullopt;
  return value;
}

// What the file name says; read_head() adds what the file says.
sdk::DiscoveredSession named(const fs::path& file) {
  sdk::DiscoveredSession session;
  session.harness = "plainlog";
  session.path = file;
  session.session_name = file.stem().string();
  return session;
}

void read_head(std::istream& in, sdk::DiscoveredSession& session) {
  std::string line;
  for (int i = 0; i < k_head_lines && std::getline(in, line); ++i) {
    if (auto header = parse_header(line)) {
      if (!header->session.empty())
        session.session_name = header->session;
      session.project = non_empty(header->project);
      session.model = non_empty(header->model);
      continue;
    }
    const auto event = parse_event(line);
    const auto ts = event ? sig::parse_timestamp(event->timestamp) : std::nullopt;
    if (!ts)
      continue;
    // Python-style isoformat, the form the store keeps ("...T10:00:00+00:00").
    session.start_time = sig::isoformat(*ts);
    session.session_date = sig::wall_date(*ts);
    return;
  }
}

} // namespace

fs::path log_dir(const sdk::PluginContext& context, const fs::path& home) {
  if (auto dir = context.config("dir"); dir && !dir->empty())
    return *dir;
  if (auto dir = sdk::process_env("PLAINLOG_DIR"))
    return *dir;
  if (home.empty())
    return {}; // never fall back to the working directory
  return home / ".local" / "share" / "plainlog";
}

std::vector<sdk::DiscoveredSession> PlainlogDiscoverer::discover(const sdk::DiscoveryQuery& query) {
  std::vector<sdk::DiscoveredSession> sessions;
  const fs::path root = log_dir(m_context, query.home);
  std::error_code ec;
  if (root.empty() || !fs::is_directory(root, ec))
    return sessions;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(root, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    std::error_code type_ec; // a file that vanished meanwhile is just not listed
    if (it->path().extension() == k_extension && it->is_regular_file(type_ec))
      files.push_back(it->path());
  }
  if (ec)
    m_context.log(sdk::LogLevel::warning, "cannot list " + root.string() + ": " + ec.message());
  std::sort(files.begin(), files.end()); // directory order is unspecified

  for (const fs::path& file : files) {
    if (m_context.cancelled())
      break;
    std::ifstream in(file);
    if (!in) {
      m_context.log(sdk::LogLevel::warning, "cannot read " + file.string());
      continue;
    }
    sdk::DiscoveredSession session = named(file);
    read_head(in, session);
    const std::string& date = session.session_date;
    if (date.empty()) {
      m_context.log(sdk::LogLevel::debug, file.string() + ": no events, skipped");
      continue;
    }
    if ((!query.start_date.empty() && date < query.start_date) ||
        (!query.end_date.empty() && date > query.end_date))
      continue;
    sessions.push_back(std::move(session));
  }
  return sessions;
}

std::optional<sdk::DiscoveredSession> PlainlogDiscoverer::describe(const fs::path& trajectory) {
  sdk::DiscoveredSession session = named(trajectory);
  std::ifstream in(trajectory);
  if (in)
    read_head(in, session); // a file that is gone still has a name
  return session;
}

} // namespace plainlog

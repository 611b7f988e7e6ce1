#include "claude_discoverer.hpp"

#include <gptme_sessions/core/signals/json_access.hpp>
#include <gptme_sessions/core/signals/jsonl_reader.hpp>
#include <gptme_sessions/core/signals/timestamp.hpp>

#include <algorithm>
#include <system_error>
#include <unordered_set>

namespace gptme_sessions::plugins::harness_claude_code {
namespace {

namespace fs = std::filesystem;
namespace sig = core::signals;
namespace json = boost::json;
using sig::string_of;

constexpr std::size_t k_model_scan_lines = 50;
constexpr std::size_t k_model_scan_bytes = 524288;

// Sorted directory entries; a directory that vanished or cannot be listed yields what was
// read and an error message.
std::vector<fs::directory_entry> list_dir(const fs::path& dir, std::string& error) {
  std::vector<fs::directory_entry> entries;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec))
    entries.push_back(*it);
  if (ec)
    error = "cannot list " + dir.string() + ": " + ec.message();
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return a.path() < b.path();
  });
  return entries;
}

} // namespace

ClaudeCodeDiscoverer::ClaudeCodeDiscoverer(sdk::PluginContext& context, EnvLookup env)
    : m_context(context), m_env(std::move(env)) {}

void ClaudeCodeDiscoverer::warn(const std::string& message) {
  m_context.log(sdk::LogLevel::warning, message);
}

std::vector<sdk::DiscoveredSession>
ClaudeCodeDiscoverer::discover(const sdk::DiscoveryQuery& query) {
  std::vector<sdk::DiscoveredSession> sessions;
  // Discovery only needs a few fields, so bad bytes are tolerated as the reference's
  // errors="replace" reads do.
  sig::JsonlReaderOptions options;
  options.allow_invalid_utf8 = true;
  sig::JsonlReader reader([this](std::string_view message) { warn(std::string(message)); },
                          options);
  for (const fs::path& root : claude_project_roots(m_env, query.home)) {
    std::string error;
    const auto projects = list_dir(root, error);
    if (!error.empty())
      warn(error);
    for (const auto& project : projects) {
      if (m_context.cancelled())
        return sessions;
      std::error_code ec;
      if (project.is_directory(ec))
        scan_project(project.path(), query, reader, sessions);
      else if (ec)
        warn("cannot read " + project.path().string() + ": " + ec.message());
    }
  }
  std::stable_sort(sessions.begin(), sessions.end(), [](const auto& a, const auto& b) {
    if (a.session_date != b.session_date)
      return a.session_date < b.session_date;
    return a.path < b.path; // component-wise, like Python's Path ordering
  });
  return sessions;
}

std::optional<sdk::DiscoveredSession> ClaudeCodeDiscoverer::describe(const fs::path& trajectory) {
  sig::JsonlReaderOptions options;
  options.allow_invalid_utf8 = true;
  sig::JsonlReader reader([this](std::string_view message) { warn(std::string(message)); },
                          options);
  std::error_code ec;
  if (!fs::exists(trajectory, ec)) {
    sdk::DiscoveredSession session;
    session.harness = "claude-code";
    session.path = trajectory;
    session.session_name = trajectory.stem().string().substr(0, 8);
    session.project = project_from_dir_name(trajectory.parent_path().filename().string());
    return session;
  }
  return scan_file(trajectory, trajectory.parent_path(), reader, true);
}

void ClaudeCodeDiscoverer::scan_project(const fs::path& project,
                                        const sdk::DiscoveryQuery& query,
                                        sig::JsonlReader& reader,
                                        std::vector<sdk::DiscoveredSession>& out) {
  std::string error;
  const auto entries = list_dir(project, error);
  if (!error.empty())
    warn(error);
  // Most sessions have no subagents: knowing from this listing which have a session
  // directory saves a failing stat of <session>/subagents per file.
  std::unordered_set<std::string> session_dirs;
  for (const auto& entry : entries) {
    std::error_code ec;
    if (entry.is_directory(ec))
      session_dirs.insert(entry.path().filename().string());
  }
  for (const auto& entry : entries) {
    if (m_context.cancelled())
      return;
    if (entry.path().extension() != ".jsonl")
      continue;
    std::error_code ec;
    if (!entry.is_regular_file(ec)) {
      // Listed but gone (or a dangling link): the file vanished while we looked.
      if (ec)
        warn("cannot read " + entry.path().string() + ": " + ec.message());
      continue;
    }
    const std::uintmax_t size = fs::file_size(entry.path(), ec);
    if (ec) {
      warn("cannot read " + entry.path().string() + ": " + ec.message());
      continue;
    }
    if (size < k_stub_size)
      continue;
    auto session = scan_file(
        entry.path(), project, reader, false, session_dirs.contains(entry.path().stem().string()));
    if (!session)
      continue;
    if ((!query.start_date.empty() && session->session_date < query.start_date) ||
        (!query.end_date.empty() && session->session_date > query.end_date))
      continue;
    out.push_back(std::move(*session));
  }
}

std::optional<sdk::DiscoveredSession> ClaudeCodeDiscoverer::scan_file(const fs::path& file,
                                                                      const fs::path& project,
                                                                      sig::JsonlReader& reader,
                                                                      bool partial,
                                                                      bool has_session_dir) {
  sdk::DiscoveredSession session;
  session.harness = "claude-code";
  session.path = file;
  session.session_name = file.stem().string().substr(0, 8);
  bool have_time = false;
  bool model_window_open = true;

  try {
    reader.read(file, [&](const json::value& value, const sig::JsonlLine& line) {
      const json::object& record = value.get_object();
      if (!have_time) {
        if (const auto* t = record.if_contains("timestamp"); t != nullptr && t->is_string()) {
          if (auto ts = sig::parse_timestamp(t->get_string())) {
            have_time = true;
            session.session_date = sig::wall_date(*ts);
            session.start_time = sig::isoformat(*ts);
          }
        }
      }
      if (!session.project) {
        if (const std::string_view cwd = string_of(record, "cwd"); !cwd.empty())
          session.project = std::string(cwd);
      }
      model_window_open = model_window_open && line.number <= k_model_scan_lines &&
                          line.end_offset <= k_model_scan_bytes;
      if (model_window_open && !session.model) {
        const auto* message = record.if_contains("message");
        if (message != nullptr && message->is_object() &&
            string_of(message->get_object(), "role") == "assistant") {
          const std::string_view model = string_of(message->get_object(), "model");
          if (!model.empty() && model != "<synthetic>" && model != "unknown")
            session.model = std::string(model);
        }
      }
      return !(have_time && session.project && (session.model || !model_window_open));
    });
  } catch (const sig::JsonlReadError& e) {
    warn(e.what());
    if (!partial)
      return std::nullopt;
  }
  if (!have_time && !partial)
    return std::nullopt;
  if (!session.project)
    session.project = project_from_dir_name(project.filename().string());
  if (has_session_dir)
    session.related_files = subagent_files(file);
  return session;
}

} // namespace gptme_sessions::plugins::harness_claude_code

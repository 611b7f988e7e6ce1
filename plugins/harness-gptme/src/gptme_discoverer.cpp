#include "gptme_discoverer.hpp"

#include "gptme_config.hpp"

#include <gptme_sessions/core/signals/jsonl_reader.hpp>
#include <gptme_sessions/core/signals/timestamp.hpp>

#include <algorithm>
#include <system_error>

namespace gptme_sessions::plugins::harness_gptme {
namespace {

namespace fs = std::filesystem;
namespace sig = core::signals;

std::optional<std::string> non_empty(std::string value) {
  if (value.empty())
    return std::nullopt;
  return value;
}

} // namespace

fs::path gptme_logs_dir(const EnvLookup& env, const fs::path& home) {
  if (auto dir = env("GPTME_LOGS_DIR"))
    return *dir;
  if (auto data = env("XDG_DATA_HOME"))
    return fs::path(*data) / "gptme" / "logs";
  if (home.empty())
    return {};
  return home / ".local" / "share" / "gptme" / "logs";
}

GptmeDiscoverer::GptmeDiscoverer(sdk::PluginContext& context, EnvLookup env)
    : m_context(context), m_env(std::move(env)) {}

std::optional<std::string> GptmeDiscoverer::first_timestamp(const fs::path& conversation,
                                                            sig::JsonlReader& reader) {
  std::optional<std::string> found;
  try {
    reader.read(conversation, [&](const boost::json::value& record, const sig::JsonlLine&) {
      const auto* ts = record.get_object().if_contains("timestamp");
      if (ts == nullptr || !ts->is_string())
        return true;
      auto parsed = sig::parse_timestamp(ts->get_string());
      if (!parsed)
        return true;
      found = sig::isoformat(sig::assume_local(*parsed));
      return false;
    });
  } catch (const sig::JsonlReadError& e) {
    m_context.log(sdk::LogLevel::warning, e.what());
  }
  return found;
}

sdk::DiscoveredSession GptmeDiscoverer::describe_dir(const fs::path& dir,
                                                     sig::JsonlReader& reader) {
  const std::string name = dir.filename().string();
  const std::string date = name.substr(0, 10);
  sdk::DiscoveredSession session;
  session.harness = "gptme";
  const fs::path conversation = dir / "conversation.jsonl";
  std::error_code ec;
  const bool has_conversation = fs::exists(conversation, ec);
  session.path = has_conversation ? conversation : dir;
  if (sig::is_iso_date(date))
    session.session_date = date;
  session.session_name =
      name.size() > 11 && name[10] == '-' && sig::is_iso_date(date) ? name.substr(11) : name;
  const GptmeConfig config = read_gptme_config(dir / "config.toml");
  session.model = non_empty(config.model);
  session.project = non_empty(config.workspace);
  if (has_conversation)
    session.start_time = first_timestamp(conversation, reader);
  return session;
}

std::optional<sdk::DiscoveredSession> GptmeDiscoverer::describe(const fs::path& trajectory) {
  const fs::path dir = trajectory.extension() == ".jsonl" ? trajectory.parent_path() : trajectory;
  sig::JsonlReaderOptions options;
  options.allow_invalid_utf8 = true;
  sig::JsonlReader reader(
      [this](std::string_view message) { m_context.log(sdk::LogLevel::warning, message); },
      options);
  sdk::DiscoveredSession session = describe_dir(dir, reader);
  session.path = trajectory;
  return session;
}

std::vector<sdk::DiscoveredSession> GptmeDiscoverer::discover(const sdk::DiscoveryQuery& query) {
  std::vector<sdk::DiscoveredSession> sessions;
  const fs::path root = gptme_logs_dir(m_env, query.home);
  std::error_code ec;
  if (root.empty() || !fs::is_directory(root, ec))
    return sessions;
  std::vector<fs::path> children;
  fs::directory_iterator it(root, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec))
    children.push_back(it->path());
  if (ec) {
    m_context.log(sdk::LogLevel::warning, "cannot list " + root.string() + ": " + ec.message());
    return sessions;
  }
  std::sort(children.begin(), children.end());
  // Only the first timestamp is needed, so bad bytes are tolerated as the reference's
  // errors="replace" reads do.
  sig::JsonlReaderOptions options;
  options.allow_invalid_utf8 = true;
  sig::JsonlReader reader(
      [this](std::string_view message) { m_context.log(sdk::LogLevel::warning, message); },
      options);

  for (const fs::path& dir : children) {
    if (m_context.cancelled())
      break;
    const std::string name = dir.filename().string();
    if (name.size() > 11 && std::string_view(name).substr(11).starts_with("gptme-evals-"))
      continue;
    const std::string date = name.substr(0, 10);
    if (!sig::is_iso_date(date) || (!query.start_date.empty() && date < query.start_date) ||
        (!query.end_date.empty() && date > query.end_date))
      continue;
    if (!fs::is_directory(dir, ec)) {
      // Listed but gone (or a dangling link): the directory vanished while we looked.
      if (ec)
        m_context.log(sdk::LogLevel::warning, "cannot read " + dir.string() + ": " + ec.message());
      continue;
    }
    sessions.push_back(describe_dir(dir, reader));
  }
  return sessions;
}

} // namespace gptme_sessions::plugins::harness_gptme

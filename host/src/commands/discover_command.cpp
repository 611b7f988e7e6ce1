// `discover`: the trajectories the harness plugins find in a date window, whether each is
// already in the store, and optionally its signals (spec §10, with the synced check fixed).
#include "commands/command_table.hpp"
#include "commands/filter_options.hpp"
#include "commands/harness_discovery.hpp"
#include "commands/path_identity.hpp"
#include "commands/progress.hpp"
#include "commands/record_output.hpp"
#include "commands/signal_extraction.hpp"
#include "commands/work_pool.hpp"
#include "interrupt.hpp"

#include <gptme_sessions/core/signals/python_compat.hpp>
#include <gptme_sessions/core/since.hpp>
#include <gptme_sessions/core/text_format.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <ostream>
#include <system_error>

namespace gptme_sessions::host {

namespace po = boost::program_options;
namespace json = boost::json;

namespace {

// `discover --since all` (or 0) scans a week, as the reference does.
constexpr double k_default_days = 7;

struct Entry {
  sdk::DiscoveredSession session;
  bool synced = false;
  // With --signals: the summary fields, or the failure message.
  std::optional<json::object> signals;
  std::string signals_error;
};

std::int64_t tool_call_total(const json::object& signals) {
  std::int64_t total = 0;
  if (const auto* tc = signals.if_contains("tool_calls"); tc != nullptr && tc->is_object())
    for (const auto& [name, count] : tc->get_object())
      if (auto n = core::signals::as_number(&count))
        total += static_cast<std::int64_t>(*n);
  return total;
}

json::object summarize(const json::object& signals) {
  json::object out;
  const json::value* grade = signals.if_contains("grade");
  out["grade"] = grade != nullptr ? *grade : json::value(nullptr);
  const json::value* productive = signals.if_contains("productive");
  out["productive"] = productive != nullptr ? *productive : json::value(false);
  out["tool_calls"] = tool_call_total(signals);
  const json::value* commits = signals.if_contains("git_commits");
  out["git_commits"] =
      commits != nullptr && commits->is_array() ? std::int64_t(commits->get_array().size()) : 0;
  const json::value* errors = signals.if_contains("error_count");
  out["error_count"] = errors != nullptr ? *errors : json::value(0);
  return out;
}

void extract_all(CommandContext& context, std::vector<Entry>& entries, bool machine_output) {
  const SignalExtraction extraction = SignalExtraction::from_plugins(context);
  Progress progress(context.err(),
                    progress_allowed(context, machine_output),
                    "Extracting signals:",
                    entries.size());
  parallel_for(
      entries.size(),
      job_count(),
      [&](std::size_t i) {
        Entry& entry = entries[i];
        std::error_code ec;
        const auto size = std::filesystem::file_size(entry.session.path, ec);
        try {
          entry.signals = summarize(extraction.extract(entry.session.path));
        } catch (const std::exception& e) {
          entry.signals_error = e.what();
        }
        progress.file_done(ec ? 0 : size);
      },
      [&] { progress.tick(); });
}

std::string python_value(const json::value& v) {
  return core::signals::python_str(v);
}

void print_text(std::ostream& out,
                const std::vector<Entry>& entries,
                bool with_signals,
                const DiscoveryWindow& window,
                bool unsynced_only,
                std::size_t total_discovered) {
  std::size_t width = 0;
  for (const auto& e : entries)
    width = std::max(width, core::code_point_count(e.session.harness));
  std::size_t synced = 0;
  std::string text;
  for (const auto& e : entries) {
    synced += e.synced ? 1 : 0;
    const std::string date = e.session.session_date.empty() ? "????" : e.session.session_date;
    text += e.synced ? "[S]" : "[ ]";
    if (with_signals && e.signals) {
      const json::object& s = *e.signals;
      const json::value& productive = s.at("productive");
      text += productive.is_bool() && productive.get_bool() ? "[+] " : "[-] ";
      text += date + "  ";
      core::append_padded_left(text, e.session.harness, width);
      text += "  grade=";
      const auto grade = core::signals::as_number(&s.at("grade"));
      core::append_fixed(text, grade.value_or(0.0), 2);
      text += "  tools=" + python_value(s.at("tool_calls")) +
              " commits=" + python_value(s.at("git_commits")) +
              " errors=" + python_value(s.at("error_count"));
    } else if (with_signals) {
      text += "[?] " + date + "  ";
      core::append_padded_left(text, e.session.harness, width);
      text += "  (signals error: " + e.signals_error + ")";
    } else {
      text += "   " + date + "  ";
      core::append_padded_left(text, e.session.harness, width);
    }
    text += "  " + e.session.path.string() + "\n";
  }
  text += "\n" + std::to_string(entries.size()) + " session(s) found (" + window.start_date +
          " to " + window.end_date + ")";
  if (unsynced_only) {
    const std::size_t already = total_discovered - entries.size();
    if (already > 0)
      text += " (" + std::to_string(total_discovered) + " total, " + std::to_string(already) +
              " already synced)";
  } else {
    text += ", " + std::to_string(synced) + " synced, " + std::to_string(entries.size() - synced) +
            " pending";
  }
  out << text << '\n';
}

json::object to_json(const std::vector<Entry>& entries, std::size_t total_discovered) {
  json::array sessions;
  for (const auto& e : entries) {
    json::object item;
    item["harness"] = e.session.harness;
    item["path"] = e.session.path.string();
    item["session_date"] =
        e.session.session_date.empty() ? json::value(nullptr) : json::value(e.session.session_date);
    item["synced"] = e.synced;
    if (e.signals) {
      for (const auto& [key, value] : *e.signals)
        item[key] = value;
    } else if (!e.signals_error.empty()) {
      item["signals_error"] = e.signals_error;
    }
    sessions.push_back(std::move(item));
  }
  json::object out;
  out["sessions"] = std::move(sessions);
  out["total_discovered"] = total_discovered;
  return out;
}

int run_discover(CommandContext& context) {
  const bool as_json = context.flag("json");
  const bool with_signals = context.flag("signals");
  const bool unsynced_only = context.flag("unsynced");
  const std::optional<double> since = read_since_option(context, k_default_days);
  const double days = since && *since > 0 ? *since : k_default_days;
  const DiscoveryWindow window = window_of_days(days);
  const auto discoverers = select_discoverers(context, context.str("harness"));

  std::vector<Entry> entries;
  {
    // Ctrl-C stops the discoverers early; a partial list is not printed as if complete.
    InterruptScope interruptible;
    for (auto& session : run_discovery(discoverers, window)) {
      Entry entry;
      entry.session = std::move(session);
      entries.push_back(std::move(entry));
    }
  }
  throw_if_interrupted();
  const std::size_t total_discovered = entries.size();
  if (!entries.empty()) {
    std::vector<std::string> paths;
    paths.reserve(entries.size());
    for (const auto& entry : entries)
      paths.push_back(entry.session.path.string());
    SyncedCheck synced(paths);
    context.store().for_each([&synced](core::SessionRecord&& record) { synced.add(record); });
    for (std::size_t i = 0; i < entries.size(); ++i)
      entries[i].synced = synced.synced(i);
  }
  if (unsynced_only)
    std::erase_if(entries, [](const Entry& e) { return e.synced; });
  if (with_signals && !entries.empty())
    extract_all(context, entries, as_json);

  auto& out = context.out();
  if (as_json) {
    print_json(out, to_json(entries, total_discovered));
    return 0;
  }
  if (entries.empty()) {
    const std::string span = core::format_since(days);
    if (unsynced_only && total_discovered > 0)
      out << "All " << total_discovered << " session(s) in the last " << span
          << " are already synced.\n";
    else
      out << "No sessions found in the last " << span << ".\n";
    return 0;
  }
  print_text(out, entries, with_signals, window, unsynced_only, total_discovered);
  return 0;
}

} // namespace

CommandSpec make_discover_command() {
  CommandSpec spec;
  spec.name = "discover";
  spec.summary = "Discover trajectory files of every harness a plugin knows.";
  spec.define = [](po::options_description& desc, po::positional_options_description&) {
    desc.add_options()("harness",
                       po::value<std::string>(),
                       "Limit to one harness (the loaded harness plugins' names)")(
        "since", po::value<std::string>(), "How far back to scan (e.g. 7d, 2w). Default: 7d")(
        "signals", po::bool_switch(), "Extract and show productivity signals for each session")(
        "unsynced", po::bool_switch(), "Only sessions not yet in the store")(
        "json", po::bool_switch(), "Output as JSON");
  };
  spec.run = run_discover;
  return spec;
}

} // namespace gptme_sessions::host

#include "commands/sync_fix_timestamps.hpp"

#include "commands/harness_discovery.hpp"
#include "commands/record_output.hpp"
#include "commands/sync_index.hpp"
#include "commands/sync_record.hpp"
#include "logging.hpp"

#include <gptme_sessions/core/session_store.hpp>
#include <gptme_sessions/core/text_format.hpp>
#include <gptme_sessions/sdk/harness_discoverer.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <exception>
#include <filesystem>
#include <map>
#include <ostream>
#include <system_error>
#include <utility>

namespace gptme_sessions::host {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

// Python text[begin:end] (code points), so a stray non-ASCII timestamp is never cut inside a
// UTF-8 sequence.
std::string_view slice(std::string_view text, std::size_t begin, std::size_t end) {
  const std::string_view head = core::code_point_prefix(text, end);
  return head.substr(core::code_point_prefix(head, begin).size());
}

// Per (harness, trajectory_path), what the harness plugin's describe() reports, asked once:
// the command plans twice (a preview, then again under the store lock) and a store may name
// one trajectory from several records.
class TrajectoryTimes {
public:
  explicit TrajectoryTimes(std::vector<sdk::HarnessDiscoverer*> discoverers)
      : m_discoverers(std::move(discoverers)) {}

  std::optional<TrajectoryTime> operator()(const core::SessionRecord& record) {
    // The reference reads a missing harness as "unknown", which no plugin claims.
    const std::string harness =
        record.harness && !record.harness->empty() ? *record.harness : "unknown";
    sdk::HarnessDiscoverer* discoverer = find(harness);
    if (discoverer == nullptr) {
      ++m_unplugged[harness];
      return std::nullopt;
    }
    auto key = std::make_pair(harness, *record.trajectory_path);
    auto it = m_cache.find(key);
    if (it == m_cache.end())
      it = m_cache.emplace(key, learn(*discoverer, *record.trajectory_path)).first;
    return it->second;
  }

  // Records of the last pass whose harness no loaded plugin handles, per harness.
  const std::map<std::string, std::size_t>& unplugged() const { return m_unplugged; }
  void start_pass() { m_unplugged.clear(); }

private:
  sdk::HarnessDiscoverer* find(std::string_view harness) const {
    for (sdk::HarnessDiscoverer* d : m_discoverers)
      if (d->harness_name() == harness)
        return d;
    return nullptr;
  }

  // `<date>` for a missing trajectory is the date discovery derives from the path alone (the
  // reference's session_date_from_path): gptme's directory name. Claude Code dates a session
  // only by its content, so a missing file gives no date and its record is left alone, as the
  // reference skips it. An unreadable trajectory counts as missing (spec): the plugins warn
  // naming the file and report no start time.
  static std::optional<TrajectoryTime> learn(sdk::HarnessDiscoverer& discoverer,
                                             const std::string& path) {
    std::error_code ec;
    // The reference only reads the first line of a regular file; a gptme session directory
    // that gained a conversation.jsonl later still dates by its name.
    const bool is_file = fs::is_regular_file(path, ec);
    std::optional<sdk::DiscoveredSession> described;
    try {
      described = discoverer.describe(path);
    } catch (const std::exception& e) {
      log_warning("cannot read " + path + ": " + e.what());
      return std::nullopt;
    } catch (...) {
      log_warning("cannot read " + path);
      return std::nullopt;
    }
    if (!described)
      return std::nullopt;
    TrajectoryTime time;
    if (is_file && described->start_time && !described->start_time->empty())
      time.start_time = described->start_time;
    time.session_date = described->session_date;
    if (!time.start_time && time.session_date.empty())
      return std::nullopt;
    return time;
  }

  std::vector<sdk::HarnessDiscoverer*> m_discoverers;
  std::map<std::pair<std::string, std::string>, std::optional<TrajectoryTime>> m_cache;
  std::map<std::string, std::size_t> m_unplugged;
};

// Keeps the sync index true to the rewritten store: a record sync still owned (its derived
// fields had the fingerprint sync wrote) stays owned with the new timestamp, and when the
// index had seen the store as it was just before, it now knows the store as it is after, so
// the next unchanged `sync` still decides from the index alone. An index that was already
// stale is left stale (the next sync re-reads the store anyway); none is created.
class IndexRefresh {
public:
  explicit IndexRefresh(const core::SessionStore& store)
      : m_store(store), m_file(store.dir() / k_sync_index_file_name),
        m_store_before(file_state(store.path())), m_index(SyncIndex::load(m_file)) {}

  // Call before the record's timestamp changes, then after().
  void before(const core::SessionRecord& record) {
    const SyncIndexEntry* known = m_index.find(*record.trajectory_path);
    m_owned = known != nullptr && known->record_id == record.session_id &&
              !known->fingerprint.empty() && known->fingerprint == derived_fingerprint(record);
  }
  void after(const core::SessionRecord& record) {
    if (!m_owned)
      return;
    SyncIndexEntry next = *m_index.find(*record.trajectory_path);
    next.fingerprint = derived_fingerprint(record);
    m_index.put(*record.trajectory_path, std::move(next));
  }

  void save() {
    if (m_store_before && m_index.store_state() == m_store_before)
      m_index.set_store_state(file_state(m_store.path()));
    if (!m_index.changed())
      return;
    try {
      m_index.save(m_file);
    } catch (const std::exception& e) {
      // The store is written; a stale index only costs a store read on the next sync.
      log_warning(std::string("sync index not updated: ") + e.what());
    }
  }

private:
  const core::SessionStore& m_store;
  fs::path m_file;
  std::optional<FileState> m_store_before;
  SyncIndex m_index;
  bool m_owned = false;
};

// Under the store lock: plan again against the records as they are now (another writer may
// have appended since the preview), rewrite once, refresh the sync index.
TimestampFixPlan write_fixes(const core::SessionStore& store, TrajectoryTimes& times) {
  TimestampFixPlan plan;
  store.with_lock([&] {
    // Damaged lines were already reported by the first read.
    const core::SessionStore quiet(store.dir(), [](const std::string&) {});
    std::vector<core::SessionRecord> records = quiet.load_all();
    times.start_pass();
    plan = plan_timestamp_fixes(records, std::ref(times));
    if (plan.fixes.empty())
      return;
    IndexRefresh index(store);
    for (const TimestampFix& fix : plan.fixes) {
      core::SessionRecord& record = records[fix.position];
      index.before(record);
      record.timestamp = fix.new_timestamp;
      index.after(record);
    }
    store.rewrite(records);
    index.save();
  });
  return plan;
}

// The spec's discovery options mean nothing here; say so rather than let a user believe
// `--harness gptme` limited the rewrite.
void warn_ignored_options(const CommandContext& context) {
  std::string ignored;
  for (const char* option : {"harness", "since"})
    if (context.has(option))
      ignored += std::string(ignored.empty() ? "" : ", ") + "--" + option;
  if (context.flag("signals"))
    ignored += std::string(ignored.empty() ? "" : ", ") + "--signals";
  if (!ignored.empty())
    log_warning("--fix-timestamps checks every record in the store; ignoring " + ignored);
}

json::object to_json(const TimestampFixPlan& plan, bool dry_run) {
  json::array changes;
  for (const TimestampFix& fix : plan.fixes) {
    json::object item;
    item["session_id"] = fix.session_id;
    item["trajectory_path"] = fix.trajectory_path;
    item["old"] = fix.old_timestamp;
    item["new"] = fix.new_timestamp;
    changes.push_back(std::move(item));
  }
  json::object out;
  out["fixed"] = plan.fixes.size();
  out["total"] = plan.total;
  out["unchecked"] = plan.unchecked;
  out["dry_run"] = dry_run;
  out["changes"] = std::move(changes);
  return out;
}

} // namespace

std::optional<std::string> corrected_timestamp(std::string_view stored,
                                               const TrajectoryTime& time) {
  std::string correct;
  std::string date;
  if (time.start_time && !time.start_time->empty()) {
    correct = *time.start_time;
    date = std::string(slice(correct, 0, 10));
  } else if (!time.session_date.empty()) {
    // Midnight UTC, as the reference writes it: without a start time only the date is known.
    correct = time.session_date + "T00:00:00+00:00";
    date = time.session_date;
  } else {
    return std::nullopt;
  }
  // A noon placeholder is only recognisable against a real start time, and a session that
  // really started at noon keeps its timestamp.
  const bool placeholder = time.start_time && slice(stored, 11, 19) == "12:00:00" &&
                           slice(correct, 11, 19) != "12:00:00";
  if (stored.starts_with(date) && !placeholder)
    return std::nullopt;
  return correct;
}

TimestampFixPlan plan_timestamp_fixes(const std::vector<core::SessionRecord>& records,
                                      const TrajectoryTimeLookup& lookup) {
  TimestampFixPlan plan;
  plan.total = records.size();
  for (std::size_t i = 0; i < records.size(); ++i) {
    const core::SessionRecord& record = records[i];
    if (!record.trajectory_path || record.trajectory_path->empty())
      continue;
    const std::optional<TrajectoryTime> time = lookup(record);
    if (!time) {
      ++plan.unchecked;
      continue;
    }
    std::optional<std::string> fixed = corrected_timestamp(record.timestamp, *time);
    if (!fixed)
      continue;
    // The store gives id-less lines a stable derived id on load, so session_id is what
    // `show` and `query` print for the record, never empty.
    plan.fixes.push_back(
        {i, record.session_id, *record.trajectory_path, record.timestamp, std::move(*fixed)});
  }
  return plan;
}

int run_fix_timestamps(CommandContext& context) {
  const bool dry_run = context.flag("dry-run");
  const bool as_json = context.flag("json");
  warn_ignored_options(context);
  auto& out = context.out();

  const core::SessionStore store = context.store();
  const std::vector<core::SessionRecord> records = store.load_all();
  if (records.empty()) {
    if (as_json)
      print_json(out, to_json(TimestampFixPlan{}, dry_run));
    else
      out << "No records in store to fix.\n";
    return 0;
  }

  TrajectoryTimes times(ordered_discoverers(context));
  TimestampFixPlan plan = plan_timestamp_fixes(records, std::ref(times));
  // Nothing is written in a dry run or when nothing is wrong, not even the lock file.
  if (!dry_run && !plan.fixes.empty())
    plan = write_fixes(store, times);
  for (const auto& [harness, count] : times.unplugged())
    log_warning("no harness plugin for '" + harness + "' is loaded: " + std::to_string(count) +
                " record(s) not checked");

  if (as_json) {
    print_json(out, to_json(plan, dry_run));
    return 0;
  }
  std::string text;
  if (dry_run)
    for (const TimestampFix& fix : plan.fixes)
      text += "  would fix: " + fix.session_id + "  " +
              std::string(core::code_point_prefix(fix.old_timestamp, 19)) + " \u2192 " +
              std::string(core::code_point_prefix(fix.new_timestamp, 19)) + "\n";
  text += std::string(dry_run ? "Would fix " : "Fixed ") + std::to_string(plan.fixes.size()) +
          " timestamp(s) out of " + std::to_string(plan.total) + " record(s).\n";
  out << text;
  return 0;
}

} // namespace gptme_sessions::host

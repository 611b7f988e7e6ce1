// `sync`: import discovered sessions into the store, incrementally (spec §11). Sessions
// already in the store are matched by trajectory path; the sync index beside the store lets
// a re-run skip every trajectory whose file did not change, and a trajectory its harness
// rewrote (resume, compaction, every gptme save) updates its record in place.
#include "commands/command_table.hpp"
#include "commands/filter_options.hpp"
#include "commands/harness_discovery.hpp"
#include "commands/progress.hpp"
#include "commands/record_output.hpp"
#include "commands/signal_extraction.hpp"
#include "commands/sync_fix_timestamps.hpp"
#include "commands/sync_plan.hpp"
#include "commands/sync_record.hpp"
#include "commands/work_pool.hpp"
#include "interrupt.hpp"

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
namespace fs = std::filesystem;

namespace {

constexpr double k_default_days = 14;
constexpr double k_all_days = 36500; // `--since all`: a century, as the reference does
constexpr std::size_t k_large_import = 100;

std::vector<SyncEntry> to_entries(std::vector<sdk::DiscoveredSession> sessions) {
  std::vector<SyncEntry> entries;
  entries.reserve(sessions.size());
  for (auto& session : sessions) {
    SyncEntry entry;
    entry.path = session.path.string();
    entry.state = file_state(session.path, session.related_files, &entry.regular_file);
    entry.session = std::move(session);
    entries.push_back(std::move(entry));
  }
  return entries;
}

class Extractions {
public:
  Extractions(CommandContext& context, const std::vector<SyncEntry>& entries, bool machine_output)
      : m_context(context), m_entries(entries), m_machine_output(machine_output),
        m_cache(entries.size()) {}

  // Parses the given entries on the worker pool (largest files first, so one big file at the
  // end cannot leave a core idle), then reports failures in discovery order. For entries the
  // preview imports, the worker builds the new record too.
  void prefetch(std::vector<std::size_t> wanted, const std::vector<SyncAction>& preview) {
    if (wanted.empty())
      return;
    Progress progress(m_context.err(),
                      progress_allowed(m_context, m_machine_output),
                      "Parsing trajectories:",
                      wanted.size());
    const SignalExtraction& extraction = extractor();
    std::vector<std::size_t> order = wanted;
    std::stable_sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
      return size_of(a) > size_of(b);
    });
    parallel_for(
        order.size(),
        job_count(),
        [&](std::size_t k) {
          const std::size_t i = order[k];
          Extraction result = run(extraction, i);
          if (preview[i] == SyncAction::import) {
            const boost::json::object* signals = result.signals ? &*result.signals : nullptr;
            result.new_record = new_sync_record(m_entries[i].session, signals);
            result.new_record_fingerprint = derived_fingerprint(*result.new_record);
          }
          m_cache[i] = std::move(result);
          progress.file_done(size_of(i));
        },
        [&] { progress.tick(); });
    for (std::size_t i : wanted)
      report(i);
  }

  // For the planner: a prefetched result, or one parsed now (the store changed meanwhile).
  Extraction* get(std::size_t i) {
    if (!m_cache[i]) {
      m_cache[i] = run(extractor(), i);
      report(i);
    }
    return &*m_cache[i];
  }

private:
  const SignalExtraction& extractor() {
    if (!m_extraction)
      m_extraction.emplace(SignalExtraction::from_plugins(m_context));
    return *m_extraction;
  }

  Extraction run(const SignalExtraction& extraction, std::size_t i) const {
    Extraction result;
    try {
      result.signals = extraction.extract(m_entries[i].session.path);
    } catch (const std::exception& e) {
      result.error = e.what();
    }
    return result;
  }

  std::uint64_t size_of(std::size_t i) const {
    return m_entries[i].state ? m_entries[i].state->size : 0;
  }

  void report(std::size_t i) {
    const Extraction& result = *m_cache[i];
    if (!result.signals && !m_context.global().quiet)
      m_context.err() << "  warning: signals extraction failed for " << m_entries[i].path << ": "
                      << result.error << '\n';
  }

  CommandContext& m_context;
  const std::vector<SyncEntry>& m_entries;
  bool m_machine_output;
  std::vector<std::optional<Extraction>> m_cache;
  std::optional<SignalExtraction> m_extraction;
};

// Under the store lock: decide again against the records as they are now (another writer may
// have appended since), then write everything in one atomic step and refresh the index.
SyncPlan write_plan(CommandContext& context,
                    const std::vector<SyncEntry>& entries,
                    const SyncOptions& options,
                    Extractions& extractions) {
  const core::SessionStore store = context.store();
  const fs::path index_file = store.dir() / k_sync_index_file_name;
  SyncPlan plan;
  store.with_lock([&] {
    // Damaged lines were already reported by the first read.
    const core::SessionStore quiet(store.dir(), [](const std::string&) {});
    std::vector<core::SessionRecord> records = quiet.load_all();
    plan = plan_sync(entries, records, SyncIndex::load(index_file), options, [&](std::size_t i) {
      return extractions.get(i);
    });
    if (plan.updated > 0) {
      std::vector<core::SessionRecord> all = std::move(records);
      for (auto& [position, record] : plan.updates)
        all[position] = std::move(record);
      for (const auto& record : plan.new_records)
        all.push_back(record);
      store.rewrite(all);
    } else if (!plan.new_records.empty()) {
      store.append(plan.new_records);
    }
    plan.index.set_store_state(file_state(store.path()));
    if (plan.index.changed()) {
      try {
        plan.index.save(index_file);
      } catch (const std::exception& e) {
        // The store is written; a stale index only costs a re-parse next time.
        plan.warnings.push_back(std::string("  warning: sync index not updated: ") + e.what());
      }
    }
  });
  return plan;
}

// The whole run decided from the index alone: the store is exactly as the index last saw it
// (so every indexed record exists unchanged) and every discovered file, with what discovery
// says about it, is exactly as it was reconciled. nullopt when anything differs.
std::optional<SyncPlan> unchanged_by_index(const std::vector<SyncEntry>& entries,
                                           const SyncIndex& index,
                                           const std::optional<FileState>& store_state,
                                           const SyncOptions& options) {
  if (!store_state || index.store_state() != store_state)
    return std::nullopt;
  SyncPlan plan;
  plan.actions.assign(entries.size(), SyncAction::unchanged);
  plan.session_ids.resize(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const SyncEntry& entry = entries[i];
    const SyncIndexEntry* known = index.find(entry.path);
    if (known == nullptr || !entry.state || known->state != *entry.state ||
        (options.with_signals && !known->signals) ||
        known->discovery != discovery_fingerprint(entry.session))
      return std::nullopt;
    plan.session_ids[i] = known->record_id;
  }
  plan.unchanged = entries.size();
  return plan;
}

void print_dry_run(std::ostream& out, const std::vector<SyncEntry>& entries, const SyncPlan& plan) {
  std::string text;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (plan.actions[i] == SyncAction::unchanged)
      continue;
    text += plan.actions[i] == SyncAction::import ? "  would import: " : "  would update: ";
    core::append_padded_left(text, entries[i].session.harness, 14);
    text += "  " + entries[i].path + "\n";
  }
  text += "\n" + std::to_string(entries.size()) + " found, " + std::to_string(plan.unchanged) +
          " unchanged, " + std::to_string(plan.imported) + " would be imported";
  if (plan.updated > 0)
    text += ", " + std::to_string(plan.updated) + " would be updated";
  out << text << '\n';
}

json::object to_json(const std::vector<SyncEntry>& entries, const SyncPlan& plan, bool dry_run) {
  json::array sessions;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    json::object item;
    item["harness"] = entries[i].session.harness;
    item["path"] = entries[i].path;
    item["action"] = plan.actions[i] == SyncAction::import   ? "import"
                     : plan.actions[i] == SyncAction::update ? "update"
                                                             : "unchanged";
    item["session_id"] = dry_run && plan.actions[i] == SyncAction::import
                             ? json::value(nullptr)
                             : json::value(plan.session_ids[i]);
    sessions.push_back(std::move(item));
  }
  json::object out;
  out["found"] = entries.size();
  out["imported"] = plan.imported;
  out["updated"] = plan.updated;
  out["unchanged"] = plan.unchanged;
  out["dry_run"] = dry_run;
  out["sessions"] = std::move(sessions);
  return out;
}

int run_sync(CommandContext& context) {
  if (context.flag("fix-timestamps"))
    return run_fix_timestamps(context);
  SyncOptions options;
  options.with_signals = context.flag("signals");
  options.dry_run = context.flag("dry-run");
  const bool as_json = context.flag("json");
  const std::optional<double> since = read_since_option(context, k_default_days);
  const std::string window_text = core::format_since(since);
  const auto discoverers = select_discoverers(context, context.str("harness"));
  // Ctrl-C while discovering or parsing stops the plugins early; their partial results must
  // not reach the store, so the run then ends before writing anything.
  std::optional<InterruptScope> interruptible(std::in_place);
  const std::vector<SyncEntry> entries =
      to_entries(run_discovery(discoverers, window_of_days(since.value_or(k_all_days))));
  throw_if_interrupted();

  auto& out = context.out();
  if (entries.empty()) {
    if (as_json)
      print_json(out, to_json(entries, SyncPlan{}, options.dry_run));
    else
      out << "No sessions found in the last " << window_text << ".\n";
    return 0;
  }

  const core::SessionStore store = context.store();
  SyncIndex index = SyncIndex::load(store.dir() / k_sync_index_file_name);
  const std::optional<FileState> store_state = file_state(store.path());
  std::optional<SyncPlan> known = unchanged_by_index(entries, index, store_state, options);
  std::vector<std::size_t> to_parse;
  // An index that has not seen the store as it is now is saved again, even if nothing else
  // changes, so the next run can take the shortcut.
  const bool stale_index = !known && index.store_state() != store_state;
  SyncPlan plan;
  if (known) {
    plan = std::move(*known);
  } else {
    const std::vector<core::SessionRecord> records = store.load_all();
    plan = preview_sync(entries, records, std::move(index), options, to_parse);
  }
  const bool work_to_do = plan.imported > 0 || plan.updated > 0 || plan.index.changed() ||
                          !to_parse.empty() || stale_index;
  if (!options.dry_run && work_to_do) {
    if (plan.imported > k_large_import && !context.global().quiet)
      context.err() << "Warning: " << plan.imported
                    << " new session(s) would be imported (window: " << window_text
                    << "). Use --dry-run to preview. Proceeding...\n";
    Extractions extractions(context, entries, as_json);
    extractions.prefetch(to_parse, plan.actions);
    // From here a signal kills as usual (the store write is crash-safe), so no flag can be
    // raised after this check.
    interruptible.reset();
    throw_if_interrupted();
    plan = write_plan(context, entries, options, extractions);
  }
  interruptible.reset();
  throw_if_interrupted();
  if (!context.global().quiet)
    for (const auto& warning : plan.warnings)
      context.err() << warning << '\n';

  if (as_json) {
    print_json(out, to_json(entries, plan, options.dry_run));
  } else if (options.dry_run) {
    print_dry_run(out, entries, plan);
  } else {
    out << "Imported " << plan.imported << " session(s)";
    if (plan.updated > 0)
      out << ", updated " << plan.updated;
    out << ", " << plan.unchanged << " unchanged.\n";
  }
  return 0;
}

} // namespace

CommandSpec make_sync_command() {
  CommandSpec spec;
  spec.name = "sync";
  spec.summary = "Import discovered sessions into the store (incremental; safe to re-run).";
  spec.define = [](po::options_description& desc, po::positional_options_description&) {
    desc.add_options()("harness",
                       po::value<std::string>(),
                       "Limit to one harness (the loaded harness plugins' names)")(
        "since", po::value<std::string>(), "How far back to scan (e.g. 7d, 2w, all). Default: 14d")(
        "signals", po::bool_switch(), "Extract productivity signals (outcome, tokens, ...)")(
        "dry-run", po::bool_switch(), "Show what would be imported without writing")(
        "fix-timestamps",
        po::bool_switch(),
        "Correct stored timestamps from each record's trajectory instead of importing")(
        "json", po::bool_switch(), "Output the result as JSON");
  };
  spec.run = run_sync;
  return spec;
}

} // namespace gptme_sessions::host

#include "commands/sync_plan.hpp"

#include "commands/path_identity.hpp"
#include "commands/sync_record.hpp"

#include <gptme_sessions/core/text_format.hpp>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace gptme_sessions::host {

namespace {

// Finds the stored record of a trajectory: by the exact path string (the reference's rule),
// else by the resolved path, so another spelling of the same file is not imported twice.
class RecordLookup {
public:
  RecordLookup(const std::vector<core::SessionRecord>& records, PathResolver& resolver)
      : m_records(records), m_resolver(resolver) {
    for (std::size_t i = 0; i < records.size(); ++i)
      if (records[i].trajectory_path && !records[i].trajectory_path->empty())
        m_exact.try_emplace(*records[i].trajectory_path, i);
  }

  template <class Resolve>
  std::optional<std::size_t> find(const std::string& path, Resolve&& resolve) {
    if (auto it = m_exact.find(path); it != m_exact.end())
      return it->second;
    const std::string& resolved = resolve();
    if (!m_resolved_built) {
      for (std::size_t i = 0; i < m_records.size(); ++i)
        if (m_records[i].trajectory_path && !m_records[i].trajectory_path->empty())
          m_resolved.try_emplace(m_resolver.resolve(*m_records[i].trajectory_path), i);
      m_resolved_built = true;
    }
    if (auto it = m_resolved.find(resolved); it != m_resolved.end())
      return it->second;
    return std::nullopt;
  }

private:
  const std::vector<core::SessionRecord>& m_records;
  PathResolver& m_resolver;
  std::unordered_map<std::string, std::size_t> m_exact;
  std::unordered_map<std::string, std::size_t> m_resolved;
  bool m_resolved_built = false;
};

class Planner {
public:
  Planner(const std::vector<SyncEntry>& entries,
          const std::vector<core::SessionRecord>& records,
          SyncIndex index,
          const SyncOptions& options,
          const ExtractionLookup& extraction,
          bool build_new_records)
      : m_entries(entries), m_records(records), m_options(options), m_extraction(extraction),
        m_build_new_records(build_new_records) {
    m_plan.index = std::move(index);
    m_plan.actions.resize(entries.size(), SyncAction::unchanged);
    m_plan.session_ids.resize(entries.size());
  }

  SyncPlan run() {
    RecordLookup lookup(m_records, m_resolver);
    std::unordered_set<std::size_t> matched;
    std::unordered_set<std::string> imported;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
      const SyncEntry& entry = m_entries[i];
      // Resolving costs a few syscalls; an exact match (the common re-sync case) skips it.
      std::optional<std::size_t> found =
          lookup.find(entry.path, [&]() -> const std::string& { return resolve_once(entry); });
      if (!found) {
        if (imported.insert(resolve_once(entry)).second)
          import(i);
        else
          ++m_plan.unchanged; // the same file reported twice
        continue;
      }
      if (!matched.insert(*found).second) {
        m_plan.session_ids[i] = m_records[*found].session_id;
        ++m_plan.unchanged;
        continue;
      }
      update(i, *found);
    }
    std::unordered_set<std::string> ids;
    for (const auto& r : m_records)
      ids.insert(r.session_id);
    for (const auto& r : m_plan.new_records)
      ids.insert(r.session_id);
    m_plan.index.retain_records(ids);
    return std::move(m_plan);
  }

private:
  const std::string& resolve_once(const SyncEntry& entry) {
    if (m_resolved_for != &entry) {
      m_resolved = m_resolver.resolve(entry.path);
      m_resolved_for = &entry;
    }
    return m_resolved;
  }

  Extraction* extraction(std::size_t i) { return m_extraction(i); }

  void import(std::size_t i) {
    const SyncEntry& entry = m_entries[i];
    m_plan.actions[i] = SyncAction::import;
    ++m_plan.imported;
    Extraction* ex = nullptr;
    if (m_options.with_signals && !m_options.dry_run && entry.regular_file)
      ex = extraction(i);
    if (!m_build_new_records)
      return;
    const boost::json::object* signals = ex != nullptr && ex->signals ? &*ex->signals : nullptr;
    core::SessionRecord record;
    std::string fingerprint;
    if (ex != nullptr && ex->new_record) {
      record = std::move(*ex->new_record);
      fingerprint = std::move(ex->new_record_fingerprint);
      ex->new_record.reset();
    } else {
      record = new_sync_record(entry.session, signals);
      fingerprint = derived_fingerprint(record);
    }
    m_plan.session_ids[i] = record.session_id;
    if (entry.state)
      m_plan.index.put(entry.path,
                       SyncIndexEntry{*entry.state,
                                      record.session_id,
                                      signals != nullptr,
                                      std::move(fingerprint),
                                      discovery_fingerprint(entry.session)});
    m_plan.new_records.push_back(std::move(record));
  }

  void update(std::size_t i, std::size_t position) {
    const SyncEntry& entry = m_entries[i];
    const core::SessionRecord& stored = m_records[position];
    m_plan.session_ids[i] = stored.session_id;
    const std::string& key = *stored.trajectory_path;
    const SyncIndexEntry* known = m_plan.index.find(key);
    const bool valid = known != nullptr && known->record_id == stored.session_id;
    const bool same_file = valid && entry.state && known->state == *entry.state;
    const bool wanted = m_options.with_signals && !(same_file && known->signals) &&
                        ((valid && !same_file) || needs_signals(stored));

    if (!wanted && !fill_from_discovery_needed(stored, entry.session)) {
      // The common re-sync case: nothing to parse, nothing to fill, no record copied.
      if (valid || entry.state) {
        SyncIndexEntry next =
            valid ? *known : SyncIndexEntry{*entry.state, stored.session_id, false, "", ""};
        // Complete by the reference's rules at this file state: parse again only on change.
        if (m_options.with_signals && (!valid || same_file))
          next.signals = true;
        next.discovery = discovery_fingerprint(entry.session);
        m_plan.index.put(key, next);
      }
      ++m_plan.unchanged;
      return;
    }

    // Nobody edited the derived fields since sync wrote them: they may be rewritten.
    const bool untouched =
        valid && !known->fingerprint.empty() && known->fingerprint == derived_fingerprint(stored);
    SyncIndexEntry next =
        valid ? *known
              : SyncIndexEntry{entry.state.value_or(FileState{}), stored.session_id, false, "", ""};
    core::SessionRecord record = stored;
    bool changed = fill_from_discovery(record, entry.session);
    if (wanted && m_options.dry_run) {
      changed = true;
    } else if (wanted && !entry.regular_file) {
      m_plan.warnings.push_back("  warning: trajectory not found, cannot backfill signals for " +
                                entry.path);
    } else if (wanted) {
      const Extraction* ex = extraction(i);
      if (ex != nullptr && ex->signals) {
        changed = (untouched ? refresh_from_trajectory(record, entry.session, &*ex->signals)
                             : backfill_signals(record, entry.session, *ex->signals)) ||
                  changed;
        next.state = entry.state.value_or(next.state);
        next.signals = true;
      }
    } else if (m_options.with_signals && !valid && entry.state) {
      next.signals = true; // complete by the reference's rules; parse again only on change
    }
    next.fingerprint = untouched ? derived_fingerprint(record) : "";
    next.discovery = discovery_fingerprint(entry.session);
    if (entry.state || valid)
      m_plan.index.put(key, next);

    if (changed) {
      m_plan.actions[i] = SyncAction::update;
      ++m_plan.updated;
      m_plan.updates.insert_or_assign(position, std::move(record));
    } else {
      ++m_plan.unchanged;
    }
  }

  const std::vector<SyncEntry>& m_entries;
  const std::vector<core::SessionRecord>& m_records;
  const SyncOptions& m_options;
  const ExtractionLookup& m_extraction;
  bool m_build_new_records;
  SyncPlan m_plan;
  PathResolver m_resolver;
  const SyncEntry* m_resolved_for = nullptr;
  std::string m_resolved;
};

} // namespace

SyncPlan plan_sync(const std::vector<SyncEntry>& entries,
                   const std::vector<core::SessionRecord>& records,
                   SyncIndex index,
                   const SyncOptions& options,
                   const ExtractionLookup& extraction) {
  return Planner(entries, records, std::move(index), options, extraction, true).run();
}

SyncPlan preview_sync(const std::vector<SyncEntry>& entries,
                      const std::vector<core::SessionRecord>& records,
                      SyncIndex index,
                      const SyncOptions& options,
                      std::vector<std::size_t>& to_parse) {
  const ExtractionLookup note = [&to_parse](std::size_t i) -> Extraction* {
    to_parse.push_back(i);
    return nullptr;
  };
  return Planner(entries, records, std::move(index), options, note, false).run();
}

} // namespace gptme_sessions::host

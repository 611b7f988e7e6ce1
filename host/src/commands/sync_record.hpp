// How `sync` turns a discovered session (and its signals) into a store record, and how it
// updates a record it imported before (spec §11, with the incremental-refresh extension).
#pragma once

#include <gptme_sessions/core/session_record.hpp>
#include <gptme_sessions/sdk/harness_discoverer.hpp>

#include <boost/json/object.hpp>

#include <string>

namespace gptme_sessions::host {

// A fresh record for a newly discovered session: harness, trajectory_path, timestamp (first
// logged event, else <date>T12:00:00+00:00, else now), model, session_name and project, plus
// the signal-derived fields when `signals` is given.
core::SessionRecord new_sync_record(const sdk::DiscoveredSession& session,
                                    const boost::json::object* signals);

// The reference's cheap update of an existing record from discovery: model when the record's
// is empty or "unknown", session_name / project when empty. Returns whether anything changed.
bool fill_from_discovery(core::SessionRecord& record, const sdk::DiscoveredSession& session);
// Whether fill_from_discovery() would change the record.
bool fill_from_discovery_needed(const core::SessionRecord& record,
                                const sdk::DiscoveredSession& session);

// Whether the reference would re-extract signals for this record: outcome still "unknown" or
// a usage field still null.
bool needs_signals(const core::SessionRecord& record);

// Fills only what is missing (outcome when "unknown"; other values when null, "", 0 or
// "unknown"; lists when empty) from the signals. Returns whether anything changed.
bool backfill_signals(core::SessionRecord& record,
                      const sdk::DiscoveredSession& session,
                      const boost::json::object& signals);

// Replaces every field sync derives (timestamp, names, model, outcome, duration, category,
// usage, deliverables) with what a new import of the session would hold now; everything
// else (id, annotations, judge results) stays. Returns whether anything changed.
bool refresh_from_trajectory(core::SessionRecord& record,
                             const sdk::DiscoveredSession& session,
                             const boost::json::object* signals);

// A fingerprint of the fields refresh_from_trajectory() owns. Sync remembers it in its index:
// a record whose fingerprint still matches was not edited since, so refreshing it loses
// nothing a person wrote.
std::string derived_fingerprint(const core::SessionRecord& record);

// A fingerprint of what discovery reported for a session (the facts new_sync_record() and
// fill_from_discovery() use). Kept in the sync index: when it and the file are unchanged,
// re-reading the record cannot change anything.
std::string discovery_fingerprint(const sdk::DiscoveredSession& session);

} // namespace gptme_sessions::host

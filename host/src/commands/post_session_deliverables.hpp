// Which deliverables `post-session` records when the caller passes its own list (usually the
// SHAs of a git range) and a trajectory was parsed too (spec §12 step 6): the trajectory's
// evidence wins, caller SHAs the trajectory never committed are dropped as coming from a
// concurrent session, and every value carries a provenance detail.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace gptme_sessions::host {

struct DeliverableEvidence {
  const std::vector<std::string>& caller; // --deliverables, in order
  const boost::json::object* signals;     // nullptr: no trajectory signals
  bool reliable = true;                   // the trajectory covers the session (step 5)
};

struct ResolvedDeliverables {
  std::vector<std::string> values;
  boost::json::array details;        // one per value, in the same order
  std::vector<std::string> warnings; // for stderr
};

ResolvedDeliverables resolve_deliverables(const DeliverableEvidence& evidence);

// The deliverable kind the reference infers from a bare value (spec §7.5): merge_commit,
// pull_request, commit or file.
std::string infer_deliverable_kind(const std::string& value);

} // namespace gptme_sessions::host

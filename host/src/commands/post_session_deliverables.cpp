#include "commands/post_session_deliverables.hpp"

#include <gptme_sessions/core/since.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>
#include <unordered_set>

namespace gptme_sessions::host {

namespace json = boost::json;

namespace {

bool all_hex(std::string_view text) {
  return std::all_of(
      text.begin(), text.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

bool looks_like_sha(std::string_view text) {
  return text.size() >= 7 && text.size() <= 40 && all_hex(text);
}

// The hash of "<message> (<hash>)" with `min`..`max` hex digits, if the value ends that way.
std::optional<std::string> trailing_hash(std::string_view value, std::size_t min, std::size_t max) {
  if (value.size() < min + 2 || value.back() != ')')
    return std::nullopt;
  const std::size_t open = value.rfind('(');
  if (open == std::string_view::npos)
    return std::nullopt;
  const std::string_view hash = value.substr(open + 1, value.size() - open - 2);
  if (hash.size() < min || hash.size() > max || !all_hex(hash))
    return std::nullopt;
  return std::string(hash);
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

json::object detail(const std::string& value,
                    std::string_view provenance,
                    std::string_view evidence_key,
                    std::string_view evidence_value) {
  json::object evidence;
  evidence["source"] = "caller";
  evidence[evidence_key] = evidence_value;
  json::object d;
  d["value"] = value;
  d["kind"] = infer_deliverable_kind(value);
  d["provenance_class"] = provenance;
  d["evidence"] = std::move(evidence);
  return d;
}

json::object projection_fallback(const std::string& value) {
  json::object evidence;
  evidence["source"] = "projection_fallback";
  json::object d;
  d["value"] = value;
  d["kind"] = infer_deliverable_kind(value);
  d["provenance_class"] = "fallback_observed";
  d["evidence"] = std::move(evidence);
  return d;
}

std::vector<std::string> strings_of(const json::object* signals, std::string_view key) {
  std::vector<std::string> out;
  if (signals == nullptr)
    return out;
  if (const json::value* v = signals->if_contains(key); v != nullptr && v->is_array())
    for (const auto& item : v->get_array())
      if (item.is_string())
        out.emplace_back(item.get_string());
  return out;
}

std::string python_list(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i)
    out += (i ? ", " : "") + core::python_str_repr(values[i]);
  return out + "]";
}

void append_unique(std::vector<std::string>& out,
                   std::unordered_set<std::string>& seen,
                   const std::string& value) {
  if (seen.insert(value).second)
    out.push_back(value);
}

} // namespace

std::string infer_deliverable_kind(const std::string& value) {
  const std::string_view v(value);
  if (v.starts_with("merge-commit ("))
    return "merge_commit";
  if (v.starts_with("merge PR #") || v.starts_with("PR #") || v.find("/pull/") != v.npos)
    return "pull_request";
  if (looks_like_sha(v) || trailing_hash(v, 7, 40))
    return "commit";
  return "file";
}

ResolvedDeliverables resolve_deliverables(const DeliverableEvidence& evidence) {
  ResolvedDeliverables result;
  const std::vector<std::string> trajectory = strings_of(evidence.signals, "deliverables");
  std::vector<json::object> caller_details;
  const auto& caller = evidence.caller;

  if (caller.empty()) {
    result.values = trajectory;
  } else if (evidence.signals == nullptr) {
    result.values = caller;
    for (const auto& v : caller)
      caller_details.push_back(detail(v, "fallback_observed", "reason", "no_trajectory"));
  } else {
    std::vector<std::string> hashes;
    for (const auto& item : trajectory)
      if (auto h = trailing_hash(item, 7, 12))
        hashes.push_back(lower(*h));
    std::unordered_set<std::string> seen;
    if (!trajectory.empty() && !hashes.empty()) {
      std::vector<std::string> validated, passthrough, dropped;
      for (const auto& v : caller) {
        if (!looks_like_sha(v)) {
          passthrough.push_back(v);
          caller_details.push_back(detail(v, "fallback_observed", "reason", "non_sha_passthrough"));
          continue;
        }
        const std::string sha = lower(v);
        const bool known = std::any_of(
            hashes.begin(), hashes.end(), [&](const std::string& h) { return sha.starts_with(h); });
        if (known) {
          validated.push_back(v);
          caller_details.push_back(
              detail(v, "session_committed", "validation", "trajectory_sha_prefix"));
        } else {
          dropped.push_back(v);
        }
      }
      if (!dropped.empty())
        result.warnings.push_back("Dropping " + std::to_string(dropped.size()) +
                                  " git-range commit(s) absent from trajectory (likely from a "
                                  "concurrent session): " +
                                  python_list(dropped));
      for (const std::vector<std::string>* part :
           std::initializer_list<const std::vector<std::string>*>{
               &trajectory, &validated, &passthrough})
        for (const auto& v : *part)
          append_unique(result.values, seen, v);
    } else if (!trajectory.empty()) {
      for (const auto& v : caller)
        caller_details.push_back(detail(v, "fallback_observed", "reason", "trajectory_has_no_sha"));
      for (const std::vector<std::string>* part :
           std::initializer_list<const std::vector<std::string>*>{&caller, &trajectory})
        for (const auto& v : *part)
          append_unique(result.values, seen, v);
    } else {
      const json::value* productive = evidence.signals->if_contains("productive");
      const bool noop = !(productive != nullptr && productive->is_bool() && productive->get_bool());
      if (noop && evidence.reliable) {
        result.warnings.push_back("Dropping " + std::to_string(caller.size()) +
                                  " git-range commit(s): trajectory determined noop with no "
                                  "deliverables (SHAs from concurrent session)");
      } else {
        result.values = caller;
        for (const auto& v : caller)
          caller_details.push_back(detail(v,
                                          "fallback_observed",
                                          "reason",
                                          noop ? "trajectory_unreliable" : "trajectory_empty"));
      }
    }
  }

  // Trajectory details first (first one per value wins), then the caller's, projected onto
  // the final list.
  std::vector<json::object> known;
  std::unordered_set<std::string> known_values;
  auto remember = [&](const json::object& d) {
    const json::value* v = d.if_contains("value");
    if (v != nullptr && v->is_string() && known_values.insert(std::string(v->get_string())).second)
      known.push_back(d);
  };
  if (evidence.signals != nullptr)
    if (const json::value* d = evidence.signals->if_contains("deliverable_details");
        d != nullptr && d->is_array())
      for (const auto& item : d->get_array())
        if (item.is_object())
          remember(item.get_object());
  for (const auto& d : caller_details)
    remember(d);
  for (const auto& value : result.values) {
    auto it = std::find_if(known.begin(), known.end(), [&](const json::object& d) {
      return d.at("value").get_string() == value;
    });
    result.details.push_back(it != known.end() ? *it : projection_fallback(value));
  }
  return result;
}

} // namespace gptme_sessions::host

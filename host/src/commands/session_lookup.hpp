// Finding a stored session by a prefix of its id, as `show` and `annotate` do.
#pragma once

#include <gptme_sessions/core/session_record.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace gptme_sessions::host {

// The ids in file order, for the "Ambiguous prefix" message: "a1b2c3d4, a1b2ffff".
std::string join_ids(const std::vector<std::string>& ids);

// Every record whose session_id starts with `prefix` (an exact id does not win over longer
// ids extending it), in file order.
std::vector<std::size_t> find_by_id_prefix(const std::vector<core::SessionRecord>& records,
                                           std::string_view prefix);

} // namespace gptme_sessions::host

#include "commands/session_lookup.hpp"

namespace gptme_sessions::host {

std::string join_ids(const std::vector<std::string>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i)
    out += (i ? ", " : "") + ids[i];
  return out;
}

std::vector<std::size_t> find_by_id_prefix(const std::vector<core::SessionRecord>& records,
                                           std::string_view prefix) {
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < records.size(); ++i)
    if (std::string_view(records[i].session_id).starts_with(prefix))
      found.push_back(i);
  return found;
}

} // namespace gptme_sessions::host

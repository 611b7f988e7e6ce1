// Group keys of the analytics tables ("null" for a missing value, the normalized model for
// models), as small ids (internal to core).
#pragma once

#include "string_interner.hpp"

#include <gptme_sessions/core/session_record.hpp>

#include <optional>
#include <string>

namespace gptme_sessions::core::detail {

class GroupLabels {
public:
  // normalize_model(raw), or "null" when that is null or empty. Normalizes each distinct raw
  // model once.
  std::uint32_t model(const std::optional<std::string>& raw) {
    if (!raw)
      return null_id();
    auto it = m_model_ids.find(std::string_view(*raw));
    if (it != m_model_ids.end())
      return it->second;
    const auto normalized = normalize_model(raw);
    const auto id = normalized && !normalized->empty() ? m_names.id(*normalized) : null_id();
    m_model_ids.emplace(*raw, id);
    return id;
  }
  // The value itself, or "null" when it is null or empty.
  std::uint32_t value(const std::optional<std::string>& v) {
    return v && !v->empty() ? m_names.id(*v) : null_id();
  }
  std::uint32_t text(std::string_view v) { return m_names.id(v); }
  const std::string& name(std::uint32_t id) const { return m_names.name(id); }
  std::size_t size() const { return m_names.size(); }

private:
  std::uint32_t null_id() { return m_names.id("null"); }
  StringInterner m_names;
  StringMap<std::uint32_t> m_model_ids;
};

} // namespace gptme_sessions::core::detail

// Maps repeated strings to small ids so per-record analytics hash each value once and
// allocate only for values not seen before (internal to core).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gptme_sessions::core::detail {

struct TransparentStringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

template <class V>
using StringMap = std::unordered_map<std::string, V, TransparentStringHash, std::equal_to<>>;

class StringInterner {
public:
  std::uint32_t id(std::string_view text) {
    auto it = m_ids.find(text);
    if (it != m_ids.end())
      return it->second;
    const auto id = static_cast<std::uint32_t>(m_names.size());
    m_names.emplace_back(text);
    m_ids.emplace(std::string(text), id);
    return id;
  }
  const std::string& name(std::uint32_t id) const { return m_names[id]; }
  std::size_t size() const { return m_names.size(); }

private:
  StringMap<std::uint32_t> m_ids;
  std::vector<std::string> m_names;
};

} // namespace gptme_sessions::core::detail

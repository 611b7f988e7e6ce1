// UTF-8 decoding shared by the JSON writer and the store reader (internal to core).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace gptme_sessions::core::detail {

struct Utf8Char {
  char32_t code_point = 0;
  std::size_t length = 0; // 0: the bytes at this position are not well-formed UTF-8
};

// Decodes one well-formed UTF-8 sequence (RFC 3629: no overlongs, no surrogates, <= U+10FFFF).
Utf8Char decode_utf8(std::string_view text, std::size_t pos);

// Byte offset of the first byte that does not start a well-formed sequence, if any.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

} // namespace gptme_sessions::core::detail

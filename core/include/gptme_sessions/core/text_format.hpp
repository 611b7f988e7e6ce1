// Small text helpers shared by the analytics text layouts and the CLI: Python str.format
// padding (counted in code points) and printf-style numbers that round like Python.
#pragma once

#include <gptme_sessions/core/export.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace gptme_sessions::core {

// Number of Unicode code points in well-formed UTF-8 text (continuation bytes not counted).
GPTME_SESSIONS_CORE_EXPORT std::size_t code_point_count(std::string_view text);
// The first `count` code points (Python text[:count]).
GPTME_SESSIONS_CORE_EXPORT std::string_view code_point_prefix(std::string_view text,
                                                              std::size_t count);

// f"{text:<width}" / f"{text:>width}": pads with spaces, never truncates.
GPTME_SESSIONS_CORE_EXPORT void
append_padded_left(std::string& out, std::string_view text, std::size_t width);
GPTME_SESSIONS_CORE_EXPORT void
append_padded_right(std::string& out, std::string_view text, std::size_t width);

// f"{value:{width}d}"
GPTME_SESSIONS_CORE_EXPORT void append_int(std::string& out, std::int64_t value, int width = 0);
// f"{value:{width}.{precision}f}" (glibc printf rounds the exact binary value half-to-even,
// like Python).
GPTME_SESSIONS_CORE_EXPORT void
append_fixed(std::string& out, double value, int precision, int width = 0);
// f"{rate:.0%}" without the '%': rate*100 with zero decimals.
GPTME_SESSIONS_CORE_EXPORT std::string percent(double rate);
// f"{value:,}" for an integer: 123456 -> "123,456".
GPTME_SESSIONS_CORE_EXPORT std::string thousands(std::int64_t value);

// The display form of a project path: the last path component (trailing '/' ignored) when
// it contains '/', else the whole string.
GPTME_SESSIONS_CORE_EXPORT std::string_view project_display_name(std::string_view project);

} // namespace gptme_sessions::core

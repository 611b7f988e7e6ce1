// Replacing a small file so a reader sees the old content or the new one, never a mix: write a
// unique temp file beside it, optionally fsync, rename over. Used for the caches the host
// keeps beside the store and in the user's cache directory (the store itself streams its
// rewrite, see core::SessionStore).
#pragma once

#include <filesystem>
#include <string_view>

namespace gptme_sessions::host {

enum class Durability { flushed, best_effort };

// Throws std::runtime_error naming the file on failure; the old file then stays as it was.
// `flushed` fsyncs the data before the rename (a crash leaves the old or the new file);
// `best_effort` skips it, for caches where a damaged file is only a cache miss.
void write_file_atomically(const std::filesystem::path& file,
                           std::string_view data,
                           Durability durability = Durability::flushed);

} // namespace gptme_sessions::host

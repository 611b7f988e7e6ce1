// Streams a JSONL trajectory one record at a time: lines split on '\n' only, each parsed into
// a per-line arena that is recycled, so memory stays bounded by the longest accepted line.
// Damaged lines (invalid JSON or UTF-8, half-written last line, non-objects, over-long lines)
// are reported through the warning callback with file and line number and skipped.
#pragma once

#include <gptme_sessions/core/export.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gptme_sessions::core::signals {

// The file could not be opened or read at all.
class GPTME_SESSIONS_CORE_EXPORT JsonlReadError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
  ~JsonlReadError() override;
};

struct JsonlReaderOptions {
  // Longer lines are skipped with a warning (their bytes are never held in memory).
  std::size_t max_line_bytes = std::size_t{64} << 20;
  // Per file, after this many individual damage warnings the rest are summed up at the end.
  std::size_t max_line_warnings = 5;
  // Non-object JSON lines (42, [1]) are skipped with a warning unless this is set.
  bool keep_non_objects = false;
  // Accept strings with invalid UTF-8 bytes instead of skipping the line (quick scans that
  // only need a few fields, like the reference's errors="replace" reads).
  bool allow_invalid_utf8 = false;
};

struct JsonlLine {
  std::size_t number = 0;     // 1-based line number in the file
  std::size_t end_offset = 0; // byte offset just past the line's '\n' (or end of file)
  // Python str.strip()ped line length in bytes
  std::size_t size = 0;
};

struct JsonlStats {
  std::size_t lines = 0;        // non-blank lines seen
  std::size_t records = 0;      // lines handed to the callback
  std::size_t damaged = 0;      // lines skipped as damaged
  std::size_t invalid_utf8 = 0; // of which: not UTF-8
  bool stopped_early = false;   // the callback asked to stop
};

class GPTME_SESSIONS_CORE_EXPORT JsonlReader {
public:
  using WarnFn = std::function<void(std::string_view message)>;
  // Returns false to stop reading.
  using RecordFn = std::function<bool(const boost::json::value& record, const JsonlLine& line)>;

  explicit JsonlReader(WarnFn warn, JsonlReaderOptions options = {});
  ~JsonlReader();
  JsonlReader(const JsonlReader&) = delete;
  JsonlReader& operator=(const JsonlReader&) = delete;

  // Reads the whole file (or until fn returns false). Throws JsonlReadError when the file
  // cannot be opened or read (missing, a directory, permission denied).
  JsonlStats read(const std::filesystem::path& path, const RecordFn& fn);

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// The first max_records JSON values of a file, non-objects included, owning their memory: the
// head a host hands to SignalExtractor::detect(). Throws JsonlReadError like read().
GPTME_SESSIONS_CORE_EXPORT std::vector<boost::json::value> read_jsonl_head(
    const std::filesystem::path& path, std::size_t max_records, JsonlReader::WarnFn warn = {});

} // namespace gptme_sessions::core::signals

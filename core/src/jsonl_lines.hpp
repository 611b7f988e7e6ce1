// Streaming JSONL reading shared by the store's load, rewrite and tail repair (internal).
#pragma once

#include <boost/json/parser.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace gptme_sessions::core::detail {

// Reads a file line by line through one growing buffer: memory stays at about the longest
// line, however large the file. Lines end at '\n' only; the last line may lack it.
class LineReader {
public:
  // fd stays owned by the caller. The buffer starts at initial_buffer bytes and doubles
  // whenever one line does not fit.
  LineReader(int fd, std::filesystem::path path, std::size_t initial_buffer = 1 << 20);

  struct Line {
    std::string_view text; // without the '\n'; valid until the next call
    std::uint64_t offset;  // of text's first byte in the file
    std::size_t number;    // 1-based
  };
  // false at end of file; throws StoreError on read errors.
  bool next(Line& line);

private:
  int m_fd;
  std::filesystem::path m_path;
  std::unique_ptr<char[]> m_buf; // not zero-filled: page faults dominate for huge lines
  std::size_t m_capacity = 0;
  std::size_t m_begin = 0;
  std::size_t m_end = 0;
  std::uint64_t m_buf_offset = 0; // file offset of m_buf[0]
  std::size_t m_number = 0;
  bool m_eof = false;
};

// Python str.strip() for the ASCII whitespace a JSONL line can carry (incl. a trailing '\r').
std::string_view strip_ascii_whitespace(std::string_view text);

// FNV-1a, 64 bit: a stable fingerprint of a line's bytes.
std::uint64_t fnv1a64(std::string_view bytes);

// Parses one JSON text like Python's json.loads: besides strict JSON it accepts the NaN,
// Infinity and -Infinity literals Python writes for non-finite floats. Invalid UTF-8 is
// reported as such. Returns false with a human-readable reason.
// The value is allocated from `storage` (readers pass a per-line arena); `out` should use the
// same storage, or the result is copied into out's.
bool parse_json_text(std::string_view text,
                     boost::json::value& out,
                     std::string& error,
                     boost::json::storage_ptr storage = {});

} // namespace gptme_sessions::core::detail

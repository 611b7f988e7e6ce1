#include <gptme_sessions/core/signals/jsonl_reader.hpp>
#include <gptme_sessions/core/signals/text_patterns.hpp>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <vector>

namespace gptme_sessions::core::signals {

JsonlReadError::~JsonlReadError() = default;

namespace {

constexpr std::size_t k_chunk_size = std::size_t{1} << 20;
// Reads start small and grow 8x per read up to k_chunk_size: discovery's quick scans stop
// within the first few KB of every file (the first assistant line of a Claude Code session
// is at ~1.5 KB), and copying 64 KB per file there was a tenth of a no-change sync.
constexpr std::size_t k_first_chunk_size = std::size_t{16} << 10;
constexpr std::size_t k_arena_size = std::size_t{64} << 10;

boost::json::parse_options parse_options(bool allow_invalid_utf8) {
  boost::json::parse_options options;
  options.max_depth = 10000;
  options.allow_invalid_utf8 = allow_invalid_utf8;
  return options;
}

class FileHandle {
public:
  explicit FileHandle(int fd) : m_fd(fd) {}
  ~FileHandle() {
    if (m_fd >= 0)
      ::close(m_fd);
  }
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
  int get() const { return m_fd; }

private:
  int m_fd;
};

} // namespace

struct JsonlReader::Impl {
  Impl(WarnFn w, JsonlReaderOptions o);
  WarnFn warn;
  JsonlReaderOptions options;
  // Not value-initialised: it is only ever read into.
  std::unique_ptr<char[]> chunk{new char[k_chunk_size]};
  std::unique_ptr<unsigned char[]> arena = std::make_unique<unsigned char[]>(k_arena_size);
  boost::json::monotonic_resource resource{arena.get(), k_arena_size};
  boost::json::parser parser;
  std::string pending;

  // Per read() call.
  std::string path_text;
  JsonlStats stats;
  std::size_t warned = 0;
  std::size_t unreported = 0;

  void damaged(std::size_t line, std::string_view reason) {
    ++stats.damaged;
    if (warned >= options.max_line_warnings) {
      ++unreported;
      return;
    }
    ++warned;
    std::string message = path_text;
    message += ':';
    message += std::to_string(line);
    message += ": ";
    message += reason;
    message += "; line skipped";
    if (warn)
      warn(message);
  }

  // Returns false when the callback asked to stop.
  bool
  process(std::string_view raw, const JsonlLine& where, bool unterminated, const RecordFn& fn) {
    const std::string_view line = python_strip(raw);
    if (line.empty())
      return true;
    ++stats.lines;
    resource.release();
    parser.reset(boost::json::storage_ptr(&resource));
    boost::system::error_code ec;
    parser.write(line.data(), line.size(), ec);
    if (ec) {
      parser.reset();
      if (!utf8_valid(line)) {
        ++stats.invalid_utf8;
        damaged(where.number, "not valid UTF-8");
      } else if (unterminated) {
        damaged(where.number, "incomplete last line (file still being written?)");
      } else {
        damaged(where.number, "not valid JSON (" + ec.message() + ")");
      }
      return true;
    }
    const boost::json::value record = parser.release();
    if (!record.is_object() && !options.keep_non_objects) {
      damaged(where.number, "not a JSON object");
      return true;
    }
    ++stats.records;
    JsonlLine info = where;
    info.size = line.size();
    if (!fn(record, info)) {
      stats.stopped_early = true;
      return false;
    }
    return true;
  }
};

JsonlReader::Impl::Impl(WarnFn w, JsonlReaderOptions o)
    : warn(std::move(w)), options(o),
      parser(boost::json::storage_ptr(), parse_options(o.allow_invalid_utf8)) {}

JsonlReader::JsonlReader(WarnFn warn, JsonlReaderOptions options)
    : m_impl(std::make_unique<Impl>(std::move(warn), options)) {}

JsonlReader::~JsonlReader() = default;

JsonlStats JsonlReader::read(const std::filesystem::path& path, const RecordFn& fn) {
  Impl& im = *m_impl;
  im.path_text = path.string();
  im.stats = {};
  im.warned = 0;
  im.unreported = 0;
  im.pending.clear();

  FileHandle file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0)
    throw JsonlReadError("cannot read " + im.path_text + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(file.get(), &st) == 0 && S_ISDIR(st.st_mode))
    throw JsonlReadError("cannot read " + im.path_text + ": is a directory");

  std::size_t line_number = 1;
  std::size_t offset = 0; // bytes consumed so far
  bool skipping = false;  // inside an over-long line
  bool stop = false;
  std::size_t want = k_first_chunk_size;
  for (;;) {
    const ssize_t got = ::read(file.get(), im.chunk.get(), want);
    want = std::min(want * 8, k_chunk_size);
    if (got < 0) {
      if (errno == EINTR)
        continue;
      const std::string reason = std::strerror(errno);
      if (offset == 0)
        throw JsonlReadError("cannot read " + im.path_text + ": " + reason);
      if (im.warn)
        im.warn(im.path_text + ":" + std::to_string(line_number) + ": read failed (" + reason +
                "); rest of file skipped");
      break;
    }
    if (got == 0)
      break;
    const char* data = im.chunk.get();
    std::size_t size = static_cast<std::size_t>(got);
    std::size_t start = 0;
    while (start < size && !stop) {
      const void* nl = std::memchr(data + start, '\n', size - start);
      const std::size_t end =
          nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data) : size;
      const std::size_t piece = end - start;
      if (!skipping && im.pending.size() + piece > im.options.max_line_bytes) {
        skipping = true;
        im.pending.clear();
        im.pending.shrink_to_fit();
      }
      if (!nl) {
        if (!skipping)
          im.pending.append(data + start, piece);
        offset += piece;
        break;
      }
      offset += piece + 1;
      JsonlLine where{line_number, offset, 0};
      if (skipping) {
        ++im.stats.lines;
        im.damaged(line_number,
                   "longer than " + std::to_string(im.options.max_line_bytes) + " bytes");
        skipping = false;
      } else if (im.pending.empty()) {
        stop = !im.process(std::string_view(data + start, piece), where, false, fn);
      } else {
        im.pending.append(data + start, piece);
        stop = !im.process(im.pending, where, false, fn);
        im.pending.clear();
      }
      ++line_number;
      start = end + 1;
    }
    if (stop)
      break;
  }
  if (!stop) {
    JsonlLine where{line_number, offset, 0};
    if (skipping) {
      ++im.stats.lines;
      im.damaged(line_number,
                 "longer than " + std::to_string(im.options.max_line_bytes) + " bytes");
    } else if (!im.pending.empty()) {
      im.process(im.pending, where, true, fn);
    }
  }
  im.pending.clear();
  if (im.pending.capacity() > im.options.max_line_bytes / 4)
    im.pending.shrink_to_fit();
  if (im.unreported > 0 && im.warn)
    im.warn(im.path_text + ": " + std::to_string(im.unreported) + " more damaged line(s) skipped");
  return im.stats;
}

std::vector<boost::json::value> read_jsonl_head(const std::filesystem::path& path,
                                                std::size_t max_records,
                                                JsonlReader::WarnFn warn) {
  std::vector<boost::json::value> head;
  if (max_records == 0)
    return head;
  JsonlReaderOptions options;
  options.keep_non_objects = true;
  JsonlReader reader(std::move(warn), options);
  reader.read(path, [&](const boost::json::value& record, const JsonlLine&) {
    head.emplace_back(record, boost::json::storage_ptr());
    return head.size() < max_records;
  });
  return head;
}

} // namespace gptme_sessions::core::signals

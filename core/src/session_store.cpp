#include "file_lock.hpp"
#include "jsonl_lines.hpp"

#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/core/session_store.hpp>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>

#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <random>
#include <sys/random.h>
#include <sys/stat.h>
#include <unordered_set>

namespace gptme_sessions::core {

namespace json = boost::json;
namespace fs = std::filesystem;

StoreError::~StoreError() = default;

namespace {

[[noreturn]] void throw_errno(const std::string& what, const fs::path& path, int err = errno) {
  throw StoreError(what + " " + path.string() + ": " + std::strerror(err));
}

class Fd {
public:
  explicit Fd(int fd = -1) : m_fd(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }
  void reset() {
    if (m_fd >= 0)
      ::close(m_fd);
    m_fd = -1;
  }
  // close() reporting errors (write-back failures surface here on some file systems).
  void close_checked(const fs::path& path) {
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0)
      throw_errno("cannot close", path);
  }

private:
  int m_fd;
};

void write_all(int fd, const char* data, std::size_t size, const fs::path& path) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      throw_errno("cannot write", path);
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

void read_exact(int fd, char* data, std::size_t size, off_t offset, const fs::path& path) {
  while (size > 0) {
    const ssize_t n = ::pread(fd, data, size, offset);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      throw_errno("cannot read", path);
    }
    if (n == 0)
      throw StoreError("cannot read " + path.string() + ": file shrank while reading");
    data += n;
    size -= static_cast<std::size_t>(n);
    offset += n;
  }
}

void fsync_or_throw(int fd, const fs::path& path) {
  if (::fsync(fd) != 0)
    throw_errno("cannot fsync", path);
}

void fsync_dir(const fs::path& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0)
    throw_errno("cannot open directory", dir);
  fsync_or_throw(fd.get(), dir);
}

void ensure_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    throw StoreError("cannot create sessions directory " + dir.string() + ": " + ec.message());
}

std::string random_hex8() {
  std::uint32_t value = 0;
  if (::getrandom(&value, sizeof value, 0) != static_cast<ssize_t>(sizeof value))
    value = static_cast<std::uint32_t>(std::random_device{}());
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(value));
  return std::string(buf, 8);
}

std::string hash_id(std::uint64_t hash) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(hash >> 32));
  return std::string(buf, 8);
}

// Opens the store for reading; nullopt-like -1 when it does not exist.
int open_for_reading(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT)
      return -1;
    throw_errno("cannot open session store", path);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    throw_errno("cannot stat session store", path, err);
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw StoreError("session store " + path.string() + " is a directory, not a file");
  }
  return fd;
}

std::size_t count_newlines(int fd, const fs::path& path) {
  std::vector<char> block(1 << 20);
  std::size_t count = 0;
  off_t offset = 0;
  for (;;) {
    const ssize_t n = ::pread(fd, block.data(), block.size(), offset);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      throw_errno("cannot read", path);
    }
    if (n == 0)
      return count;
    for (const char *p = block.data(), *end = p + n;
         (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))));
         ++p)
      ++count;
    offset += n;
  }
}

// One non-blank line of the store, classified.
struct ScannedLine {
  std::string_view text; // stripped
  std::uint64_t offset;  // of text in the file
  std::size_t number;
  std::optional<SessionRecord> record; // empty: malformed
  std::string problem;                 // why it is malformed
};

// Streams every non-blank line of the file through fn. Records whose line has no usable
// session_id get an id derived from the line's bytes, so every read (and rewrite) agrees.
template <class Fn> void scan_lines(int fd, const fs::path& path, Fn&& fn) {
  detail::LineReader reader(fd, path);
  detail::LineReader::Line line;
  // Each line is parsed into an arena that is reset for the next one: record_from_json copies
  // what the record keeps, so the parse allocates nothing on the heap for ordinary lines.
  constexpr std::size_t k_arena_block = 64 * 1024;
  const auto arena_block = std::make_unique_for_overwrite<unsigned char[]>(k_arena_block);
  json::monotonic_resource arena(arena_block.get(), k_arena_block);
  const json::storage_ptr storage(&arena);
  while (reader.next(line)) {
    const std::string_view text = detail::strip_ascii_whitespace(line.text);
    if (text.empty())
      continue;
    arena.release(); // no value of the previous line is alive any more
    json::value value(storage);
    ScannedLine scanned{text,
                        line.offset + static_cast<std::uint64_t>(text.data() - line.text.data()),
                        line.number,
                        std::nullopt,
                        {}};
    if (detail::parse_json_text(text, value, scanned.problem, storage)) {
      if (!value.is_object()) {
        scanned.problem = "not a JSON object";
      } else {
        const auto* id = value.get_object().if_contains("session_id");
        const bool has_id = id && json_truthy(*id);
        RecordParseError error;
        scanned.record = record_from_json(std::move(value.get_object()), &error);
        if (!scanned.record) {
          scanned.problem = error.message;
        } else if (!has_id) {
          const std::uint64_t hash = detail::fnv1a64(text);
          scanned.record->session_id = hash_id(hash);
          scanned.record->source_line_hash = hash;
        }
      }
    }
    fn(scanned);
  }
}

// Output buffered in memory and written in large blocks.
class BufferedWriter {
public:
  BufferedWriter(int fd, fs::path path) : m_fd(fd), m_path(std::move(path)) {
    m_buf.reserve(k_flush_at);
  }
  void append(std::string_view data) {
    if (data.size() >= k_flush_at) { // large lines skip the copy
      flush();
      write_all(m_fd, data.data(), data.size(), m_path);
      return;
    }
    m_buf.append(data);
    if (m_buf.size() >= k_flush_at)
      flush();
  }
  void flush() {
    write_all(m_fd, m_buf.data(), m_buf.size(), m_path);
    m_buf.clear();
  }

private:
  static constexpr std::size_t k_flush_at = 1 << 20;
  int m_fd;
  fs::path m_path;
  std::string m_buf;
};

void default_warning(const std::string& message) {
  std::cerr << "Warning: " << message << '\n' << std::flush;
}

std::string record_line(const SessionRecord& record) {
  std::string line;
  write_record_json(line, record);
  line += '\n';
  return line;
}

// Like record_line, filling what a hand-built record may lack as the reference's constructor
// would (copying only then).
std::string new_record_line(const SessionRecord& record) {
  if (!record.session_id.empty() && !record.timestamp.empty())
    return record_line(record);
  SessionRecord copy = record;
  if (copy.session_id.empty())
    copy.session_id = generate_session_id();
  if (copy.timestamp.empty())
    copy.timestamp = utc_now_isoformat();
  return record_line(copy);
}

} // namespace

fs::path default_sessions_dir(const std::optional<fs::path>& cli_override) {
  if (cli_override)
    return *cli_override;
  if (const char* env = std::getenv("GPTME_SESSIONS_DIR"); env && *env)
    return fs::path(env);
  // XDG base directories: a relative XDG_DATA_HOME is invalid and ignored.
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg && xdg[0] == '/')
    return fs::path(xdg) / "gptme-sessions";
  fs::path home;
  if (const char* env_home = std::getenv("HOME"); env_home && *env_home) {
    home = env_home;
  } else if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_dir) {
    home = pw->pw_dir;
  }
  return home / ".local" / "share" / "gptme-sessions";
}

SessionStore::SessionStore(fs::path sessions_dir, StoreWarningSink warn)
    : m_dir(std::move(sessions_dir)), m_warn(warn ? std::move(warn) : default_warning) {}

fs::path SessionStore::path() const {
  return m_dir / k_store_file_name;
}

fs::path SessionStore::lock_path() const {
  return m_dir / (std::string(k_store_file_name) + ".lock");
}

bool SessionStore::exists() const {
  std::error_code ec;
  return fs::is_regular_file(path(), ec);
}

LoadResult SessionStore::load() const {
  LoadResult result;
  const fs::path file = path();
  Fd fd(open_for_reading(file));
  if (fd.get() < 0)
    return result;
  // Growing the vector record by record touches fresh memory again at every reallocation; one
  // cheap pass counting lines sizes it up front.
  result.records.reserve(count_newlines(fd.get(), file) + 1);
  scan_lines(fd.get(), file, [&](ScannedLine& line) {
    if (line.record) {
      result.records.push_back(std::move(*line.record));
    } else {
      ++result.malformed_lines;
      m_warn(file.string() + ":" + std::to_string(line.number) + ": skipping line (" +
             line.problem + ")");
    }
  });
  return result;
}

void SessionStore::for_each(const std::function<void(SessionRecord&&)>& fn) const {
  const fs::path file = path();
  Fd fd(open_for_reading(file));
  if (fd.get() < 0)
    return;
  scan_lines(fd.get(), file, [&](ScannedLine& line) {
    if (line.record)
      fn(std::move(*line.record));
    else
      m_warn(file.string() + ":" + std::to_string(line.number) + ": skipping line (" +
             line.problem + ")");
  });
}

void SessionStore::with_lock(const std::function<void()>& fn) const {
  ensure_dir(m_dir);
  detail::FileLock lock(lock_path());
  fn();
}

fs::path SessionStore::append(const SessionRecord& record) const {
  return append(std::vector<SessionRecord>{record});
}

namespace {

// Spec §4.3 tail repair on an open read-write descriptor. Returns true when the file still
// does not end in '\n' afterwards (the caller then starts its write with one: quirk Q2 fixed).
bool repair_tail(int fd, const fs::path& path, const StoreWarningSink& warn) {
  struct stat st {};
  if (::fstat(fd, &st) != 0)
    throw_errno("cannot stat", path);
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size == 0)
    return false;
  char last = 0;
  read_exact(fd, &last, 1, static_cast<off_t>(size - 1), path);
  if (last == '\n')
    return false;

  // Find the last '\n', reading backwards in blocks.
  std::uint64_t tail_start = 0;
  {
    std::vector<char> block(64 * 1024);
    std::uint64_t end = size;
    while (end > 0 && tail_start == 0) {
      const std::uint64_t begin = end > block.size() ? end - block.size() : 0;
      const auto n = static_cast<std::size_t>(end - begin);
      read_exact(fd, block.data(), n, static_cast<off_t>(begin), path);
      for (std::size_t i = n; i > 0; --i) {
        if (block[i - 1] == '\n') {
          tail_start = begin + i;
          break;
        }
      }
      end = begin;
    }
  }
  std::string tail(static_cast<std::size_t>(size - tail_start), '\0');
  read_exact(fd, tail.data(), tail.size(), static_cast<off_t>(tail_start), path);
  json::value ignored;
  std::string problem;
  const bool tail_is_json =
      detail::parse_json_text(detail::strip_ascii_whitespace(tail), ignored, problem);
  if (tail_start == 0) {
    if (!tail_is_json)
      warn("Corrupt single-line file " + path.string() + " \u2014 not truncating");
    return true;
  }
  if (tail_is_json)
    return true;
  if (::ftruncate(fd, static_cast<off_t>(tail_start)) != 0)
    throw_errno("cannot truncate", path);
  fsync_or_throw(fd, path);
  warn("Repaired corrupt tail in " + path.string() + ": removed " + std::to_string(tail.size()) +
       " bytes");
  return false;
}

} // namespace

fs::path SessionStore::append(const std::vector<SessionRecord>& records) const {
  const fs::path file = path();
  with_lock([&] {
    std::error_code ec;
    const bool existed = fs::exists(fs::symlink_status(file, ec));
    Fd fd(::open(file.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0666));
    if (fd.get() < 0)
      throw_errno("cannot open session store", file);
    std::string data;
    if (repair_tail(fd.get(), file, m_warn))
      data += '\n';
    for (const auto& record : records)
      data += new_record_line(record);
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0)
      throw_errno("cannot stat", file);
    try {
      write_all(fd.get(), data.data(), data.size(), file);
    } catch (...) {
      // Never leave half a record behind (e.g. on a full disk).
      if (::ftruncate(fd.get(), st.st_size) == 0)
        ::fsync(fd.get());
      throw;
    }
    fsync_or_throw(fd.get(), file);
    fd.close_checked(file);
    if (!existed)
      fsync_dir(m_dir);
  });
  return file;
}

void SessionStore::rewrite(const std::vector<SessionRecord>& records) const {
  const fs::path file = path();
  with_lock([&] {
    std::unordered_set<std::string> replaced_ids;
    std::unordered_set<std::uint64_t> replaced_lines;
    for (const auto& record : records) {
      if (record.source_line_hash)
        replaced_lines.insert(*record.source_line_hash);
      else
        replaced_ids.insert(record.session_id);
    }

    Fd source(open_for_reading(file));
    struct stat source_stat {};
    if (source.get() >= 0 && ::fstat(source.get(), &source_stat) != 0)
      throw_errno("cannot stat", file);

    const fs::path temp = m_dir / (std::string(k_store_file_name) + ".tmp." +
                                   std::to_string(::getpid()) + "." + random_hex8());
    Fd out(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
    if (out.get() < 0)
      throw_errno("cannot create temporary file", temp);
    try {
      if (source.get() >= 0 && ::fchmod(out.get(), source_stat.st_mode & 07777) != 0)
        throw_errno("cannot set permissions of", temp);
      BufferedWriter writer(out.get(), temp);
      for (const auto& record : records)
        writer.append(new_record_line(record));

      struct Range {
        std::uint64_t offset;
        std::size_t length;
      };
      std::vector<Range> malformed;
      if (source.get() >= 0) {
        scan_lines(source.get(), file, [&](ScannedLine& line) {
          if (!line.record) {
            malformed.push_back({line.offset, line.text.size()});
            return;
          }
          const bool replaced = line.record->source_line_hash
                                    ? replaced_lines.contains(*line.record->source_line_hash)
                                    : replaced_ids.contains(line.record->session_id);
          if (!replaced)
            writer.append(record_line(*line.record));
        });
      }
      // Malformed lines go last, byte for byte (invalid UTF-8 included).
      std::string bytes;
      for (const auto& range : malformed) {
        bytes.resize(range.length);
        read_exact(
            source.get(), bytes.data(), range.length, static_cast<off_t>(range.offset), file);
        bytes += '\n';
        writer.append(bytes);
      }
      writer.flush();
      fsync_or_throw(out.get(), temp);
      out.close_checked(temp);
      if (::rename(temp.c_str(), file.c_str()) != 0)
        throw_errno("cannot replace session store with", temp);
    } catch (...) {
      out.reset();
      ::unlink(temp.c_str());
      throw;
    }
    fsync_dir(m_dir);
  });
}

} // namespace gptme_sessions::core

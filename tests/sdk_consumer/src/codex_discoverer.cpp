#include "codex_discoverer.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <system_error>

namespace harness_codex {

namespace fs = std::filesystem;
namespace sdk = gptme_sessions::sdk;
using namespace std::chrono;

namespace {

std::optional<sys_days> parse_date(const std::string& text) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(text.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3)
    return std::nullopt;
  year_month_day date{year{y}, month{m}, day{d}};
  if (!date.ok())
    return std::nullopt;
  return sys_days{date};
}

std::string two_digits(unsigned value) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02u", value);
  return buf;
}

} // namespace

std::vector<sdk::DiscoveredSession> CodexDiscoverer::discover(const sdk::DiscoveryQuery& query) {
  std::vector<sdk::DiscoveredSession> sessions;
  auto first = parse_date(query.start_date);
  auto last = parse_date(query.end_date);
  if (!first || !last) {
    m_context.log(sdk::LogLevel::warning,
                  "bad date window " + query.start_date + ".." + query.end_date);
    return sessions;
  }
  fs::path root = query.home / ".codex" / "sessions";
  for (sys_days day_point = *first; day_point <= *last && !m_context.cancelled();
       day_point += days{1}) {
    year_month_day date{day_point};
    std::string iso = std::to_string(static_cast<int>(date.year())) + "-" +
                      two_digits(static_cast<unsigned>(date.month())) + "-" +
                      two_digits(static_cast<unsigned>(date.day()));
    fs::path dir = root / std::to_string(static_cast<int>(date.year())) /
                   two_digits(static_cast<unsigned>(date.month())) /
                   two_digits(static_cast<unsigned>(date.day()));
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
      continue;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".jsonl")
        files.push_back(it->path());
    if (ec)
      m_context.log(sdk::LogLevel::warning, "cannot read " + dir.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      sdk::DiscoveredSession session;
      session.harness = "codex";
      session.path = file;
      session.session_date = iso;
      session.session_name = file.stem().string();
      sessions.push_back(std::move(session));
    }
  }
  return sessions;
}

} // namespace harness_codex

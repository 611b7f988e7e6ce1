#include "commands/signal_extraction.hpp"

#include "plugins/registry.hpp"

#include <gptme_sessions/core/signals/jsonl_reader.hpp>

#include <boost/json/value.hpp>

#include <limits>
#include <optional>
#include <stdexcept>
#include <system_error>

namespace gptme_sessions::host {

namespace {

// Most lines handed to detect() at a time. Formats decided by their first record see it in
// the first window; scan-style formats keep looking in later windows.
constexpr std::size_t k_detect_window = 64;

core::signals::JsonlReader& detection_reader() {
  // One per thread: the reader owns a 1 MiB read buffer worth reusing across files.
  thread_local core::signals::JsonlReader reader(
      [](std::string_view) {}, // damaged lines are reported by extract(), not twice
      core::signals::JsonlReaderOptions{.max_line_warnings = 0, .allow_invalid_utf8 = true});
  return reader;
}

} // namespace

std::filesystem::path trajectory_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    std::filesystem::path conversation = path / "conversation.jsonl";
    if (!std::filesystem::exists(conversation, ec))
      throw std::runtime_error("no conversation.jsonl in " + path.string());
    return conversation;
  }
  return path;
}

SignalExtraction::SignalExtraction(std::vector<sdk::SignalExtractor*> extractors,
                                   std::string missing)
    : m_extractors(std::move(extractors)), m_missing(std::move(missing)) {}

SignalExtraction SignalExtraction::from_plugins(CommandContext& context) {
  auto& registry = context.plugins();
  return SignalExtraction(registry.signal_extractors(),
                          registry.not_found_message("signal extractor"));
}

sdk::SignalExtractor& SignalExtraction::detect(const std::filesystem::path& file) const {
  if (m_extractors.empty())
    throw std::runtime_error(m_missing);
  sdk::SignalExtractor* chosen = nullptr;
  std::vector<boost::json::value> window;
  window.reserve(k_detect_window);
  auto decide = [&]() {
    std::size_t best = std::numeric_limits<std::size_t>::max();
    for (sdk::SignalExtractor* extractor : m_extractors) {
      const std::optional<std::size_t> index = extractor->detect(window);
      if (index && *index < window.size() && *index < best) {
        best = *index;
        chosen = extractor;
      }
    }
    return chosen != nullptr;
  };
  // Most formats identify themselves on the first line or two, so the head is offered at
  // 1, 2, 4, ... lines: a claim on a prefix stands, because a claim is the earliest line a
  // detector recognises and later lines cannot move it.
  std::size_t next_check = 1;
  try {
    detection_reader().read(
        file, [&](const boost::json::value& record, const core::signals::JsonlLine&) {
          window.emplace_back(record, boost::json::storage_ptr()); // out of the reader's arena
          if (window.size() < next_check)
            return true;
          if (decide())
            return false;
          if (window.size() == k_detect_window) {
            window.clear();
            next_check = 1;
          } else {
            next_check *= 2;
          }
          return true;
        });
  } catch (const core::signals::JsonlReadError& e) {
    throw std::runtime_error(e.what());
  }
  if (chosen == nullptr && !window.empty())
    decide();
  if (chosen != nullptr)
    return *chosen;
  for (sdk::SignalExtractor* extractor : m_extractors)
    if (extractor->format_name() == "gptme")
      return *extractor;
  throw std::runtime_error("no loaded signal extractor recognises the format of " + file.string());
}

boost::json::object SignalExtraction::extract(const std::filesystem::path& path) const {
  const std::filesystem::path file = trajectory_file(path);
  return detect(file).extract(file);
}

} // namespace gptme_sessions::host

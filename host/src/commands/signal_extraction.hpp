// Signal extraction through the loaded SignalExtractor plugins, with the format chosen from
// the trajectory's content (spec §2), never from its path.
#pragma once

#include "cli/command.hpp"

#include <gptme_sessions/sdk/signal_extractor.hpp>

#include <boost/json/object.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace gptme_sessions::host {

class SignalExtraction {
public:
  // `missing` is the message used when no extractor is loaded (what was searched).
  SignalExtraction(std::vector<sdk::SignalExtractor*> extractors, std::string missing);
  // Every extractor the registry provides.
  static SignalExtraction from_plugins(CommandContext& context);

  bool available() const { return !m_extractors.empty(); }

  // The extractor whose detect() claims the earliest parsed line of the file, looking at
  // successive windows of lines until one is claimed; none claimed (an empty file, say) ->
  // the "gptme" extractor, the reference's fallback format. Throws std::runtime_error when
  // no extractor is loaded, none fits, or the file cannot be read.
  sdk::SignalExtractor& detect(const std::filesystem::path& file) const;

  // The signals object of a trajectory; a directory stands for its conversation.jsonl.
  // Throws (sdk::ExtractError and others) with a message naming the file.
  boost::json::object extract(const std::filesystem::path& path) const;

private:
  std::vector<sdk::SignalExtractor*> m_extractors;
  std::string m_missing;
};

// A directory stands for its conversation.jsonl (gptme log directories).
std::filesystem::path trajectory_file(const std::filesystem::path& path);

} // namespace gptme_sessions::host

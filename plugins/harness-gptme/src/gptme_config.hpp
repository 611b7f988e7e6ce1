// The settings discovery needs from a gptme log directory's config.toml.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace gptme_sessions::plugins::harness_gptme {

struct GptmeConfig {
  std::string model;     // [chat].model, else top-level model; "" when unknown
  std::string workspace; // [chat].workspace, else top-level workspace; "" when unknown
  bool interactive = true;
};

// Missing file or a TOML syntax error gives the defaults ("" / "" / true).
GptmeConfig read_gptme_config(const std::filesystem::path& config_toml);
GptmeConfig parse_gptme_config(std::string_view toml);

} // namespace gptme_sessions::plugins::harness_gptme

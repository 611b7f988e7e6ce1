// Store lines for the judge tests, and reading them back: a finished autonomous Claude Code session
// whose day of March 2026 is the first digit of its id, so ids sort by recency as the judge selects
// them.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace gptme_sessions::testing {

inline std::string record_line(const std::string& id, const std::string& extra = "") {
  return "{\"session_id\": \"" + id + "\", \"timestamp\": \"2026-03-0" + id.substr(0, 1) +
         "T10:00:00+00:00\", \"harness\": \"claude-code\", \"model\": \"claude-sonnet-4-6\", "
         "\"run_type\": \"autonomous\", \"category\": \"code\", \"outcome\": \"productive\", "
         "\"duration_seconds\": 600" +
         extra + "}\n";
}

// The store's records by session id, as written (non-empty lines only).
inline std::map<std::string, boost::json::object> stored(const std::filesystem::path& store) {
  std::map<std::string, boost::json::object> records;
  std::ifstream in(store, std::ios::binary);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) {
      auto object = boost::json::parse(line).as_object();
      records[std::string(object.at("session_id").as_string())] = object;
    }
  return records;
}

} // namespace gptme_sessions::testing

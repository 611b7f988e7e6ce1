// How the store commands print records: JSON (json.dumps(indent=2) style, streamed for
// arrays), the one-line `query` listing and the `show` detail view.
#pragma once

#include <gptme_sessions/core/session_record.hpp>

#include <boost/json/value.hpp>

#include <iosfwd>
#include <optional>
#include <string>

namespace gptme_sessions::host {

// The value with indent 2, then a newline.
void print_json(std::ostream& out, const boost::json::value& value);

// Prints a JSON array one element at a time, byte-identical to print_json of the whole array,
// so a long listing never holds every element in memory.
class JsonArrayPrinter {
public:
  explicit JsonArrayPrinter(std::ostream& out) : m_out(out) {}
  void add(const boost::json::value& value);
  // Streams the record straight into the buffer: no intermediate JSON object per record.
  void add(const core::SessionRecord& record);
  // Closes the array ("[]" when nothing was added) and ends the line.
  void finish();

private:
  std::ostream& m_out;
  std::string m_buffer;
  bool m_empty = true;
};

// One `query` line (no newline). `model_normalized` is normalize_model(record.model).
std::string query_line(const core::SessionRecord& record,
                       const std::optional<std::string>& model_normalized);

// The `show` text view (no trailing newline).
std::string show_text(const core::SessionRecord& record);

} // namespace gptme_sessions::host

// `query`: list the stored records a filter keeps (or their statistics with --stats).
#include "commands/command_table.hpp"
#include "commands/filter_options.hpp"
#include "commands/record_output.hpp"

#include <gptme_sessions/core/session_stats.hpp>

#include <ostream>
#include <string_view>
#include <unordered_map>

namespace gptme_sessions::host {

namespace po = boost::program_options;

namespace {

// normalize_model per distinct raw model, for listings of many records.
class NormalizedModels {
public:
  const std::optional<std::string>& get(const std::optional<std::string>& raw) {
    if (!raw)
      return m_null;
    auto it = m_cache.find(*raw);
    if (it == m_cache.end())
      it = m_cache.emplace(*raw, core::normalize_model(raw)).first;
    return it->second;
  }

private:
  std::unordered_map<std::string, std::optional<std::string>> m_cache;
  std::optional<std::string> m_null;
};

int run_query(CommandContext& context) {
  const FilterOptions options = read_filter_options(context);
  const bool json = context.flag("json");
  const core::RecordMatcher matches(options.filter);
  const core::SessionStore store = context.store();
  auto& out = context.out();

  if (context.flag("stats")) {
    core::StatsAccumulator stats_acc;
    store.for_each([&](core::SessionRecord&& record) {
      if (matches(record))
        stats_acc.add(record);
    });
    const auto stats = stats_acc.result();
    if (json)
      print_json(out, core::stats_to_json(stats));
    else
      out << core::format_stats(stats) << '\n';
    return 0;
  }

  if (json) {
    JsonArrayPrinter printer(out);
    store.for_each([&](core::SessionRecord&& record) {
      if (matches(record))
        printer.add(record);
    });
    printer.finish();
    return 0;
  }

  NormalizedModels models;
  std::string buffer;
  std::int64_t count = 0;
  store.for_each([&](core::SessionRecord&& record) {
    if (!matches(record))
      return;
    ++count;
    buffer += query_line(record, models.get(record.model));
    buffer += '\n';
    if (buffer.size() >= 1 << 16) {
      out << buffer;
      buffer.clear();
    }
  });
  out << buffer << '\n' << count << " records\n";
  return 0;
}

} // namespace

CommandSpec make_query_command() {
  CommandSpec spec;
  spec.name = "query";
  spec.summary = "Query session records with filters.";
  spec.define = [](po::options_description& desc, po::positional_options_description&) {
    add_filter_options(desc);
    desc.add_options()("stats", po::bool_switch(), "Show statistics instead of records");
  };
  spec.run = run_query;
  return spec;
}

} // namespace gptme_sessions::host

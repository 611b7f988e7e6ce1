// `plugins list [--json]` and `plugins check FILE`: what the host found and why a file would
// (not) load. Rejections are part of the output here, so this command turns off the registry's
// own warning lines (app.cpp).
#include "cli/command.hpp"
#include "commands/command_table.hpp"
#include "plugins/loader.hpp"
#include "plugins/registry.hpp"

#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/sdk/abi.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <ostream>

namespace gptme_sessions::host {

namespace po = boost::program_options;
namespace fs = std::filesystem;
using plugins::LoadedPlugin;
using plugins::RejectedPlugin;

namespace {

struct Row {
  std::string name, version, kinds, abi, status, path, stage, reason;
};

std::vector<Row> rows_of(plugins::Registry& registry) {
  std::vector<Row> rows;
  for (const LoadedPlugin* p : registry.loaded())
    rows.push_back({p->info->name,
                    p->info->version,
                    plugins::kinds_to_string(p->info->kinds),
                    std::to_string(p->info->abi_version),
                    "loaded",
                    p->path.string(),
                    "",
                    ""});
  for (const RejectedPlugin& r : registry.rejected())
    rows.push_back({r.name.empty() ? "-" : r.name,
                    r.version.empty() ? "-" : r.version,
                    plugins::kinds_to_string(r.kinds),
                    r.abi_version ? std::to_string(*r.abi_version) : "-",
                    "rejected",
                    r.path.string(),
                    std::string(plugins::to_string(r.stage)),
                    r.message});
  return rows;
}

boost::json::value json_of(plugins::Registry& registry) {
  auto nullable = [](const std::string& s) -> boost::json::value {
    if (s.empty())
      return nullptr;
    return boost::json::string(s);
  };
  auto kinds = [](std::uint32_t bits) {
    boost::json::array a;
    for (auto name : plugins::kind_names(bits))
      a.emplace_back(boost::json::string(name));
    return a;
  };
  boost::json::array list;
  for (const LoadedPlugin* p : registry.loaded())
    list.push_back(boost::json::object{{"name", p->info->name},
                                       {"version", p->info->version},
                                       {"kinds", kinds(p->info->kinds)},
                                       {"abi", p->info->abi_version},
                                       {"status", "loaded"},
                                       {"path", p->path.string()},
                                       {"stage", nullptr},
                                       {"reason", nullptr}});
  for (const RejectedPlugin& r : registry.rejected()) {
    boost::json::value abi = nullptr;
    if (r.abi_version)
      abi = *r.abi_version;
    list.push_back(boost::json::object{{"name", nullable(r.name)},
                                       {"version", nullable(r.version)},
                                       {"kinds", kinds(r.kinds)},
                                       {"abi", abi},
                                       {"status", "rejected"},
                                       {"path", r.path.string()},
                                       {"stage", plugins::to_string(r.stage)},
                                       {"reason", r.message}});
  }
  return list;
}

void print_table(std::ostream& out, plugins::Registry& registry) {
  std::vector<Row> rows = rows_of(registry);
  if (rows.empty()) {
    out << "No plugins found.\n";
  } else {
    Row header{"NAME", "VERSION", "KINDS", "ABI", "STATUS", "PATH", "", ""};
    std::size_t widths[5] = {};
    auto widen = [&widths](const Row& r) {
      const std::string* cells[5] = {&r.name, &r.version, &r.kinds, &r.abi, &r.status};
      for (std::size_t i = 0; i < 5; ++i)
        widths[i] = std::max(widths[i], cells[i]->size());
    };
    widen(header);
    for (const auto& r : rows)
      widen(r);
    auto print_row = [&](const Row& r) {
      const std::string* cells[5] = {&r.name, &r.version, &r.kinds, &r.abi, &r.status};
      for (std::size_t i = 0; i < 5; ++i)
        out << *cells[i] << std::string(widths[i] - cells[i]->size() + 2, ' ');
      out << r.path << '\n';
      if (!r.reason.empty())
        out << "    " << r.stage << ": " << r.reason << '\n';
    };
    print_row(header);
    for (const auto& r : rows)
      print_row(r);
  }
  std::string dirs;
  for (const auto& d : registry.searched_dirs())
    dirs += (dirs.empty() ? "" : ", ") + d.string();
  out << "\nSearched: " << (dirs.empty() ? std::string("no directories") : dirs) << '\n';
}

int run_list(CommandContext& context) {
  plugins::Registry& registry = context.plugins();
  if (context.flag("json"))
    context.out() << core::to_json_pretty(json_of(registry)) << '\n';
  else
    print_table(context.out(), registry);
  return 0;
}

// Factories run too: a plugin whose factory throws loads but is useless, and an author
// checking a plugin wants to know. They go through a one-file registry, so the check sees
// exactly what a command would.
bool check_factories(std::ostream& out, const fs::path& path) {
  plugins::Registry registry(plugins::SearchPath{{path}, {}},
                             {.report_rejections = false, .cache_file = std::nullopt});
  const LoadedPlugin& plugin = *registry.loaded().front();
  std::vector<std::string> created;
  try {
    if (!registry.harness_discoverers().empty())
      created.emplace_back("HarnessDiscoverer");
    if (!registry.signal_extractors().empty())
      created.emplace_back("SignalExtractor");
    if (registry.find_judge(plugin.info->name))
      created.emplace_back("Judge");
  } catch (const RuntimeError& e) {
    out << "create: failed: " << e.what() << '\n';
    return false;
  }
  std::string list;
  for (const auto& c : created)
    list += (list.empty() ? "" : ", ") + c;
  out << "create: ok (" << list << ")\n";
  return true;
}

int run_check(CommandContext& context, const std::string& file) {
  std::error_code ec;
  fs::path path = fs::absolute(file, ec).lexically_normal();
  std::ostream& out = context.out();
  out << "Checking " << path.string() << '\n';
  plugins::LoadResult result = plugins::load_plugin(path);
  for (const auto& step : result.steps)
    out << plugins::to_string(step.stage) << ": " << (step.ok ? "ok (" : "failed: ") << step.detail
        << (step.ok ? ")" : "") << '\n';
  if (result.rejected || !check_factories(out, path)) {
    out << "Result: " << path.filename().string() << " would be rejected\n";
    return 1;
  }
  const sdk::PluginInfo& info = *result.loaded->info;
  out << "Result: " << info.name << ' ' << info.version << " would be loaded\n";
  return 0;
}

int run(CommandContext& context) {
  auto action = context.str("action");
  auto file = context.str("file");
  if (!action)
    throw UsageError("Missing command.");
  if (*action == "list") {
    if (file)
      throw UsageError("Got unexpected extra argument (" + *file + ")");
    return run_list(context);
  }
  if (*action == "check") {
    if (!file)
      throw UsageError("Missing argument 'FILE'.");
    if (context.flag("json"))
      throw UsageError("Option '--json' is only valid with 'list'.");
    return run_check(context, *file);
  }
  throw UsageError("No such command '" + *action + "'.");
}

} // namespace

CommandSpec make_plugins_command() {
  CommandSpec spec;
  spec.name = "plugins";
  spec.summary = "List plugins (list [--json]) or check one plugin file (check FILE).";
  spec.usage_args = "COMMAND [ARGS]...";
  spec.define = [](po::options_description& desc, po::positional_options_description& pos) {
    desc.add_options()("json", po::bool_switch(), "Output as JSON (list only).")(
        "action", po::value<std::string>(), "list | check")(
        "file", po::value<std::string>(), "The plugin file to check.");
    pos.add("action", 1).add("file", 1);
  };
  spec.run = run;
  return spec;
}

} // namespace gptme_sessions::host

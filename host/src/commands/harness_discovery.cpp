#include "commands/harness_discovery.hpp"

#include "logging.hpp"
#include "plugins/registry.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <string_view>
#include <thread>

namespace gptme_sessions::host {

namespace {

constexpr std::array<std::string_view, 4> k_reference_order{
    "gptme", "claude-code", "codex", "copilot-cli"};

std::filesystem::path home_dir() {
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return home;
  if (const passwd* pw = ::getpwuid(::getuid()); pw != nullptr && pw->pw_dir != nullptr)
    return pw->pw_dir;
  return {};
}

std::size_t rank(std::string_view harness) {
  auto it = std::find(k_reference_order.begin(), k_reference_order.end(), harness);
  return static_cast<std::size_t>(it - k_reference_order.begin());
}

std::vector<sdk::DiscoveredSession> discover_one(sdk::HarnessDiscoverer& discoverer,
                                                 const sdk::DiscoveryQuery& query) {
  std::vector<sdk::DiscoveredSession> found;
  try {
    found = discoverer.discover(query);
  } catch (const std::exception& e) {
    log_warning("discovery failed for " + std::string(discoverer.harness_name()) + ": " + e.what());
    return {};
  } catch (...) {
    log_warning("discovery failed for " + std::string(discoverer.harness_name()));
    return {};
  }
  for (auto& session : found)
    if (session.harness.empty())
      session.harness = std::string(discoverer.harness_name());
  return found;
}

} // namespace

std::string local_date(long days_back) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  tm.tm_mday -= static_cast<int>(days_back);
  tm.tm_hour = 12; // away from DST edges, so normalizing never shifts the date
  tm.tm_isdst = -1;
  std::mktime(&tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

DiscoveryWindow window_of_days(double days) {
  DiscoveryWindow window;
  window.days = days;
  const double back = std::ceil(std::max(days, 0.0));
  window.start_date = local_date(back > 1e6 ? 1000000L : static_cast<long>(back));
  window.end_date = local_date(0);
  return window;
}

std::vector<sdk::HarnessDiscoverer*> ordered_discoverers(CommandContext& context) {
  std::vector<sdk::HarnessDiscoverer*> discoverers = context.plugins().harness_discoverers();
  std::stable_sort(discoverers.begin(),
                   discoverers.end(),
                   [](sdk::HarnessDiscoverer* a, sdk::HarnessDiscoverer* b) {
                     return rank(a->harness_name()) < rank(b->harness_name());
                   });
  return discoverers;
}

std::vector<sdk::HarnessDiscoverer*> select_discoverers(CommandContext& context,
                                                        const std::optional<std::string>& harness,
                                                        const std::string& option) {
  std::vector<sdk::HarnessDiscoverer*> all = ordered_discoverers(context);
  if (!harness) {
    if (all.empty())
      log_warning(context.plugins().not_found_message("harness discoverer"));
    return all;
  }
  for (sdk::HarnessDiscoverer* d : all)
    if (d->harness_name() == *harness)
      return {d};
  if (all.empty())
    throw UsageError("Invalid value for '--" + option + "': '" + *harness +
                     "': " + context.plugins().not_found_message("harness discoverer"));
  std::string list;
  for (std::size_t i = 0; i < all.size(); ++i)
    list += (i ? ", '" : "'") + std::string(all[i]->harness_name()) + "'";
  throw UsageError("Invalid value for '--" + option + "': '" + *harness + "' is not one of " +
                   list + ".");
}

std::vector<sdk::DiscoveredSession>
run_discovery(const std::vector<sdk::HarnessDiscoverer*>& discoverers,
              const DiscoveryWindow& window) {
  sdk::DiscoveryQuery query;
  query.start_date = window.start_date;
  query.end_date = window.end_date;
  query.home = home_dir();

  // Each discoverer is a different plugin object, so they can scan their trees side by side.
  std::vector<std::vector<sdk::DiscoveredSession>> parts(discoverers.size());
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 1; i < discoverers.size(); ++i)
      threads.emplace_back([&, i] { parts[i] = discover_one(*discoverers[i], query); });
    if (!discoverers.empty())
      parts[0] = discover_one(*discoverers[0], query);
  }

  std::vector<sdk::DiscoveredSession> sessions;
  for (auto& part : parts)
    for (auto& session : part)
      sessions.push_back(std::move(session));
  std::stable_sort(sessions.begin(),
                   sessions.end(),
                   [](const sdk::DiscoveredSession& a, const sdk::DiscoveredSession& b) {
                     if (a.session_date.empty() != b.session_date.empty())
                       return b.session_date.empty();
                     return a.session_date < b.session_date;
                   });
  return sessions;
}

} // namespace gptme_sessions::host

// gen_store: writes a session-records.jsonl of N random but realistic records, deterministically
// from a seed, for the store benchmarks (stats/query over ~200k records).
//
// Lines are produced through the core record API and JSON writer, so they are exactly what the
// store reads in real life: a share of full canonical lines (as written by sync/annotate and the
// Python package) and sparse lines holding only the keys that carry a value (older or
// hand-written stores, spec store-and-cli §9), plus unknown extra keys and non-ASCII text.
#include "bench_cli.hpp"
#include "bench_random.hpp"

#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/core/model_names.hpp>
#include <gptme_sessions/core/session_record.hpp>
#include <gptme_sessions/core/session_store.hpp>

#include <boost/json.hpp>
#include <boost/program_options.hpp>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
namespace json = boost::json;
namespace po = boost::program_options;
namespace core = gptme_sessions::core;
using gptme_sessions::bench::Rng;

namespace {

constexpr std::string_view k_tool = "gen_store";

struct Options {
  std::uint64_t records = 200000;
  std::uint64_t seed = 42;
  double full_fraction = 0.03;
  std::uint64_t malformed_per_million = 0;
  std::int64_t end_unix = 0;
  std::int64_t span_days = 365;
  fs::path out;
  bool force = false;
};

constexpr std::string_view k_projects[] = {
    "/home/u/proj-alpha",
    "/home/u/proj-beta/",
    "/home/u/src/gptme",
    "/home/u/src/gptme-contrib",
    "/home/u/src/gptme-agent-template",
    "/home/bob/work/infra-terraform",
    "/home/bob/work/api-gateway",
    "/srv/agents/alice",
    "/srv/agents/alice/workspace",
    "/home/u/Projekte/größenrechner",
    "/home/u/プロジェクト/翻訳",
    "/home/u/src/dotfiles",
    "/home/u/src/website",
    "/tmp/scratch",
    "proj-alpha",
    "/home/u/src/very-long-project-name-that-pushes-columns-right",
};

constexpr std::string_view k_harnesses[] = {"claude-code", "gptme", "codex", "copilot-cli"};
constexpr std::string_view k_categories[] = {"code",
                                             "triage",
                                             "infrastructure",
                                             "research",
                                             "content",
                                             "strategic",
                                             "cleanup",
                                             "self-review",
                                             "cross-repo",
                                             "novelty"};
constexpr std::string_view k_run_types[] = {
    "autonomous", "dispatch", "monitoring", "manual", "interactive", "email", "project-monitoring"};
constexpr std::string_view k_triggers[] = {"timer", "dispatch", "manual", "spawn"};
constexpr std::string_view k_selector_modes[] = {"scored", "bandit", "round-robin", "manual"};
constexpr std::string_view k_unaliased_models[] = {
    "openrouter/deepseek/deepseek-r2",
    "openrouter/anthropic/claude-opus-4-7",
    "openai-subscription/gpt-future",
    "openrouter/some-provider/some-model@some-provider",
    "xai/grok-4-1-fast/turbo",
    "local-llm",
    "unknown"};
constexpr std::string_view k_errors[] = {
    "Process exited with code 1",
    "timeout after 3600s",
    "Error: rate limit exceeded (429)\nretrying in 30s",
    "KeyError: 'choices'",
    "Fehler: Datei nicht gefunden — \"config.toml\"",
    "pre-commit failed: mypy found 3 errors\ttests/test_x.py",
};
constexpr std::string_view k_judge_reasons[] = {
    "Solid progress.",
    "Merged a fix with tests; small scope.",
    "No deliverable; mostly exploration.",
    "Violated policy: pushed to master without review.",
    "Good triage — closed 3 stale issues ✓",
    "Réécriture propre du module, bien testée.",
};
constexpr std::string_view k_notes[] = {
    "x", "follow-up needed", "naïve retry loop", "日本語のメモ", "🚀 shipped", "see PR"};

std::string iso_timestamp(Rng& rng, std::int64_t unix_seconds) {
  std::string ts = gptme_sessions::bench::iso_seconds(unix_seconds);
  switch (rng.weighted({35, 45, 15, 4, 1})) {
  case 0: // Python isoformat() of an aware UTC datetime with microseconds
    ts += '.' + std::to_string(100000 + rng.below(900000)) + "+00:00";
    break;
  case 1:
    ts += "+00:00";
    break;
  case 2:
    ts += 'Z';
    break;
  case 3: // naive local time (gptme)
    break;
  default:
    ts += "+02:00";
    break;
  }
  return ts;
}

std::string deliverable(Rng& rng, const std::string& project) {
  switch (rng.weighted({60, 25, 15})) {
  case 0:
    return rng.hex(rng.chance(0.5) ? 7 : 40);
  case 1: {
    const auto slash = project.find_last_of('/', project.size() - 2);
    std::string repo = slash == std::string::npos ? project : project.substr(slash + 1);
    while (!repo.empty() && repo.back() == '/')
      repo.pop_back();
    return "https://github.com/ErikBjare/" + repo + "/pull/" + std::to_string(1 + rng.below(2000));
  }
  default:
    return "https://github.com/gptme/gptme/issues/" + std::to_string(1 + rng.below(3000));
  }
}

core::SessionRecord random_record(Rng& rng, std::uint64_t index, const Options& opt) {
  core::SessionRecord r;
  r.session_id = gptme_sessions::bench::hex32(gptme_sessions::bench::permute32(
      static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(opt.seed * 2654435761U)));
  const std::int64_t span = opt.span_days * 86400;
  const std::int64_t end_time = opt.end_unix - rng.between(0, span);
  std::int64_t duration = 0;
  switch (rng.weighted({6, 20, 35, 25, 14})) {
  case 0:
    duration = 0;
    break;
  case 1:
    duration = rng.between(5, 119);
    break;
  case 2:
    duration = rng.between(120, 899);
    break;
  case 3:
    duration = rng.between(900, 1799);
    break;
  default:
    duration = rng.between(1800, 7200);
    break;
  }
  r.duration_seconds = duration;
  r.timestamp = iso_timestamp(rng, end_time);
  if (rng.chance(0.001)) // the reference's midnight quirk (spec §3.3 T24 fix)
    r.timestamp = gptme_sessions::bench::iso_seconds(end_time).substr(0, 10) + "T24:00:00+00:00";
  if (rng.chance(0.1)) {
    r.start_time = iso_timestamp(rng, end_time - duration);
    r.end_time = iso_timestamp(rng, end_time);
  }
  if (rng.chance(0.35))
    r.session_name = gptme_sessions::bench::session_name(rng);
  else if (rng.chance(0.01))
    r.session_name = "café-naïve-☕";

  if (rng.chance(0.85))
    r.project = std::string(rng.pick(k_projects));
  else if (rng.chance(0.5))
    r.project = std::nullopt;
  else
    r.project = std::string();

  switch (rng.weighted({55, 30, 8, 4, 2, 1})) {
  case 0:
  case 1:
  case 2:
  case 3:
    r.harness = std::string(k_harnesses[rng.below(4)]);
    break;
  case 4:
    r.harness = "unknown";
    break;
  default:
    r.harness = std::nullopt;
    break;
  }

  const auto aliases = core::model_aliases();
  switch (rng.weighted({80, 15, 3, 2})) {
  case 0:
    r.model = std::string(aliases[rng.below(aliases.size())].raw);
    break;
  case 1:
    r.model = std::string(rng.pick(k_unaliased_models));
    break;
  case 2:
    r.model = std::string(aliases[rng.below(aliases.size())].raw) + "@provider";
    break;
  default:
    r.model = std::nullopt;
    break;
  }

  switch (rng.weighted({75, 8, 4, 2, 11})) {
  case 0:
    r.run_type = std::string(rng.weighted({60, 40}) == 0 ? "autonomous" : rng.pick(k_run_types));
    break;
  case 1:
    r.run_type = std::to_string(1 + rng.below(5000)); // digits -> "autonomous"
    break;
  case 2:
    r.run_type = "autonomous-session-" + std::to_string(rng.below(50));
    break;
  case 3:
    r.run_type = std::nullopt;
    break;
  default:
    r.run_type = "unknown";
    break;
  }
  r.run_type = core::normalize_run_type(r.run_type);

  if (rng.chance(0.3))
    r.trigger = std::string(rng.pick(k_triggers));
  if (rng.chance(0.65))
    r.category = std::string(rng.pick(k_categories));

  const std::size_t outcome = rng.weighted({52, 25, 10, 3, 10});
  static constexpr std::string_view k_outcomes[] = {
      "productive", "noop", "failed", "violated_policy", "unknown"};
  r.outcome = std::string(k_outcomes[outcome]);
  if (rng.chance(0.4))
    r.exit_code = outcome == 2 ? (rng.chance(0.3) ? 124 : 1) : 0;
  if (outcome == 2 && rng.chance(0.6))
    r.error = std::string(rng.pick(k_errors));

  if (rng.chance(0.1)) {
    const std::int64_t input = rng.between(2000, 200000);
    const std::int64_t output = rng.between(200, 40000);
    const std::int64_t cache_read = rng.between(0, 5000000);
    const std::int64_t cache_create = rng.between(0, 300000);
    r.input_tokens = input;
    r.output_tokens = output;
    r.cache_read_tokens = cache_read;
    r.cache_creation_tokens = cache_create;
    r.token_count = input + output + cache_read + cache_create;
  } else if (rng.chance(0.15)) {
    r.token_count = rng.between(1000, 500000);
  }

  if (outcome == 0 && rng.chance(0.5)) {
    const auto n = 1 + rng.below(rng.chance(0.05) ? 8 : 2);
    const std::string project = r.project && !r.project->empty() ? *r.project : "proj";
    for (std::uint64_t i = 0; i < n; ++i)
      r.deliverables->push_back(deliverable(rng, project));
  }

  const std::string name = r.session_name.value_or(r.session_id);
  const std::string day = gptme_sessions::bench::iso_seconds(end_time).substr(0, 10);
  if (rng.chance(0.85)) {
    // only synced records know their trajectory
  } else if (r.harness == "gptme") {
    r.trajectory_path =
        "/home/u/.local/share/gptme/logs/" + day + '-' + name + "/conversation.jsonl";
  } else if (r.harness == "claude-code") {
    std::string encoded = r.project.value_or("/home/u/proj");
    for (char& c : encoded)
      if (!(std::isalnum(static_cast<unsigned char>(c))))
        c = '-';
    r.trajectory_path = "/home/u/.claude/projects/" + encoded + '/' + rng.uuid4() + ".jsonl";
  } else if (r.harness == "codex") {
    r.trajectory_path = "/home/u/.codex/sessions/" + day.substr(0, 4) + '/' + day.substr(5, 2) +
                        '/' + day.substr(8, 2) + "/rollout-" + day + "T10-00-00-" + rng.uuid4() +
                        ".jsonl";
  }
  if (rng.chance(0.05))
    r.journal_path = "/home/u/journal/" + day + '/' + name + ".md";

  if (rng.chance(0.08)) {
    r.grades["productivity"] = rng.unit();
    r.grades["alignment"] = static_cast<double>(rng.below(11)) / 10.0;
    if (rng.chance(0.5))
      r.grade_reasons["productivity"] = std::string(rng.pick(k_judge_reasons));
    r.trajectory_grade = rng.unit();
  }
  if (rng.chance(0.1)) {
    r.llm_judge_score = static_cast<double>(rng.below(101)) / 100.0;
    r.llm_judge_reason = std::string(rng.pick(k_judge_reasons));
    r.llm_judge_model = rng.chance(0.7) ? "claude-haiku-4-5" : "gpt-4o-mini";
  }

  // Agent schema keys and unknown extras, as long-lived stores accumulate them.
  if (rng.chance(0.08)) {
    r.set_agent_field("recommended_category", json::string(rng.pick(k_categories)));
    r.set_agent_field("selector_mode", json::string(rng.pick(k_selector_modes)));
  }
  if (rng.chance(0.05)) {
    r.set_agent_field("context_tier", json::string(rng.chance(0.5) ? "standard" : "massive"));
    r.set_agent_field("ttft_ms_avg", rng.unit() * 2000);
    r.set_agent_field("deliverable_details",
                      json::array{json::object{{"kind", "commit"}, {"lines", rng.below(500)}}});
  }
  if (rng.chance(0.1))
    r.extra_fields["inferred_category"] = json::string(rng.pick(k_categories));
  if (rng.chance(0.05))
    r.extra_fields["notes"] = json::string(rng.pick(k_notes));
  if (rng.chance(0.02))
    r.extra_fields["tags"] = json::array{"bench", json::string(rng.pick(k_notes))};
  if (rng.chance(0.01))
    r.extra_fields["cost_usd"] = rng.unit() * 3;
  return r;
}

// The keys that carry a value, in canonical order: how a sparse, older store line looks.
json::object sparse(json::object full) {
  json::object out;
  for (auto& member : full) {
    const json::value& v = member.value();
    if (v.is_null() || (v.is_array() && v.get_array().empty()) ||
        (v.is_object() && v.get_object().empty()))
      continue;
    out.emplace(member.key(), v);
  }
  return out;
}

constexpr std::string_view k_malformed[] = {
    "NOT VALID JSON",
    "[1, 2, 3]",
    "{\"session_id\": \"deadbeef\", \"timestamp\": 12345}",
    "{\"session_id\": \"cut-off\", \"timestamp\": \"2026-05-30T11:37:20",
};

bool parse_options(int argc, char** argv, Options& opt) {
  std::string end = "2026-06-01";
  std::string out;
  po::options_description desc("gen_store: write a random session-records.jsonl\nOptions");
  desc.add_options()("help,h", "Show this help")(
      "records,n", po::value(&opt.records)->default_value(opt.records), "Number of records")(
      "seed", po::value(&opt.seed)->default_value(opt.seed), "Random seed")(
      "full-fraction",
      po::value(&opt.full_fraction)->default_value(opt.full_fraction),
      "Share of lines written in full canonical form (the rest are sparse)")(
      "malformed-per-million",
      po::value(&opt.malformed_per_million)->default_value(0),
      "Malformed lines to mix in, per million records")(
      "end", po::value(&end)->default_value(end), "Latest record date (YYYY-MM-DD, UTC)")(
      "span-days",
      po::value(&opt.span_days)->default_value(opt.span_days),
      "Records spread over this many days before --end")(
      "out,o", po::value(&out)->required(), "Sessions dir to write session-records.jsonl into")(
      "force", po::bool_switch(&opt.force), "Overwrite an existing store file");
  if (!gptme_sessions::bench::parse_command_line(k_tool, argc, argv, desc))
    return false;
  opt.end_unix = gptme_sessions::bench::end_date_option(k_tool, end);
  if (opt.full_fraction < 0 || opt.full_fraction > 1 || opt.span_days < 0)
    gptme_sessions::bench::usage_error(k_tool,
                                       "--full-fraction must be in [0, 1] and --span-days >= 0");
  opt.out = out;
  return true;
}

} // namespace

int main(int argc, char** argv) {
  Options opt;
  if (!parse_options(argc, argv, opt))
    return 0;
  fs::create_directories(opt.out);
  const fs::path path = opt.out / core::k_store_file_name;
  if (fs::exists(path) && !opt.force) {
    std::cerr << "gen_store: " << path.string() << " exists (use --force to overwrite)\n";
    return 1;
  }
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) {
    std::perror(path.c_str());
    return 1;
  }
  Rng rng(opt.seed);
  Rng malformed_rng(opt.seed ^ 0x6d616c666f726d64ULL);
  std::string buffer;
  std::uint64_t bytes = 0;
  std::uint64_t malformed = 0;
  for (std::uint64_t i = 0; i < opt.records; ++i) {
    const core::SessionRecord record = random_record(rng, i, opt);
    json::object object = core::record_to_json(record);
    if (!rng.chance(opt.full_fraction))
      object = sparse(std::move(object));
    core::write_json(buffer, object);
    buffer += '\n';
    if (opt.malformed_per_million && malformed_rng.below(1000000) < opt.malformed_per_million) {
      buffer += malformed_rng.pick(k_malformed);
      buffer += '\n';
      ++malformed;
    }
    if (buffer.size() >= (1U << 20)) {
      bytes += buffer.size();
      if (std::fwrite(buffer.data(), 1, buffer.size(), file) != buffer.size()) {
        std::perror(path.c_str());
        return 1;
      }
      buffer.clear();
    }
  }
  bytes += buffer.size();
  if (std::fwrite(buffer.data(), 1, buffer.size(), file) != buffer.size() ||
      std::fclose(file) != 0) {
    std::perror(path.c_str());
    return 1;
  }
  std::cout << "wrote " << opt.records << " records";
  if (malformed)
    std::cout << " + " << malformed << " malformed lines";
  std::cout << " (" << bytes << " bytes) to " << path.string() << '\n';
  return 0;
}

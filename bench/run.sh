#!/usr/bin/env bash
# Builds gptme-sessions (Release), generates bench data into a temp dir and times the store
# commands over N records and, when the harness plugins and `sync` exist, sync/discover over a
# generated Claude Code + gptme tree. Prints a table of figures against the targets.
# See bench/README.md.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir="$repo/build/bench"
do_build=1
records=200000
runs=5
keep=0
store_only=0
work=""
cc_sessions=500
cc_subagents=130
cc_stubs=20
cc_mb=67
gptme_sessions=100
gptme_mb=10
use_hyperfine=1

usage() {
  cat <<EOF
Usage: bench/run.sh [options]
  --build-dir DIR     build tree to use (default: build/bench, configured as Release)
  --no-build          use the binaries already in --build-dir
  --records N         store records (default: $records)
  --runs N            timed runs per benchmark (default: $runs)
  --store-only        skip the sync/discover benchmarks
  --work DIR          put generated data in DIR (default: a new temp dir)
  --keep              keep the generated data
  --no-hyperfine      time with /usr/bin/time even when hyperfine is installed
  --cc-sessions N --cc-subagents N --cc-stubs N --cc-mb MB --gptme-sessions N --gptme-mb MB
                      size of the generated trajectory trees (defaults: $cc_sessions, $cc_subagents,
                      $cc_stubs, $cc_mb, $gptme_sessions, $gptme_mb)
EOF
}

while [[ $# -gt 0 ]]; do
  case $1 in
  --build-dir) build_dir=$2; shift 2 ;;
  --no-build) do_build=0; shift ;;
  --records) records=$2; shift 2 ;;
  --runs) runs=$2; shift 2 ;;
  --store-only) store_only=1; shift ;;
  --work) work=$2; shift 2 ;;
  --keep) keep=1; shift ;;
  --no-hyperfine) use_hyperfine=0; shift ;;
  --cc-sessions) cc_sessions=$2; shift 2 ;;
  --cc-subagents) cc_subagents=$2; shift 2 ;;
  --cc-stubs) cc_stubs=$2; shift 2 ;;
  --cc-mb) cc_mb=$2; shift 2 ;;
  --gptme-sessions) gptme_sessions=$2; shift 2 ;;
  --gptme-mb) gptme_mb=$2; shift 2 ;;
  -h | --help) usage; exit 0 ;;
  *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

if [[ $do_build == 1 ]]; then
  cmake -S "$repo" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DGPTME_SESSIONS_BUILD_TESTS=OFF -DGPTME_SESSIONS_BUILD_BENCH=ON >/dev/null
  cmake --build "$build_dir" --target bench_tools -j2
fi
build_dir=$(cd "$build_dir" && pwd)
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)
if [[ $build_type != Release ]]; then
  echo "run.sh: warning: $build_dir is a '${build_type:-unknown}' build; figures are meaningful for Release only" >&2
fi

exe="$build_dir/bin/gptme-sessions"
gen_store="$build_dir/bin/gen_store"
gen_traj="$build_dir/bin/gen_trajectories"
for f in "$exe" "$gen_store"; do
  [[ -x $f ]] || { echo "run.sh: $f not built (drop --no-build?)" >&2; exit 1; }
done

if [[ -z $work ]]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/gptme-sessions-bench.XXXXXX")
else
  mkdir -p "$work"
fi
cleanup() { [[ $keep == 1 ]] && echo "data kept in $work" || rm -rf "$work"; }
trap cleanup EXIT

# Nothing from the caller's environment may redirect the commands to real data.
unset GPTME_SESSIONS_DIR XDG_DATA_HOME GPTME_LOGS_DIR CLAUDE_HOME CLAUDE_CONFIG_DIR CODEX_HOME
export HOME="$work/home"
mkdir -p "$HOME"

have_hyperfine=0
[[ $use_hyperfine == 1 ]] && command -v hyperfine >/dev/null && command -v python3 >/dev/null &&
  have_hyperfine=1
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)

ncpu=$(nproc)
load_before=$(cut -d' ' -f1 /proc/loadavg)
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)

rows=()
# measure NAME SIZE TARGET_S TARGET_MB PREPARE CMD
#   Times CMD (a shell string) $runs times after one warm-up, running PREPARE (or ":") before
#   each run. Records median wall, median user+sys CPU and the peak RSS of the runs.
measure() {
  local name=$1 size=$2 target_s=$3 target_mb=$4 prepare=$5 cmd=$6
  local wall cpu rss
  if [[ $have_hyperfine == 1 ]]; then
    local json="$work/hyperfine.json"
    hyperfine --style basic --warmup 1 --runs "$runs" --prepare "$prepare" \
      --export-json "$json" "$cmd" >&2
    read -r wall cpu < <(python3 - "$json" <<'EOF'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f'{r["median"]:.3f} {r["user"] + r["system"]:.3f}')
EOF
)
  fi
  # /usr/bin/time gives peak RSS (and the timings when hyperfine is missing).
  local walls=() cpus=() max_rss=0 i
  local n=$runs
  [[ $have_hyperfine == 1 ]] && n=1
  [[ $have_hyperfine == 0 ]] && { bash -c "$prepare"; bash -c "$cmd" >/dev/null 2>&1; }
  for ((i = 0; i < n; i++)); do
    bash -c "$prepare"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" bash -c "exec $cmd" >/dev/null 2>"$work/stderr.txt" ||
      { echo "run.sh: '$cmd' failed:" >&2; cat "$work/stderr.txt" >&2; exit 1; }
    local t_wall t_user t_sys t_rss
    read -r t_wall t_user t_sys t_rss <"$work/time.txt"
    walls+=("$t_wall")
    cpus+=("$(awk -v u="$t_user" -v s="$t_sys" 'BEGIN{printf "%.2f", u+s}')")
    ((t_rss > max_rss)) && max_rss=$t_rss
  done
  if [[ $have_hyperfine == 0 ]]; then
    wall=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  fi
  rss=$(awk -v k="$max_rss" 'BEGIN{printf "%.1f", k/1024}')
  local verdict="-"
  if [[ $target_s != - ]]; then
    verdict=$(awk -v w="$wall" -v c="$cpu" -v t="$target_s" 'BEGIN{
      if (w <= t) print "ok"; else if (c <= t) print "ok(cpu)"; else print "MISS"}')
  fi
  if [[ $target_mb != - ]]; then
    verdict+=$(awk -v r="$rss" -v t="$target_mb" 'BEGIN{ if (r <= t) print ",rss ok"; else print ",RSS MISS"}')
  fi
  local target=""
  [[ $target_s != - ]] && target="< $target_s s"
  [[ $target_mb != - ]] && target+="${target:+, }< $target_mb MB"
  verdict=${verdict#-,}
  rows+=("$name|$size|$wall|$cpu|$rss|${target:--}|$verdict")
}

# ---- store ----
store="$work/store"
"$gen_store" --records "$records" --out "$store" >&2
store_bytes=$(stat -c %s "$store/session-records.jsonl")
store_size="$records rec, $(awk -v b="$store_bytes" 'BEGIN{printf "%.1f MB", b/1e6}')"
gs="${pin[*]} $exe --sessions-dir $store"
measure "stats --since all --json" "$store_size" 1 - : "$gs stats --since all --json"
measure "query --json" "$store_size" 1 - : "$gs query --json"
measure "query --model sonnet" "$store_size" 1 - : "$gs query --model sonnet"
measure "query --model sonnet --json" "$store_size" 1 - : "$gs query --model sonnet --json"
measure "runs --since all --json" "$store_size" - - : "$gs runs --since all --json"

# ---- trajectories: discover / sync ----
sync_note=""
if [[ $store_only == 1 ]]; then
  sync_note="sync/discover skipped (--store-only)"
elif [[ ! -x $gen_traj ]]; then
  sync_note="sync/discover skipped: gen_trajectories not built"
elif ! "$exe" sync --help >/dev/null 2>&1; then
  sync_note="sync/discover skipped: this gptme-sessions has no 'sync' command"
elif ! "$exe" plugins list 2>/dev/null | grep -q harness-claude-code; then
  sync_note="sync/discover skipped: harness-claude-code plugin not loaded (build it)"
else
  "$gen_traj" --home "$HOME" --force --cc-sessions "$cc_sessions" --cc-subagents "$cc_subagents" \
    --cc-stubs "$cc_stubs" --cc-mb "$cc_mb" --gptme-sessions "$gptme_sessions" \
    --gptme-mb "$gptme_mb" >&2
  cc_root="$HOME/.claude/projects"
  cc_files=$(find "$cc_root" -type f -name '*.jsonl' | wc -l)
  cc_bytes=$(find "$cc_root" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  cc_size="$cc_files files, $(awk -v b="$cc_bytes" 'BEGIN{printf "%.1f MB", b/1e6}')"
  logs="$HOME/.local/share/gptme/logs"
  all_files=$((cc_files + $(find "$logs" -type f | wc -l)))
  all_bytes=$((cc_bytes + $(find "$logs" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')))
  all_size="$all_files files, $(awk -v b="$all_bytes" 'BEGIN{printf "%.1f MB", b/1e6}')"
  sessions_dir="$work/synced"
  g="$exe --sessions-dir $sessions_dir"
  fresh="rm -rf $sessions_dir"
  measure "sync --signals (cold, claude-code)" "$cc_size" 0.5 100 "$fresh" \
    "$g sync --signals --since 30d --harness claude-code"
  measure "sync --signals (cold, all)" "$all_size" - 100 "$fresh" "$g sync --signals --since 30d"
  # Warm: the store already holds every session and nothing changed on disk.
  bash -c "$fresh" && $g sync --signals --since 30d >/dev/null 2>&1
  measure "sync --signals (warm, no change, claude-code)" "$cc_size" 0.05 100 : \
    "$g sync --signals --since 30d --harness claude-code"
  measure "sync --signals (warm, no change)" "$all_size" 0.05 100 : "$g sync --signals --since 30d"
  measure "sync (warm, no change)" "$all_size" 0.05 100 : "$g sync --since 30d"
  measure "discover" "$all_size" - 100 : "$g discover --since 30d"
  measure "discover --signals" "$all_size" - 100 : "$g discover --since 30d --signals"
fi

load_after=$(cut -d' ' -f1 /proc/loadavg)
echo
echo "gptme-sessions bench  $(date -u +%Y-%m-%dT%H:%MZ)  $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "machine: $ncpu x ${cpu_model:-?}, $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo); load avg $load_before -> $load_after"
echo "timing: $([[ $have_hyperfine == 1 ]] && echo "hyperfine, median of $runs runs after 1 warm-up" || echo "/usr/bin/time, median of $runs runs after 1 warm-up"); store commands pinned to one core (${pin[*]:-no taskset})"
echo
{
  echo "benchmark|data|wall s|cpu s|peak RSS MB|target|verdict"
  printf '%s\n' "${rows[@]}"
} | column -t -s '|'
[[ -n $sync_note ]] && echo && echo "$sync_note"
if awk -v l="$load_before" -v n="$ncpu" 'BEGIN{exit !(l > n / 2)}'; then
  echo
  echo "note: the machine was busy (load $load_before on $ncpu cores); wall times are inflated,"
  echo "      cpu s (user+sys) is the better figure. 'ok(cpu)' = target met in CPU time only."
fi

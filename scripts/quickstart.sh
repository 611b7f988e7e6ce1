#!/usr/bin/env bash
# Quick start: install what is missing, build in Release, then run the main job (the default
# statistics view over the default store). Extra arguments are passed to gptme-sessions.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
exec build/release/bin/gptme-sessions "$@"

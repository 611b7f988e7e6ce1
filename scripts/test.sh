#!/usr/bin/env bash
# The whole test suite: install what is missing, configure once (warnings as errors), build
# with both cores, run every test. The last line printed is ctest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci

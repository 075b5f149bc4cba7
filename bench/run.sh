#!/usr/bin/env bash
# One command: install the tools (nginx, wrk, the LiteLLM proxy), build the release binary,
# run every scenario and write bench/results/<date>.md.
#
#   bench/run.sh [--skip-litellm] [--duration 10s] [--concurrency 1,8,64,256]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq nginx wrk >/dev/null
fi

skip_litellm=false
for arg in "$@"; do [ "$arg" = "--skip-litellm" ] && skip_litellm=true; done
if ! $skip_litellm && [ ! -x .build/bench-venv/bin/litellm ]; then
    python3 -m venv .build/bench-venv
    .build/bench-venv/bin/pip install -q 'litellm[proxy]==1.108.7'
fi

swift build -c release --product switchyard
python3 bench/bench.py --binary "$(swift build -c release --show-bin-path)/switchyard" "$@"

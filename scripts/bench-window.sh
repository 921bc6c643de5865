#!/usr/bin/env bash
# Runs tests/e2e/bench/window.bench.mjs under a virtual X server and a private D-Bus session,
# with a throwaway HOME, as the end-to-end tests do. `make bench-window` builds first.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HOME=$scratch XDG_RUNTIME_DIR=$scratch/run TZ=UTC
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
dbus-run-session -- xvfb-run -a --server-args="-screen 0 1280x900x24" \
  timeout --kill-after=30s 15m node tests/e2e/bench/window.bench.mjs

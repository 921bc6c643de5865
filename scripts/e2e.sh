#!/usr/bin/env bash
# Runs the end-to-end tests: the built window under a virtual X server, inside a private D-Bus
# session (so the OS keyring the app may use is a throwaway one), driven through tauri-driver.
set -euo pipefail
cd "$(dirname "$0")/.."
# ATTUNE_BUILD=release drives the release build (the one `make package` packs), as CI does.
build=${ATTUNE_BUILD:-debug}
for bin in target/$build/attune-desktop target/$build/attune; do
  [ -x "$bin" ] || { echo "$bin is missing: run 'make build' (or 'make package') first" >&2; exit 1; }
done
export ATTUNE_APP=$PWD/target/$build/attune-desktop ATTUNE_CLI=$PWD/target/$build/attune
rm -rf test-output/e2e
# Services that D-Bus starts for the app (the Secret Service keyring) inherit this environment:
# keep them out of the real home folder too.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HOME=$scratch XDG_DATA_HOME=$scratch/data XDG_CACHE_HOME=$scratch/cache XDG_CONFIG_HOME=$scratch/config
export XDG_RUNTIME_DIR=$scratch/run
# The computer's clock zone unlike every practice's (the tests' practices are in Phoenix), so
# a time read or shown in the computer's zone instead of the practice's is caught.
export TZ=UTC
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# A hung window must fail the run, not hold CI until its own limit.
dbus-run-session -- xvfb-run -a --server-args="-screen 0 1280x900x24" \
  timeout --kill-after=30s 20m node --test --test-concurrency=1 ${E2E_ONLY:-tests/e2e/}

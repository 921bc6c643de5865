#!/usr/bin/env bash
# The fault findings of issue #17, each shown failing on the command line from before its fix
# and passing on this one: builds `attune` at BEFORE (default: the commit before the fixes) in a
# worktree of its own, runs tests/faults.rs against it (ATTUNE_CLI) and then against this
# build, and prints one line per test: before, after. Then a short crash-trial run against the
# old build. The old build is kept under target/before (a second run rebuilds nothing); the
# logs of both runs are left in test-output/faults-before.log and faults-after.log.
#
# Usage: scripts/faults-before-after.sh [BEFORE] [CRASH_TRIALS_PER_COMMAND]
set -euo pipefail
cd "$(dirname "$0")/.."
before="${1:-3eca443^}"
per_command="${2:-6}"
src="$PWD/target/before-src"
out="$PWD/test-output"
mkdir -p "$out"
trap 'git worktree remove --force "$src" >/dev/null 2>&1 || true' EXIT
git worktree remove --force "$src" >/dev/null 2>&1 || true
git worktree add --detach "$src" "$before" >/dev/null
echo "==> building attune at $(git -C "$src" log --oneline -1)"
# Without LTO: the fault behaviour does not depend on it, and the build is minutes shorter.
CARGO_TARGET_DIR="$PWD/target/before" CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo build --quiet --release --manifest-path "$src/Cargo.toml" -p attune --bin attune
old="$PWD/target/before/release/attune"

results() {
    # One line per test: its name and PASS or FAIL, from nextest's summary lines.
    sed -n -E 's/^ *(PASS|FAIL|TIMEOUT|SIG[A-Z]+) +\[[^]]*\] +(\([0-9/]+\) +)?attune::faults +(.*)$/\3 \1/p' \
        "$1" | sort -u
}
echo "==> tests/faults.rs against the old command line"
ATTUNE_CLI="$old" cargo nextest run -p attune --test faults --no-fail-fast \
    >"$out/faults-before.log" 2>&1 || true
echo "==> tests/faults.rs against this one"
cargo nextest run -p attune --test faults --no-fail-fast >"$out/faults-after.log" 2>&1 || true
echo
printf '%-62s %-7s %s\n' "test (tests/faults.rs)" before after
join <(results "$out/faults-before.log") <(results "$out/faults-after.log") |
    while read -r name b a; do printf '%-62s %-7s %s\n' "$name" "$b" "$a"; done

echo
echo "==> crash trials against the old command line ($per_command per command)"
python3 scripts/crash_test.py --attune "$old" --per-command "$per_command" || true

# Attune: `make run` opens the app, `make test` runs every test. Both install what they need
# first (Debian packages through apt when run as root or with sudo, npm packages, tauri-driver).
SHELL := /bin/bash
.DEFAULT_GOAL := help
CARGO ?= cargo

.PHONY: help deps ui build run test lint on-the-package test-core test-ui test-e2e test-e2e-release test-package test-crash crash-test release package bench bench-window

help:
	@echo "make run      build and open the Attune window (your vault: ~/.local/share/attune)"
	@echo "make test     every test: formatting, lints, core, front end, end to end"
	@echo "make release  optimised build of the window and the command line"
	@echo "make package  the Debian package target/attune_VERSION_amd64.deb (apt install ./target/attune_*.deb)"
	@echo "make bench    backup/restore against age, search, superbill PDFs, the dashboard (criterion)"
	@echo "make bench-window  the release window's start and idle memory beside an empty Tauri window"
	@echo "make crash-test    the writing commands killed at every kind of system call, 510 trials"

deps:
	@./scripts/deps.sh

# The window embeds ui/dist at compile time, so the front end is built before the shell.
ui: deps
	cd ui && npm run build

build: ui
	$(CARGO) build -p attune -p attune-desktop --bins

# DEMO=1: a demo practice in a temporary folder, opened in the window (its passphrase printed).
run: build
ifeq ($(DEMO),1)
	@demo=$$(mktemp -d); pass="demo practice $$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')"; \
	  ATTUNE_PASSPHRASE="$$pass" ./target/debug/attune --vault "$$demo/attune" demo && \
	  echo "Demo passphrase: $$pass" && \
	  XDG_DATA_HOME="$$demo" ./target/debug/attune-desktop
else
	./target/debug/attune-desktop
endif

lint: ui
	@echo "==> $$(date -u +%T) lint"
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	cd ui && npm run check && npm run lint

# nextest runs every test in its own process, on every core at once (cargo test runs one test
# binary after another: the ten-year round trip alone would leave a core idle for minutes).
test-core: deps
	$(CARGO) nextest run -p attune --no-fail-fast

test-ui: deps
	cd ui && npm test

test-e2e: build
	./scripts/e2e.sh

# The end-to-end run drives the release build that the package packs (one window build, not
# two); the package is then installed, driven and removed. The release build runs alone (it is
# the longest compile), then the core's tests run beside the end-to-end steps, which mostly
# wait on the window while the tests mostly compute; each target's output is kept together.
test: lint test-ui
	@echo "==> $$(date -u +%T) the release build and its package"
	$(MAKE) package
	@echo "==> $$(date -u +%T) core tests beside the end-to-end steps"
	$(MAKE) -j2 --output-sync=target test-core on-the-package
	@echo "==> $$(date -u +%T) every test passed"

# What runs on the package `make package` made, without making it again (which would bundle and
# compress anew): the window end to end, the package installed and driven, crash trials.
on-the-package:
	@echo "==> $$(date -u +%T) end to end on the release build"
	ATTUNE_BUILD=release ./scripts/e2e.sh
	@echo "==> $$(date -u +%T) the package installed and driven"
	./scripts/package-check.sh
	@echo "==> $$(date -u +%T) crash trials"
	$(CRASH_TRIALS) --per-command 2

test-e2e-release: package
	ATTUNE_BUILD=release ./scripts/e2e.sh

release: ui
	$(CARGO) build --release -p attune -p attune-desktop --features attune-desktop/custom-protocol

# One cargo run builds the release window and command line together (their shared crates are
# compiled once); Tauri's bundler (npm @tauri-apps/cli, `tauri bundle`) packs the window with the
# command line (/usr/bin/attune), the icon and the desktop entry. Its .deb is gzip-compressed
# (not configurable: tauri-apps/tauri#9846); repacked with xz, as Debian's own packages are, it
# is nearly half the size (11.9 MB to 6.5 MB here). Named as Debian names packages.
package: ui
	$(CARGO) build --release -p attune -p attune-desktop --features attune-desktop/custom-protocol
	cd src-tauri && ../ui/node_modules/.bin/tauri bundle --bundles deb --features custom-protocol
	./scripts/repack-deb.sh

test-package: package
	./scripts/package-check.sh

# Crash trials on the release command line: each writing command killed at its system calls
# (strace -e inject) and at random moments, then checked. CI runs two per command; the full
# run (six commands, 85 trials each) is `make crash-test`.
CRASH_TRIALS := python3 scripts/crash_test.py --attune target/release/attune

test-crash: package
	$(CRASH_TRIALS) --per-command 2

crash-test: deps
	$(CARGO) build --release -p attune
	$(CRASH_TRIALS) --per-command 85

bench: deps
	$(CARGO) bench --bench backup --bench search --bench typing --bench chart --bench cipher --bench growth --bench superbill --bench dashboard

# The release window beside an empty Tauri 2 window built here (benches/empty-window), under Xvfb.
# The window measured is the one the package holds (Tauri's bundler builds it with the
# custom-protocol feature); the empty window is built the same way.
bench-window: package
	$(CARGO) build --release -p attune-empty-window --features tauri/custom-protocol
	./scripts/bench-window.sh

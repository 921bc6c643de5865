#!/usr/bin/env bash
# Installs everything Attune needs to build, run and test on a fresh Debian 12 / Ubuntu machine.
# Idempotent: each step is skipped when what it installs is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  libwebkit2gtk-4.1-dev build-essential pkg-config libssl-dev
  xvfb xauth webkit2gtk-driver dbus-x11 dbus-bin gnome-keyring xdotool
  age expect poppler-utils fonts-dejavu-core imagemagick sqlite3
  python3-venv python3-icalendar strace qpdf
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "Missing Debian packages: ${missing[*]}" >&2
      echo "Run as root: apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
  echo "==> apt-get install ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! cargo nextest --version >/dev/null 2>&1; then
  echo "==> cargo install cargo-nextest"
  cargo install cargo-nextest --locked
fi

if ! command -v tauri-driver >/dev/null; then
  echo "==> cargo install tauri-driver"
  cargo install tauri-driver --locked --version '^2'
fi

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sqlcipher3' 2>/dev/null; then
  echo "==> python venv with sqlcipher3 (independent SQLCipher 4 for the interop test)"
  python3 -m venv .venv
  .venv/bin/pip install -q 'sqlcipher3==0.6.4'
fi

if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "==> npm ci (ui)"
  (cd ui && npm ci --no-audit --no-fund)
fi
if [ ! -d tests/e2e/node_modules ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
  if [ -f tests/e2e/package-lock.json ]; then
    echo "==> npm ci (tests/e2e)"
    (cd tests/e2e && npm ci --no-audit --no-fund)
  fi
fi

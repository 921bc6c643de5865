#!/usr/bin/env bash
# Installs the .deb as she would (apt-get install ./attune_*.deb), checks what it put where,
# drives the installed window under Xvfb, and removes the package again, whatever happened.
set -euo pipefail
cd "$(dirname "$0")/.."
debs=(target/attune_*_amd64.deb)
deb=${debs[0]}
[ -f "$deb" ] || { echo "no .deb in target/: run 'make package' first" >&2; exit 1; }
size=$(stat -c %s "$deb")
echo "==> $deb: $((size / 1024)) KiB"
((size < 10 * 1024 * 1024)) || { echo "the .deb is over 10 MB" >&2; exit 1; }

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
fields=$(dpkg-deb --field "$deb" Package Depends)
echo "$fields"
grep -q '^Package: attune$' <<<"$fields" || { echo "the package is not named attune" >&2; exit 1; }
depends=$(sed -n 's/^Depends: //p' <<<"$fields" | tr ',' '\n' | sed 's/^ *//; s/ .*//')
for dep in libwebkit2gtk-4.1-0 libgtk-3-0; do
  [ "$(grep -cx "$dep" <<<"$depends")" -eq 1 ] || { echo "Depends must name $dep once: $depends" >&2; exit 1; }
done

DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "./$deb"
trap 'DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq attune' EXIT
for f in /usr/bin/attune /usr/bin/attune-desktop; do
  [ -x "$f" ] || { echo "$f was not installed" >&2; exit 1; }
done
entry=$(dpkg -L attune | grep '^/usr/share/applications/.*\.desktop$') || { echo "no desktop entry" >&2; exit 1; }
# The window is started as the applications menu starts it: the entry's Exec command.
app=$(command -v "$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$entry")") || { echo "the desktop entry's command is not on the PATH" >&2; exit 1; }
dpkg -L attune | grep -q '^/usr/share/icons/' || { echo "no icon" >&2; exit 1; }
/usr/bin/attune --version

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"; DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq attune' EXIT
export HOME=$scratch XDG_RUNTIME_DIR=$scratch/run TZ=UTC
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
ATTUNE_APP=$app ATTUNE_CLI=/usr/bin/attune \
  dbus-run-session -- xvfb-run -a --server-args="-screen 0 1280x900x24" \
  timeout --kill-after=30s 5m node --test --test-concurrency=1 tests/e2e/installed/package.check.mjs

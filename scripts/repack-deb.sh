#!/usr/bin/env bash
# Repacks the .deb Tauri's bundler made (gzip) with xz, as target/attune_VERSION_amd64.deb.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
bundled=target/release/bundle/deb/Attune_${version}_amd64.deb
out=target/attune_${version}_amd64.deb
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
dpkg-deb --raw-extract "$bundled" "$tree/pkg"
dpkg-deb --root-owner-group -Zxz -z9 --build "$tree/pkg" "$out" >/dev/null
echo "$bundled: $(stat -c %s "$bundled") bytes (gzip)"
echo "$out: $(stat -c %s "$out") bytes (xz)"

#!/usr/bin/env bash
# Renders the conformance matrix (target/conformance/report.html, written
# by `cargo xtask conformance --impl all`) in headless Chromium and checks
# that a real page came out. Installs Debian's chromium when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
page=target/conformance/report.html
[ -s "$page" ] || { echo "html check: $page is missing" >&2; exit 1; }
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null
fi
out=target/conformance/report.png
profile=$(mktemp -d)
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --window-size=1500,1400 --screenshot="$out" "file://$PWD/$page" >/dev/null 2>&1
rm -rf "$profile"
size=$(stat -c %s "$out")
# A blank 1500x1400 page compresses to a few KiB; the matrix is far larger.
if [ "$size" -lt 40000 ]; then
  echo "html check: $out is only $size bytes: the page did not render" >&2
  exit 1
fi
echo "html check: rendered $page to $out ($size bytes)"

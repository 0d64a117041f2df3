#!/usr/bin/env bash
# Renders the conformance matrix (target/conformance/report.html, written
# by `cargo xtask conformance --impl all`) in headless Chromium and checks
# that a real page came out. Installs Debian's chromium when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
page=${1:-target/conformance/report.html}
[ -s "$page" ] || { echo "html check: $page is missing" >&2; exit 1; }
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null
fi
out=${page%.html}.png
profile=$(mktemp -d)
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --window-size=1500,1400 --screenshot="$out" "file://$(realpath "$page")" >/dev/null 2>&1
rm -rf "$profile"
size=$(stat -c %s "$out")
# A blank 1500x1400 page compresses to a few KiB; the matrix is far larger.
if [ "$size" -lt 40000 ]; then
  echo "html check: $out is only $size bytes: the page did not render" >&2
  exit 1
fi
echo "html check: rendered $page to $out ($size bytes)"

# The impact filter (report.html#impact=<impact> applies it on load, as the
# select does): after the scripts ran, every case row of another impact is
# hidden (class "off") and the forgery rows are not.
profile=$(mktemp -d)
dom=$(timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --dump-dom "file://$(realpath "$page")#impact=forgery" 2>/dev/null)
rm -rf "$profile"
shown=$(grep -o '<tr class="[a-z]*" data-impact="forgery"' <<<"$dom" | wc -l)
hidden=$(grep -o '<tr class="[a-z]* off" data-impact="[a-z-]*"' <<<"$dom" | wc -l)
leaked=$(grep -o '<tr class="[a-z]*" data-impact="[a-z-]*"' <<<"$dom" | grep -vc 'data-impact="forgery"' || true)
if [ "$shown" -eq 0 ] || [ "$hidden" -eq 0 ] || [ "$leaked" -ne 0 ]; then
  echo "html check: the impact filter did not apply: $shown forgery rows shown, $hidden rows hidden, $leaked other rows shown" >&2
  exit 1
fi
echo "html check: the impact filter shows $shown forgery rows and hides $hidden others"

#!/usr/bin/env bash
# Fuzz smoke test on stable Rust (no sanitizer, `-s none`): builds every
# cargo-fuzz target and runs each from the seed corpus with the dictionary,
# FUZZ_SMOKE_SECS seconds each (default 40; 3 targets ≈ 2 minutes of
# fuzzing). Fails on any crash; the crash input is left in
# fuzz/artifacts/<target>/ and printed by libFuzzer.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${FUZZ_SMOKE_SECS:-40}"

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

cargo xtask fuzz seed
cargo fuzz build -s none --fuzz-dir fuzz
for target in parse verify vectors_load differential; do
  echo "--- fuzz smoke: $target (${secs}s)"
  # --scratch: the committed corpus is read, never grown.
  cargo xtask fuzz run "$target" --time "$secs" --scratch
done
echo "fuzz smoke: 4 targets ran ${secs}s each without a crash"

#!/usr/bin/env bash
# Fuzz smoke test on stable Rust (no sanitizer, `-s none`): builds every
# cargo-fuzz target and runs each from the seed corpus with the dictionary,
# FUZZ_SMOKE_SECS seconds each (default 40; 4 targets ≈ 3 minutes of
# fuzzing). Fails on any crash of the reference or the loader; the crash
# input is left in fuzz/artifacts/<target>/ and printed by libFuzzer.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${FUZZ_SMOKE_SECS:-40}"

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

cargo xtask fuzz seed
cargo fuzz build -s none --fuzz-dir fuzz
for target in parse verify vectors_load; do
  echo "--- fuzz smoke: $target (${secs}s)"
  # --scratch: the committed corpus is read, never grown.
  cargo xtask fuzz run "$target" --time "$secs" --scratch
done

# `differential` also runs the third-party libraries: a disagreement their
# expectations do not list yet is a finding about a library (to promote,
# see fuzz/README.md), which a random 40-second run may or may not hit. So
# it keeps going past findings, and afterwards each new artifact is
# replayed: a library finding is reported, anything else (a panic in the
# reference, a backend disagreement) fails CI.
echo "--- fuzz smoke: differential (${secs}s, --keep-going)"
before=$(mktemp)
ls fuzz/artifacts/differential/ 2>/dev/null | sort > "$before" || true
cargo xtask fuzz run differential --time "$secs" --scratch --keep-going || true
status=0
for f in $(ls fuzz/artifacts/differential/ 2>/dev/null | sort | comm -13 "$before" -); do
  out=$(cargo test -q -p jwtproof-fuzzing --test replay -- "differential/artifacts/$f" 2>&1 || true)
  if grep -q "differential finding" <<<"$out"; then
    echo "fuzz smoke: library finding (not a CI failure; promote it): fuzz/artifacts/differential/$f"
    grep -E "^  [a-z_-]+: " <<<"$out" | head -3
  elif grep -q "test result: ok" <<<"$out"; then
    echo "fuzz smoke: fuzz/artifacts/differential/$f replays clean (a known class)"
  else
    echo "fuzz smoke: differential artifact $f is NOT a library finding:"
    echo "$out" | tail -30
    status=1
  fi
done
rm -f "$before"
[ "$status" -eq 0 ] || exit 1
echo "fuzz smoke: 4 targets ran ${secs}s each; no crash in the reference or the loader"

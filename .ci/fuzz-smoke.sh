#!/usr/bin/env bash
# Fuzz smoke test on stable Rust (no sanitizer, `-s none`): builds every
# cargo-fuzz target and runs each from the seed corpus with the dictionary,
# FUZZ_SMOKE_SECS seconds each (default 40; 4 targets ≈ 3 minutes of
# fuzzing). Fails on any crash of the reference or the loader, and on any
# slowness of theirs: libFuzzer's limits (-max_len, -timeout,
# -report_slow_units) come from fuzz/options/<target>.options through
# `cargo xtask fuzz run` (fuzz/README.md, "Slowness"). The input is left in
# fuzz/artifacts/<target>/ and printed by libFuzzer.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${FUZZ_SMOKE_SECS:-40}"

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

cargo xtask fuzz seed
cargo fuzz build -s none --fuzz-dir fuzz
bin="fuzz/target/$(rustc -vV | sed -n 's/^host: //p')/release"

# The value of setting $2 of target $1.
opt() { sed -n "s/^$2 *= *\([0-9]*\)\$/\1/p" "fuzz/options/$1.options"; }
# Runs target $1's binary once on file $2 with -timeout=$3: fails when the
# input still takes $3 seconds or more (a re-measurement, not host noise).
within() { "$bin/$1" -timeout="$3" -runs=1 "$2" >/dev/null 2>&1; }
# (A target may have no artifacts directory yet: that is an empty list, not
# a failure under pipefail.)
artifacts() { { ls "fuzz/artifacts/$1/" 2>/dev/null || true; } | sort; }

status=0

# Committed timeout artifacts (kept by fuzz/.gitignore once fixed) must stay
# within their target's timeout in this very build (cargo test replays them
# too, with a margin for unoptimized builds).
for target in parse verify vectors_load differential; do
  for f in fuzz/artifacts/"$target"/timeout-*; do
    [ -e "$f" ] || continue
    if within "$target" "$f" "$(opt "$target" timeout)"; then
      echo "fuzz smoke: $f stays within the ${target} timeout"
    else
      echo "fuzz smoke: $f is over the $target timeout again"
      status=1
    fi
  done
done

for target in parse verify vectors_load; do
  echo "--- fuzz smoke: $target (${secs}s)"
  before=$(artifacts "$target")
  # --scratch: the committed corpus is read, never grown. A crash or a
  # timeout stops the run and fails here.
  cargo xtask fuzz run "$target" --time "$secs" --scratch
  # A slow unit (over report_slow_units, under the timeout) fails when it
  # is slow again when run alone.
  for f in $(comm -13 <(echo "$before") <(artifacts "$target") | grep '^slow-unit-' || true); do
    if within "$target" "fuzz/artifacts/$target/$f" "$(opt "$target" report_slow_units)"; then
      echo "fuzz smoke: fuzz/artifacts/$target/$f was slow once, not when run again (host noise)"
    else
      echo "fuzz smoke: fuzz/artifacts/$target/$f is slow (over $(opt "$target" report_slow_units) s, run again alone)"
      status=1
    fi
  done
done

# `differential` also runs the third-party libraries: a disagreement their
# expectations do not list yet is a finding about a library (to promote,
# see fuzz/README.md), which a random 40-second run may or may not hit. So
# it keeps going past findings, and afterwards each new artifact is
# replayed: a library finding is reported, anything else (a panic in the
# reference, a backend disagreement) fails CI. A timeout or slow unit is a
# library's when the reference alone (the `verify` target, same input
# layout) stays within verify's timeout on it; else the reference's.
echo "--- fuzz smoke: differential (${secs}s, --keep-going)"
before=$(artifacts differential)
cargo xtask fuzz run differential --time "$secs" --scratch --keep-going || true
for f in $(comm -13 <(echo "$before") <(artifacts differential)); do
  case "$f" in
    timeout-* | slow-unit-*)
      if within verify "fuzz/artifacts/differential/$f" "$(opt verify timeout)"; then
        echo "fuzz smoke: a library is slow (not a CI failure; promote it): fuzz/artifacts/differential/$f"
      else
        echo "fuzz smoke: the reference is slow on fuzz/artifacts/differential/$f (over the verify timeout)"
        status=1
      fi
      continue
      ;;
  esac
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
[ "$status" -eq 0 ] || exit 1
echo "fuzz smoke: 4 targets ran ${secs}s each; no crash and no slowness in the reference or the loader"

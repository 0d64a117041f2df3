#!/bin/bash -eu
# Builds the cargo-fuzz targets for ClusterFuzzLite. The base-builder-rust
# image runs nightly with the sanitizer of $SANITIZER (its cargo wrapper
# passes the flags), so this is the ASan build that stable cannot make.
cd "$SRC/jwtproof"
cargo fuzz build -O --fuzz-dir fuzz
release=fuzz/target/x86_64-unknown-linux-gnu/release
for target in parse verify vectors_load differential; do
  cp "$release/$target" "$OUT/"
  # Seed corpus and dictionary: OSS-Fuzz picks up <target>_seed_corpus.zip
  # and <target>.dict next to the binary.
  if [ -d "fuzz/corpus/$target" ]; then
    (cd "fuzz/corpus/$target" && zip -q -r "$OUT/${target}_seed_corpus.zip" .)
  fi
  cp fuzz/jwt.dict "$OUT/$target.dict"
  # Per-target libFuzzer limits (max_len, timeout, report_slow_units):
  # OSS-Fuzz reads <target>.options next to the binary (fuzz/README.md,
  # "Slowness"); its dict= line points at the dictionary above.
  { cat "fuzz/options/$target.options"; echo "dict = $target.dict"; } > "$OUT/$target.options"
done

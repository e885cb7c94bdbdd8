#!/usr/bin/env bash
# Runs every cargo-fuzz target (or the ones named) for SECONDS each (default 30).
#   scripts/fuzz.sh                 # all targets, 30 s each
#   FUZZ_SECONDS=600 scripts/fuzz.sh json_snapshot
# Uses stable Rust without sanitizers (-s none); with a nightly toolchain, set FUZZ_SANITIZER=address.
# A crash leaves its input in core/fuzz/artifacts/<target>/; copy it to core/fuzz/seeds/<target>/
# and to tests/bad_inputs/ as a regression case once fixed.
set -euo pipefail
cd "$(dirname "$0")/../core/fuzz"
SECONDS_EACH=${FUZZ_SECONDS:-30}
SAN=${FUZZ_SANITIZER:-none}
TOOLCHAIN=()
if [ "$SAN" != none ]; then TOOLCHAIN=(+nightly); fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --version 0.13.2
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then mapfile -t targets < <(cargo "${TOOLCHAIN[@]}" fuzz list); fi
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  if [ -d "seeds/$t" ]; then cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true; fi
  echo "== fuzz $t for ${SECONDS_EACH}s"
  cargo "${TOOLCHAIN[@]}" fuzz run -s "$SAN" "$t" -- -max_total_time="$SECONDS_EACH" 2>&1 | grep -E '^(Done|==|INFO: Running|SUMMARY)|panicked|ERROR' || true
  # a crash makes cargo fuzz exit non-zero and leaves an artifact
  if compgen -G "artifacts/$t/crash-*" >/dev/null; then echo "fuzz target $t crashed: see core/fuzz/artifacts/$t"; exit 1; fi
done

#!/usr/bin/env bash
# Fuzzes every importer and format detection (tests/fuzz.rs) for SECONDS (default 60),
# shared evenly between the targets, and prints the executions per target. A failing input
# (a panic, or one input over 2 s) is saved under target/fuzz-failures/ and named with its
# seed; FUZZ_SEED=N starts another random sequence. Runs in the test profile (debug
# assertions and overflow checks on), the same build `cargo test` uses.
#   scripts/fuzz.sh          # one minute
#   scripts/fuzz.sh 600      # ten minutes
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
seconds="${1:-60}"
FUZZ_SECONDS="$seconds" cargo test --test fuzz -- --nocapture

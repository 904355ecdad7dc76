#!/usr/bin/env bash
# Runs every test: native (model, formats, tidy), the interchange compatibility suite (real
# Python consumers from PyPI), wasm component tests in headless Chromium, and end-to-end tests
# against the release build. Installs whatever is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
. scripts/env.sh

# Chromium started by chromedriver leaves folders in $TMPDIR; keep them where we clean up.
export TMPDIR="$PWD/.test-tmp"
rm -rf "$TMPDIR" && mkdir -p "$TMPDIR"
trap 'rm -rf "$TMPDIR"' EXIT

step() { printf '\n=== %s\n' "$*"; }

step "native tests (cargo test --all-targets)"
cargo test --all-targets

step "compatibility suite: exports loaded by spaCy, datasets, pybrat, pyld, jsonschema"
scripts/compat.sh

step "component tests in headless Chromium (wasm-bindgen-test)"
CHROMEDRIVER=/usr/bin/chromedriver \
WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/tests/webdriver.json" \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --test components --test wasm_formats

step "release build (trunk build --release)"
trunk build --release

step "end-to-end tests against dist/ in headless Chromium"
node --test --test-concurrency=1 tests/e2e/

echo
echo "all tests passed"

#!/usr/bin/env bash
# Runs every test: formatting and lints (rustfmt, clippy on both targets), native (model,
# formats, tidy), the interchange compatibility suite (real
# Python consumers from PyPI), wasm component tests in headless Chromium, and end-to-end tests
# against the release build. Installs whatever is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
. scripts/env.sh

# Chromium started by chromedriver leaves folders in $TMPDIR; keep them where we clean up.
export TMPDIR="$PWD/.test-tmp"
rm -rf "$TMPDIR" && mkdir -p "$TMPDIR"
trap 'rc=$?; rm -rf "$TMPDIR"; [ "$rc" = 0 ] || df -h . | sed "s/^/disk at exit: /"' EXIT

step() { printf '\n=== %s\n' "$*"; }

# Free disk where target/ grows: a linker killed by SIGBUS is how a full disk showed once.
df -h . | sed 's/^/disk: /'

step "format and lints (cargo fmt --check; cargo clippy -D warnings, native and wasm32)"
cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
# The criterion bench is native-only; everything else is linted for the wasm target too.
cargo clippy --lib --bins --tests --examples --target wasm32-unknown-unknown -- -D warnings

step "native tests (cargo test --all-targets)"
cargo test --all-targets

step "compatibility suite: exports loaded by spaCy, datasets, pybrat, pyld, jsonschema; annotate agree against scikit-learn, statsmodels, krippendorff, nervaluate, regex"
scripts/compat.sh

step "component tests in headless Chromium (wasm-bindgen-test)"
CHROMEDRIVER=/usr/bin/chromedriver \
WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/tests/webdriver.json" \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --test components --test panic_hook --test store --test review_components --test wasm_formats --test graphemes --test words

step "release build (trunk build --release)"
trunk build --release

step "shipped bytes (scripts/size.sh: first paint against the 225 KB gzipped budget of issue 13)"
# Fails when first paint grows past its ceiling (scripts/size-ceiling) while it is still over
# the budget, and past the budget once it is within.
scripts/size.sh

step "end-to-end tests against dist/ in headless Chromium"
# review.test.mjs runs the command line on the files it imports (compat.sh built it too).
cargo build -q --release --bin annotate
node --test --test-concurrency=1 tests/e2e/

echo
echo "all tests passed"

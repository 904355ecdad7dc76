#!/usr/bin/env bash
# Installs what building, serving and testing need, each piece only when it is missing or at
# the wrong version, from the package registries only (crates.io, npm, Debian, PyPI). Nothing
# downloads its own binaries: Trunk is told the exact tool versions and finds them on PATH.
#
#   scripts/setup.sh app     # Rust wasm target, Trunk, wasm-bindgen-cli, wasm-opt, wasm-split
#   scripts/setup.sh test    # the above, plus Chromium and ChromeDriver for browser tests
#
# Other scripts source scripts/env.sh for the PATH and settings this sets up.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
. scripts/lib.sh

want="${1:-app}"
TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock exactly.
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' Cargo.lock)




if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 17 minutes on 2 cores, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG_VERSION" ]; then
  say "installing wasm-bindgen-cli $WBG_VERSION (matches Cargo.lock)"
  # Not --locked: its lock file pins a webpki-roots the registry does not serve.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force
fi

if ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/esbuild ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (binaryen's wasm-opt; esbuild, which also minifies the page's JS glue; playwright-core and axe-core for tests; the two peers for the benchmark)"
  # Never let an npm package fetch a browser of its own.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

# wasm-split, which Binaryen's npm package leaves out: Debian 12's binaryen, unpacked into
# tools/binaryen so that its older wasm-opt never shadows npm's (scripts/split.sh).
BINARYEN_DEB=108-1
if [ ! -x tools/binaryen/usr/bin/wasm-split ]; then
  say "unpacking Debian's binaryen $BINARYEN_DEB into tools/binaryen (for wasm-split)"
  debs=$(mktemp -d)
  if ! (cd "$debs" && apt-get download -q "binaryen=$BINARYEN_DEB" >/dev/null 2>&1); then
    as_root apt-get update -qq
    (cd "$debs" && apt-get download -q "binaryen=$BINARYEN_DEB" >/dev/null)
  fi
  mkdir -p tools/binaryen
  dpkg -x "$debs"/binaryen_*.deb tools/binaryen
  rm -rf "$debs"
fi

if [ "$want" = test ]; then
  apt_install chromium chromium-driver
fi
say "ready ($want)"

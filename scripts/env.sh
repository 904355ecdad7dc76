# Sourced by the scripts: where the tools live, and settings that keep every tool offline.
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# Trunk would otherwise ask the internet for a newer version of itself.
export TRUNK_SKIP_VERSION_CHECK=true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# The wasm names no path of this machine: panic messages in the app name a dependency's file
# as `yew-0.23.0/src/…`, not `/home/someone/.cargo/registry/src/…/yew-0.23.0/src/…`, so the
# shipped bytes (and the size check) are the same wherever the build runs, and shorter.
# rustc takes the last prefix that matches: crates.io's directory, else any registry's.
_crates="${CARGO_HOME:-$HOME/.cargo}/registry/src"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=$_crates/= --remap-path-prefix=$_crates/index.crates.io-1949cf8c6b5b557f/="
unset _crates

#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml): minifies the page's JS glue with esbuild in release
# builds. Trunk's own minifier gives up on wasm-bindgen's `export default` and ships the glue
# as written (71 KB, 11 KB gzipped); the served app and the size check (scripts/size.sh) both
# read the minified file. The worker's glue is a classic script Trunk minifies itself.
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = release ] || exit 0
glue="$TRUNK_STAGING_DIR/article-annotator.js"
esbuild "$glue" --minify --log-level=warning --allow-overwrite --outfile="$glue"

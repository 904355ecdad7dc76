#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml), release builds only: minifies the page's JS glue,
# static/boot.js and the review page's review.css with esbuild, then splits the page's wasm
# (scripts/split.sh). Trunk's own minifier gives up on wasm-bindgen's `export default` and
# ships the glue as written (71 KB, 11 KB gzipped); the served app and the size check
# (scripts/size.sh) both read the minified files. The worker's glue is a classic script Trunk
# minifies itself.
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = release ] || exit 0
glue="$TRUNK_STAGING_DIR/article-annotator.js"
esbuild "$glue" --minify --log-level=warning --allow-overwrite --outfile="$glue"
esbuild "$TRUNK_STAGING_DIR/boot.js" --minify --log-level=warning --allow-overwrite \
  --outfile="$TRUNK_STAGING_DIR/boot.js"
# The review page's own CSS (a copied file, which Trunk does not minify).
esbuild "$TRUNK_STAGING_DIR/review.css" --minify --log-level=warning --allow-overwrite \
  --outfile="$TRUNK_STAGING_DIR/review.css"
# Then the page's wasm is split in two (scripts/split.sh); SPLIT_INSTRUMENT=1 makes it record
# which functions run instead (scripts/split-profile.sh).
if [ "${SPLIT_INSTRUMENT:-}" = 1 ]; then
  scripts/split.sh "$TRUNK_STAGING_DIR" --instrument
else
  scripts/split.sh "$TRUNK_STAGING_DIR"
fi

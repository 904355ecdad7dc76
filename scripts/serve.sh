#!/usr/bin/env bash
# Builds the app (release) and serves it at http://127.0.0.1:8080, installing what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app
. scripts/env.sh
exec trunk serve --release "$@"

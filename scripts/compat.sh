#!/usr/bin/env bash
# Compatibility suite: exports the fixture documents in every format through the real
# exporter code, then loads each file with the tool it is for (spaCy, Hugging Face datasets (with relations),
# pybrat, pyld, jsonschema); and checks `annotate agree` against the reference packages
# (scikit-learn, statsmodels, krippendorff, nervaluate, regex) on random cases, relation F1 and
# attribute kappa among them. Everything is
# installed from PyPI into .venv/ by this script. Offline apart from PyPI: nothing downloads
# a model, a dataset or a JSON-LD context.
#
#   scripts/compat.sh          # idempotent; installs only what is missing or changed
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
. scripts/lib.sh
SAY_AS=compat

started=$SECONDS

VENV=.venv
REQ=tests/compat/requirements.txt
CONSTRAINTS=tests/compat/constraints.txt
STAMP="$VENV/.compat-installed"

# A venv that no longer runs (its Python moved or was removed) is rebuilt.
if [ -e "$VENV" ] && ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
  say "removing a broken $VENV"
  rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
  # Debian's python3 lacks ensurepip until python3-venv is installed.
  if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    apt_install python3-venv
  fi
  say "creating $VENV with $(python3 --version)"
  python3 -m venv "$VENV"
fi

want=$(cat "$REQ" "$CONSTRAINTS" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
  say "installing the consumers from PyPI (pinned in $REQ and $CONSTRAINTS)"
  PIP_DISABLE_PIP_VERSION_CHECK=1 "$VENV/bin/pip" install -q -r "$REQ" -c "$CONSTRAINTS"
  echo "$want" > "$STAMP"
else
  say "consumers already installed in $VENV"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say "exporting the fixture documents in every format to $work/exports"
cargo run -q --example export_fixtures -- "$work/exports"
say "building the annotate command line"
cargo build -q --release --bin annotate
export ANNOTATE_BIN="$PWD/target/release/annotate"

# Hugging Face libraries must never reach for the hub; their caches stay in the temp folder.
export HF_DATASETS_OFFLINE=1 HF_HUB_OFFLINE=1 HF_HOME="$work/hf" EXPORT_DIR="$work/exports"
say "loading each export with its real consumer; annotate agree against the references; annotate convert --split in datasets"
"$VENV/bin/python" -m pytest -v -p no:cacheprovider tests/compat/test_consumers.py tests/compat/test_qualifiers.py tests/compat/test_agreement.py tests/compat/test_relation_agreement.py tests/compat/test_split.py
say "done in $((SECONDS - started))s"

# Shell helpers shared by the scripts (sourced, not run): messages and Debian installs.

# say MESSAGE…: one line of progress, prefixed with the script's name ($SAY_AS).
say() { printf '[%s] %s\n' "${SAY_AS:-setup}" "$*"; }

# as_root CMD…: runs a command as root (directly, or through sudo when there is one).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root to run: $*"; return 1; fi
}

# apt_install PACKAGE…: installs the Debian packages that are not installed yet.
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The wasm features of the page's module, for Binaryen's tools (scripts/split.sh).
BINARYEN_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-multivalue --enable-reference-types)

# wasm_split ARG…: Debian's wasm-split, unpacked into tools/binaryen by scripts/setup.sh.
wasm_split() {
  local root=tools/binaryen
  if [ ! -x "$root/usr/bin/wasm-split" ]; then
    say "$root/usr/bin/wasm-split is missing: run scripts/setup.sh app"
    return 2
  fi
  LD_LIBRARY_PATH="$root/usr/lib/x86_64-linux-gnu" "$root/usr/bin/wasm-split" "${BINARYEN_FEATURES[@]}" "$@"
}

#!/usr/bin/env bash
# Installs what building and testing yesif need, skipping whatever is already there:
#   rust    a C compiler (for the CLI's allocator), the wasm32-unknown-unknown target and the
#           wasm-bindgen CLI, at exactly the version Cargo.lock pins (the CLI and the crate must
#           match byte for byte in their ABI)
#   npm     www/node_modules from the committed lockfile (npm ci), when missing or stale
#   browser Debian's chromium and chromium-driver (for the wasm tests, browser tests, bench)
#
#   .ci/tools.sh rust npm [browser]
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# Installs Debian packages when running as root; otherwise says which, and for what.
#   apt_install "what they are for" package…
apt_install() {
  local why=$1; shift
  if [ "$(id -u)" = 0 ]; then
    say "installing Debian's $*"
    # Once per run: a fresh machine may need both a C compiler and Chromium.
    [ -n "${apt_updated:-}" ] || { DEBIAN_FRONTEND=noninteractive apt-get update -qq; apt_updated=1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    die "$why. As root, run:
    apt-get update && apt-get install -y $*
then run this command again."
  fi
}

# The version of the wasm-bindgen crate in Cargo.lock.
bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

rust_tools() {
  command -v cargo >/dev/null || die "cargo is not installed: see https://rustup.rs"
  # The CLI's allocator (mimalloc) is C, built by its crate with the system C compiler.
  command -v cc >/dev/null || apt_install "A C compiler is needed to build the CLI" gcc libc6-dev
  local libdir
  if ! libdir=$(rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null) || [ ! -d "$libdir" ]; then
    command -v rustup >/dev/null || die "the wasm32-unknown-unknown target is missing and there is no rustup to add it"
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  local want have
  want=$(bindgen_version)
  [ -n "$want" ] || die "Cargo.lock has no wasm-bindgen entry"
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ] || ! command -v wasm-bindgen-test-runner >/dev/null; then
    say "installing wasm-bindgen-cli $want (was: ${have:-none}); this takes a few minutes"
    cargo install -q wasm-bindgen-cli --version "=$want"
  fi
}

npm_tools() {
  command -v node >/dev/null || die "Node.js (20 or later) is not installed: apt-get install -y nodejs npm"
  # npm ci writes node_modules/.package-lock.json; older than the lockfile means stale.
  if [ ! -f www/node_modules/.package-lock.json ] || [ www/package-lock.json -nt www/node_modules/.package-lock.json ]; then
    say "installing npm packages from www/package-lock.json"
    npm ci --prefix www --no-audit --no-fund
  fi
}

browser_tools() {
  local chromium driver
  chromium=$(command -v chromium || true)
  driver=$(command -v chromedriver || true)
  if [ -z "$chromium" ] || [ -z "$driver" ]; then
    apt_install "Chromium and ChromeDriver are needed for the browser tests" chromium chromium-driver
  fi
}

for what in "$@"; do
  case "$what" in
    rust) rust_tools ;;
    npm) npm_tools ;;
    browser) browser_tools ;;
    *) die "unknown tool group: $what (rust, npm, browser)" ;;
  esac
done

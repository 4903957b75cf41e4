#!/usr/bin/env bash
# Builds the WebAssembly module and its JS glue into www/pkg/ (yesif.js, yesif_bg.wasm, yesif.d.ts),
# the widget's, and again with the `studio` feature into www/pkg-studio/, the playground's: the
# same engine plus `RuleSet.check`, `RuleSet.api` and `runCases`, which the widget never calls
# (10 KB brotli that every embedding page would otherwise download).
#
# `cargo rustc --crate-type cdylib` rather than `cargo build`: with the crate's two crate types
# (cdylib for wasm, rlib for the CLI and tests) cargo silently skips LTO, which costs about a
# fifth of the module's size. wasm-opt is not run: Debian's (108) emits modules that fail to
# load and npm's binaryen barely changes the compressed size (see docs/performance.md).
#
# `-inline-threshold=30` reaches the LTO step, where all the module's code is optimised at
# once: opt-level "z" inlines almost nothing (LLVM's threshold 25), and Rhai's interpreter loop
# pays for every call it does not inline. 50 was about 22 % faster for 11 KB brotli, until the
# hardening and the evidence helpers grew the module to 315 KB; 30 keeps it within its budget.
# The alternatives measured are in docs/performance.md ("How the module is built").
#
# `--experimental-reset-state-function` exports `__wbg_reset_state()` from the glue: it swaps in
# a fresh instance of the module after a trap, which www/yesif-check/recover.js relies on.
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target}

build() { # build FEATURES OUT_DIR
  cargo rustc -q --lib --crate-type cdylib --target wasm32-unknown-unknown --profile wasm \
    ${1:+--features "$1"} -- -C llvm-args=-inline-threshold=30
  wasm-bindgen --target web --out-dir "$2" --out-name yesif --remove-name-section \
    --experimental-reset-state-function \
    "$target_dir/wasm32-unknown-unknown/wasm/yesif.wasm"
  echo "built $2/ ($(( $(stat -c %s "$2/yesif_bg.wasm") / 1024 )) KiB wasm)"
}
build "" www/pkg
build studio www/pkg-studio

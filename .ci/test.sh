#!/usr/bin/env bash
# `make test`: installs what is missing, then runs every test suite, and ends with one line per
# suite and a non-zero exit if any failed. A failing suite does not stop the others, so one run
# shows everything that is wrong.
set -uo pipefail
cd "$(dirname "$0")/.."

bold() { printf '\033[1m%s\033[0m\n' "$*"; }
results=()
failed=0
step() { # step NAME COMMAND…
  local name=$1; shift
  bold "==> $name: $*"
  local t0=$SECONDS
  if "$@"; then
    results+=("PASS  $name ($((SECONDS - t0)) s)")
  else
    results+=("FAIL  $name ($((SECONDS - t0)) s)")
    failed=1
  fi
}

# Without the tools and the build nothing below can run: stop at once if they fail.
.ci/tools.sh rust npm browser || { echo "FAIL: could not install what the tests need" >&2; exit 1; }
make --no-print-directory build || { echo "FAIL: make build" >&2; exit 1; }

# Native: unit, integration, doc tests and the rule cases; also writes target/parity/ for below.
step "native tests" cargo test -q
step "rule cases (CLI)" bash -c 'cargo run -q -- test rules/*.rhai'
# The same engine compiled to wasm32, in headless Chromium through ChromeDriver. The native
# halves (already built above) write target/parity/, which the parity suite and tsc read; they
# are run again here so that these steps do not depend on every other native test compiling.
wasm_tests() {
  cargo test -q --test wasm_parity --test wasm_types &&
    CHROMEDRIVER="$(command -v chromedriver)" \
      cargo test --target wasm32-unknown-unknown --no-default-features --features studio --test wasm_api --test wasm_parity
}
step "wasm in Chromium" wasm_tests
# The module's download size against its budget (300 KB brotli).
step "wasm size budget" node .ci/size.mjs
# The generated TypeScript declarations against a usage file and the native output.
step "TypeScript types" www/node_modules/.bin/tsc --noEmit -p tests/ts/tsconfig.json
# The widget, demo and playground driven in Chromium (tests/browser/*.test.mjs).
if compgen -G "tests/browser/*.test.mjs" >/dev/null; then
  step "browser tests" bash -c 'node --test tests/browser/*.test.mjs'
fi

echo
bold "Summary"
printf '  %s\n' "${results[@]}"
if [ "$failed" = 0 ]; then
  printf '\033[32mall tests passed\033[0m\n'
else
  printf '\033[31msome tests FAILED\033[0m\n'
fi
exit "$failed"

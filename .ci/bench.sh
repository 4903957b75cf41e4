#!/usr/bin/env bash
# `make bench`: the native benchmark (cargo bench), the module's size, and the browser benchmark,
# with the wasm/native ratio. Prints figures; on a shared or busy machine they vary, so read them
# as a range (run twice). Exits non-zero only if a benchmark fails to run.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/tools.sh browser

printf '\033[1m==> native (cargo bench)\033[0m\n'
native=$(cargo bench -q --bench score 2>&1) || { echo "$native"; exit 1; }
echo "$native"
median=$(sed -n 's/^score one request.*median \([0-9.]*\) µs.*/\1/p' <<<"$native")
json=$(sed -n 's/^score JSON text.*: \([0-9.]*\) µs per request.*/\1/p' <<<"$native")

printf '\n\033[1m==> size\033[0m\n'
node .ci/size.mjs || true

printf '\n\033[1m==> Chromium (www/bench.html)\033[0m\n'
node .ci/bench-browser.mjs ${median:+--native-us "$median"} ${json:+--native-json-us "$json"}

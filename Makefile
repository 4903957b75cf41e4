# yesif: the README's two commands, and what they are made of.
#
#   make demo    install what is missing, build, serve the demo and the playground on :8080
#   make test    install what is missing, run every test; non-zero exit on any failure
#   make build   build everything the site needs: www/pkg/ (wasm + JS glue) and www/dist/ bundles
#   make bench   native benchmark, module size, browser benchmark in headless Chromium
#
# The steps live in .ci/*.sh so that they read as plain shell; CI runs .ci/run (= make test).

SHELL := /bin/bash
.DEFAULT_GOAL := build
.PHONY: build demo test bench size tools wasm bundles

tools:
	@.ci/tools.sh rust npm

wasm: tools
	@.ci/build-wasm.sh

# Bundling scripts the widget and playground add as www/build-*.mjs; they write to www/dist/.
bundles: tools
	@set -e; for f in www/build-*.mjs; do [ -e "$$f" ] || continue; echo "node $$f"; node "$$f"; done

build: wasm bundles

demo: build
	node www/serve.mjs

test:
	@.ci/test.sh

size: wasm
	@node .ci/size.mjs

bench: build
	@.ci/bench.sh

# Activation Lab — `make run` builds and serves the page; `make test` runs everything.
# Every target installs what it needs first (setup is idempotent), so a fresh machine needs
# nothing but this repository, rustup, node/npm and apt.

SHELL := /bin/bash
.DEFAULT_GOAL := run

PORT ?= 8000
WASM_TARGET := wasm32-unknown-unknown
# The wasm-bindgen CLI must match the crate pinned in crate/Cargo.toml byte for byte.
WASM_BINDGEN_VERSION := $(shell sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' crate/Cargo.toml)
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
E2E := tests/e2e
WASM_OPT := $(E2E)/node_modules/.bin/wasm-opt
WASM_OUT := target/$(WASM_TARGET)/release/activation_lab.wasm
CHROMIUM := /usr/bin/chromium
# The features rustc enables by default for wasm32 (not --all-features: Chromium rejects some).
WASM_FEATURES := --enable-simd --enable-bulk-memory --enable-multivalue --enable-mutable-globals \
  --enable-nontrapping-float-to-int --enable-reference-types --enable-sign-ext
export PATH := $(CARGO_BIN):$(PATH)
# The whole module: the numerical core (activation-lab-core) and the dependencies its loops call
# (libm, matrixmultiply, rand*) compiled for speed; the rest for size: activation-lab above it (key
# table, charts, views, boundary), the formula language and the errors below it (their own crates:
# parsed or written once, never in a loop), and the dependencies that only write JSON, draw charts
# or talk to JS. Fat LTO keeps each function as its crate compiled it. 1,186,961 -> 1,118,540
# bytes (the split above the core) -> 1,066,784 (formula, errors and those dependencies at z) at the
# same speed in make bench; with the core at z or s the GEMM and training were 7-14x slower. wasm-opt
# stays at -O3: its -Os/-Oz took 17-24 KB more off but made relu6, bounded_relu and apl ~2x slower.
SIZE_DEPENDENCIES := serde serde_core serde_json zmij itoa memchr plotters plotters-backend plotters-svg \
  plotters-canvas wasm-bindgen js-sys web-sys futures-util
WHOLE_MODULE_PROFILE := --config 'profile.release.opt-level="z"' \
  --config 'profile.release.package.activation-lab-core.opt-level=3' \
  --config 'profile.release.package."*".opt-level=3' \
  $(foreach p,$(SIZE_DEPENDENCIES),--config 'profile.release.package.$(p).opt-level="z"')

.PHONY: run serve build site package setup test lint test-native test-wasm test-e2e bench bench-native bench-browser soak clean

## setup: install every tool the other targets use (target, wasm-bindgen-cli, chromium, npm dev packages)
setup: .setup-stamp-target .setup-stamp-bindgen .setup-stamp-chromium .setup-stamp-engines $(E2E)/node_modules/.package-lock.json

.setup-stamp-target:
	rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@touch $@

# Installed without --locked: the registry reached here lacks one locked dependency of the CLI
# (see TOOLCHAIN_NOTES.md). Skipped when the pinned version is already on PATH.
.setup-stamp-bindgen: crate/Cargo.toml
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 4 minutes, once)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi
	@touch $@

.setup-stamp-chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "installing Debian's chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@touch $@

# Firefox ESR and WebKitGTK (Safari's engine, with its WebDriver) for the cross-engine suite; WebKitGTK
# needs a display, which xvfb-run gives it.
.setup-stamp-engines:
	@if [ ! -x /usr/bin/firefox-esr ] || [ ! -x /usr/bin/WebKitWebDriver ] || [ ! -x /usr/bin/xvfb-run ]; then \
	  echo "installing Debian's firefox-esr, webkit2gtk-driver and xvfb"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr webkit2gtk-driver xvfb >/dev/null; \
	fi
	@touch $@

$(E2E)/node_modules/.package-lock.json: $(E2E)/package-lock.json
	cd $(E2E) && npm ci --no-audit --no-fund
	@touch $@

## build: the wasm module and its JS loader into www/pkg (optimised by binaryen's wasm-opt from npm);
## first the small first-chart module (curves only), then the whole module (WHOLE_MODULE_PROFILE:
## its core for speed, the rest for size) twice: plain SIMD128 for every browser, and with
## relaxed-SIMD FMA in the GEMM for those that validate it (www/js/wasm.js picks one). Both share
## one JS loader, so it must come out the same. The first-chart module is compiled and optimised
## as the whole one is, not for size: it is the dictionary the whole module is sent against
## (tools/serve.mjs), and code compiled alike deltas better. At opt-level z and wasm-opt -Oz it
## was 2 KB smaller as brotli, but the relaxed module's delta 9 KB larger (89 + 285 → 92 + 276,
## measured with zstd's delta, which brotli's has since replaced).
## Last, make run's server's helper that compresses the whole module against the first-chart one
## (tools/dictionary-brotli), and the site (tools/site.mjs): www/ in target/site with its scripts
## minified, each with a source map, which make run serves and make package packs.
build: setup
	cargo build --lib --release --target $(WASM_TARGET) $(WHOLE_MODULE_PROFILE)
	wasm-bindgen --target web --no-typescript --out-dir www/pkg $(WASM_OUT)
	cargo build --lib --release --target $(WASM_TARGET) --features relaxed-simd $(WHOLE_MODULE_PROFILE)
	wasm-bindgen --target web --no-typescript --out-dir target/relaxed-pkg $(WASM_OUT)
	@cmp -s www/pkg/activation_lab.js target/relaxed-pkg/activation_lab.js || \
	  { echo "the relaxed-SIMD build's JS loader differs from the plain one's: the page cannot share it"; exit 1; }
	cargo build --lib --release --target $(WASM_TARGET) --no-default-features --features first-chart $(WHOLE_MODULE_PROFILE)
	wasm-bindgen --target web --no-typescript --out-dir www/pkg --out-name first_chart $(WASM_OUT)
	$(WASM_OPT) -O3 $(WASM_FEATURES) www/pkg/first_chart_bg.wasm -o www/pkg/first_chart_bg.wasm
	$(WASM_OPT) -O3 $(WASM_FEATURES) www/pkg/activation_lab_bg.wasm -o www/pkg/activation_lab_bg.wasm
	$(WASM_OPT) -O3 $(WASM_FEATURES) --enable-relaxed-simd target/relaxed-pkg/activation_lab_bg.wasm \
	  -o www/pkg/activation_lab_relaxed_bg.wasm
	@for f in www/pkg/first_chart_bg.wasm www/pkg/activation_lab_bg.wasm www/pkg/activation_lab_relaxed_bg.wasm; do \
	  printf '%s: %s bytes, %s gzipped\n' "$$f" "$$(stat -c %s $$f)" "$$(gzip -9c $$f | wc -c)"; done
	cargo build --release -p dictionary-brotli
	node tools/site.mjs

## site: rewrite target/site from www/ alone (after editing a page, a script or a style; seconds)
site: $(E2E)/node_modules/.package-lock.json
	node tools/site.mjs

## package: the widget as an npm tarball under target/ (its scripts, workers, both wasm builds, a
## README with the one-line CDN embed); package.spec.mjs serves it from a second origin
package: build
	node tools/package.mjs target

## run: build, then serve the site (target/site: www/ with its scripts minified) on 127.0.0.1 and print the URL
run: build serve

# A static server that sends brotli/gzip and ETags like a real host (Python's http.server sends
# neither, so a page measured through it downloads the raw 945 KB module).
serve:
	@test -d target/site || { echo "target/site is missing: make build writes it (make run builds, then serves)"; exit 1; }
	node tools/serve.mjs --port $(PORT) --root target/site

## test: lint, native tests, wasm boundary tests, browser end-to-end tests (Chromium, then Firefox and WebKit)
test: lint test-native test-wasm test-e2e

lint: setup
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --target $(WASM_TARGET) -- -D warnings
	cargo clippy --lib --target $(WASM_TARGET) --features relaxed-simd -- -D warnings
	cargo clippy --lib --target $(WASM_TARGET) --no-default-features --features first-chart -- -D warnings

test-native:
	cargo test

test-wasm: setup
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target $(WASM_TARGET) --test web

test-e2e: build
	cd $(E2E) && npm test
	cd $(E2E) && npm run test:engines

## bench: activation throughput, the deep-network pass and training, natively, in Chromium and per
## engine; the first load on emulated 4G and Fast 3G
bench: bench-native bench-browser

bench-native:
	BENCH_JSON=$(CURDIR)/target/bench-native.json cargo bench --bench activations
	BENCH_JSON=$(CURDIR)/target/bench-network-native.json cargo bench --bench network
	BENCH_JSON=$(CURDIR)/target/bench-train-native.json cargo bench --bench train
	cargo bench --bench formula

bench-browser: build
	cd $(E2E) && node bench.mjs $(CURDIR)/target/bench-native.json
	cd $(E2E) && node bench-network.mjs
	cd $(E2E) && node bench-train.mjs $(CURDIR)/target/bench-train-native.json
	cd $(E2E) && node bench-deep-train.mjs
	cd $(E2E) && xvfb-run -a node engines/bench-engines.mjs
	cd $(E2E) && node bench-load.mjs
	cd $(E2E) && node bench-preview.mjs
	cd $(E2E) && node bench-phase.mjs
	cd $(E2E) && node bench-inside.mjs

## soak: memory and frame rate over a 200 000-step race and 30 widgets created and removed ten
## times (minutes; not part of make test)
soak: build
	cd $(E2E) && node soak.mjs

clean:
	cargo clean
	rm -rf www/pkg .setup-stamp-* $(E2E)/node_modules

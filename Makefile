# tokencast: two commands do everything on a fresh Debian machine with Swift 6.3.
#   make run    installs the system libraries if missing, builds release, runs the default scenario
#   make test   same set-up, runs every test
SWIFT ?= swift
SCENARIO ?= scenarios/solo-developer.yaml
APT_PACKAGES = libopenblas-dev libsqlite3-dev pkg-config
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Release builds are for this machine: where the CPU has AVX2 and FMA, let the compiler use
# them (the sampling loops vectorise 4-wide; measured 11 % fewer CPU seconds in the kernel).
# Elsewhere the portable x86-64 baseline is kept.
CPU_FLAGS = $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo 2>/dev/null && echo "-Xswiftc -target-cpu -Xswiftc haswell -Xcc -march=haswell -Xswiftc -DTOKENCAST_ROUND_INSTRUCTION")
# Release builds link the Swift runtime and Foundation statically: the binary runs without the
# toolchain's libraries (make install), and starts faster: `tokencast --version` 11 ms against
# 17 ms, `tokencast statusline` 24-29 ms against 35 ms (50 runs from bash, 2026-12-02).
STATIC_FLAGS = --static-swift-stdlib
RELEASE = $(SWIFT) build -c release $(STATIC_FLAGS) $(CPU_FLAGS)

.PHONY: install test-postgres golden run test build bench deps check-scenarios report-check clean fuzz size-check accuracy-check layers format lint

deps:
	@if ! pkg-config --exists openblas sqlite3 2>/dev/null; then \
	  echo "Installing $(APT_PACKAGES) with apt-get"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	fi

build: deps
	$(RELEASE) --product tokencast

# Installs the binary in $(PREFIX)/bin and the LiteLLM price snapshot (the Pricing target's
# resource bundle) in $(PREFIX)/share/tokencast, where an installed binary looks for it.
PREFIX ?= /usr/local
install: build
	install -d $(PREFIX)/bin $(PREFIX)/share/tokencast
	install .build/release/tokencast $(PREFIX)/bin/tokencast
	rm -rf $(PREFIX)/share/tokencast/tokencast_Pricing.resources
	cp -R .build/release/tokencast_Pricing.resources $(PREFIX)/share/tokencast/

run: build
	.build/release/tokencast run $(SCENARIO)

test: deps layers
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) accuracy-check

# The LiteLLM import's tests against a real PostgreSQL (started on 127.0.0.1:54329 by
# scripts/start-test-postgres.sh, installed with apt-get if missing; `make test` runs them too when
# TOKENCAST_TEST_POSTGRES_URL is set, as .ci/run does). docs/organisation-data.md.
test-postgres: deps
	$(SWIFT) build --build-tests
	eval "$$(scripts/start-test-postgres.sh)" && $(SWIFT) test --skip-build --filter 'LiteLLM'

# Re-records fixtures/golden/<command>.txt from the current build (docs/RELIABILITY.md,
# Golden output files); read `git diff fixtures/golden` before committing.
golden: deps
	$(SWIFT) build --build-tests
	TOKENCAST_RECORD_GOLDEN=1 $(SWIFT) test --skip-build --filter GoldenOutputTests

# Imports and target dependencies point down the layers (scripts/check-layers.sh, where the
# layer order is written; docs/ARCHITECTURE.md). Runs before the Swift tests in `make test`.
layers:
	scripts/check-layers.sh

# swift-format (ships with the toolchain) with .swift-format: `format` rewrites the files in
# place, `lint` reports what it would change. LINT_FLAGS=--strict makes findings an error.
FORMAT_PATHS = Package.swift Sources Tests Fuzz
LINT_FLAGS ?=
format:
	$(SWIFT) format format --configuration .swift-format --in-place --parallel --recursive $(FORMAT_PATHS)

lint:
	$(SWIFT) format lint --configuration .swift-format --parallel --recursive $(LINT_FLAGS) $(FORMAT_PATHS)

# The aggregated team path against the exact one on 50-developer teams at the presets' heavy
# tails (release build; about two minutes on two cores). docs/team-forecasts.md, Accuracy.
accuracy-check: deps
	$(RELEASE) --product tokencast-accuracy
	.build/release/tokencast-accuracy

# Speed figures as one JSON object, 3 to 4 minutes on a 2-core machine. Includes the numpy reference's model run by
# tokencast and by scripts/reference_numpy.py side by side (skipped without python3 and numpy),
# and instructions per thread under valgrind's callgrind (skipped without valgrind).
bench: deps
	@# Build output goes to stderr so that stdout is the JSON alone.
	@$(RELEASE) --product tokencast-bench >&2
	@$(RELEASE) --product tokencast >&2
	@.build/release/tokencast-bench

check-scenarios: build
	@for f in scenarios/*.yaml; do .build/release/tokencast check $$f || exit 1; done

# Renders every scenario's HTML report in headless Chromium (installed with apt-get if missing)
# and fails on console errors, empty charts, overlapping labels or a page wider than the screen.
report-check: build
	scripts/report-check.sh

# Not run by CI: libFuzzer over the input readers (FUZZ_SECONDS each, default 60) and the
# memory limits (a 2 GB log import, a 100-million-thread run). See docs/RELIABILITY.md.
fuzz: deps
	scripts/fuzz.sh

size-check: deps
	RELEASE_FLAGS="$(STATIC_FLAGS) $(CPU_FLAGS)" scripts/size-check.sh

clean:
	rm -rf .build

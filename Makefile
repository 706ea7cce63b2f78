# tokencast: two commands do everything on a fresh Debian machine with Swift 6.3.
#   make run    installs the system libraries if missing, builds release, runs the default scenario
#   make test   same set-up, runs every test
SWIFT ?= swift
SCENARIO ?= scenarios/solo-developer.yaml
APT_PACKAGES = libopenblas-dev libsqlite3-dev pkg-config
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build bench deps check-scenarios clean fuzz size-check

deps:
	@if ! pkg-config --exists openblas sqlite3 2>/dev/null; then \
	  echo "Installing $(APT_PACKAGES) with apt-get"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	fi

build: deps
	$(SWIFT) build -c release --product tokencast

run: build
	.build/release/tokencast run $(SCENARIO)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: deps
	$(SWIFT) build -c release --product tokencast-bench
	.build/release/tokencast-bench

check-scenarios: build
	@for f in scenarios/*.yaml; do .build/release/tokencast check $$f || exit 1; done

# Not run by CI: libFuzzer over the input readers (FUZZ_SECONDS each, default 60) and the
# memory limits (a 2 GB log import, a 100-million-thread run). See docs/RELIABILITY.md.
fuzz: deps
	scripts/fuzz.sh

size-check: deps
	scripts/size-check.sh

clean:
	rm -rf .build

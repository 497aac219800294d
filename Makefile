# The two commands of the README: `make demo` and `make test`. Both set everything up first
# (`make test` also the browser tests' npm tools, and checks for Chromium and Java).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
# The browser and HTML tests' Node tools (axe-core, the Nu checker); npm ci writes this file last.
BROWSER_TOOLS := tests/browser/node_modules/.package-lock.json
CHROMIUM      := /usr/bin/chromium

.PHONY: demo test install lint clean system-tools

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/wistakon demo

$(BROWSER_TOOLS): tests/browser/package-lock.json
	@command -v npm >/dev/null || { echo "make test: npm is missing; install Node.js and npm (apt-get install npm)" >&2; exit 1; }
	npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund
	touch $@

# What pip and npm cannot install: say what is missing instead of letting tests skip or fail one by one.
system-tools:
	@test -x $(CHROMIUM) || { echo "make test: $(CHROMIUM) is missing; the browser tests need Debian's Chromium (apt-get install chromium)" >&2; exit 1; }
	@command -v java >/dev/null || { echo "make test: java is missing; the Nu HTML checker needs Java 17+ (apt-get install openjdk-17-jre-headless)" >&2; exit 1; }

test: $(STAMP) $(BROWSER_TOOLS) system-tools
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf dist .dist-releases .cache var

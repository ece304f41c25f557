# Everything a fresh machine needs is installed by these targets; see README.md.
SHELL := /bin/bash
PYTHON ?= python3
PYODIDE_BUILD_PYTHON ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3 $(HOME)/.pyenv/versions/3.13*/bin/python3) $(shell command -v python3.12 python3.13 2>/dev/null))
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Where the built site will be published (mkdocs.yml's site_url); `make serve` serves it here.
SITE_URL ?= http://$(HOST):$(PORT)/
# `make site LBP_STOCK_PYODIDE=1`: Pyodide's npm files unchanged (mkdocs.yml reads it; site_plugins/calculator).
export LBP_STOCK_PYODIDE
# Material prints a long end-of-life banner on every build; it is not about this site.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: setup serve site site-stock test bench clean

setup: $(VENV)/.installed .venv-pyodide-build/.installed node_modules/.installed /usr/bin/chromium

$(VENV)/.installed: requirements.txt pyproject.toml site_plugins/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e . -e site_plugins
	touch $@

# pyodide-build needs Python >= 3.12; it only registers the core wheel in Pyodide's lock file.
.venv-pyodide-build/.installed: requirements-pyodide-build.txt
	@test -n "$(PYODIDE_BUILD_PYTHON)" || { echo "Python 3.12 or newer is needed for pyodide-build"; exit 1; }
	$(PYODIDE_BUILD_PYTHON) -m venv .venv-pyodide-build
	.venv-pyodide-build/bin/pip install --quiet -r requirements-pyodide-build.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

/usr/bin/chromium:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

MKDOCS_BUILD := LBP_SITE_URL=$(SITE_URL) $(VENV)/bin/mkdocs build --strict --clean
# `make test`: two test workers (pytest-xdist; each runs its own Chromium and static server, and a test
# file stays on one worker, so a file's shared fixtures are built once), with the branch coverage of lbp_core
# printed at the end and kept for the traceability index. PYTEST_ARGS adds to or overrides them.
# Files are handed out longest first (tests/conftest.py), not by their number of tests (xdist's default).
PYTEST_WORKERS ?= -n 2 --dist loadfile --no-loadscope-reorder
COVERAGE := --cov=lbp_core --cov-report=term-missing:skip-covered --cov-report=json:.traceability/coverage.json

site: setup
	$(MKDOCS_BUILD)

# The same site with Pyodide's npm files unchanged: the calculator's browser tests marked `stock` also run
# against it in make test (tests/browser/conftest.py), so a Pyodide upgrade is a version bump that works
# (slower) before glue.py is derived again.
site-stock: setup
	LBP_STOCK_PYODIDE=1 LBP_SITE_URL=$(SITE_URL) $(VENV)/bin/mkdocs build --strict --clean -d site-stock

serve: site
	@echo "Serving the built site at http://$(HOST):$(PORT)/ (Ctrl-C to stop). To publish, copy site/ to any static host."
	$(PY) -m tools.serve --host $(HOST) --port $(PORT) site

test: site site-stock
	@mkdir -p .traceability
	$(PY) -m pytest -q $(PYTEST_WORKERS) $(COVERAGE) $(PYTEST_ARGS); status=$$?; \
	echo "Building the site again with this run's results on its traceability pages"; \
	$(MKDOCS_BUILD) || exit $$?; exit $$status

bench: site
	$(PY) -m bench

clean:
	rm -rf site site-stock dist build .hypothesis .traceability .coverage .coverage.*

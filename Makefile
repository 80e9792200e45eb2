# One command per task. `make help` lists them. Each installs into .venv what it needs, on first use.
.DEFAULT_GOAL := help
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

# Installs come from the locks in requirements/ (every package pinned, with hashes; `make lock` writes
# them from pyproject.toml). build.txt is what builds and serves the site; test.txt adds the test tools
# (pytest, Playwright, axe, pypdf, ruff). Each stamp re-installs when its lock changes. The project itself
# goes in editable, without dependencies: they are all in the lock.
BUILD_STAMP := $(VENV)/.installed-build
TEST_STAMP := $(VENV)/.installed-test

$(PY):
	python3 -m venv $(VENV)

$(BUILD_STAMP): requirements/build.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/build.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(TEST_STAMP): requirements/test.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/test.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# uv resolves the locks; it lives in a venv of its own so neither environment carries it.
UV_VERSION := 0.13.9
UV := $(VENV)/lock-tools/bin/uv

$(UV):
	python3 -m venv $(VENV)/lock-tools
	$(VENV)/lock-tools/bin/python -m pip install --quiet uv==$(UV_VERSION)

# Zensical (Material's successor) builds the same guide from its own venv, from its own lock.
ZENSICAL_VENV := .venv-zensical
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.installed

$(ZENSICAL_STAMP): requirements/zensical.txt
	python3 -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements/zensical.txt
	touch $@

.PHONY: help venv check stale build build-zensical serve lint test source-check lock clean offline publish pdf ids bench lighthouse

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

venv: $(TEST_STAMP) ## Create .venv with everything installed (build and test locks)

check: $(BUILD_STAMP) ## Validate data/ against its schemas and rules (warns about sources checked >12 months ago)
	$(PY) -m img_red_flags.validation

stale: $(BUILD_STAMP) ## Fail if a source in data/sources.yaml was last checked more than 12 months ago
	$(PY) -m img_red_flags.validation --stale

build: $(BUILD_STAMP) ## Strict build into site/ (the last good site stays if it fails)
	$(PY) tools/build_site.py site

build-zensical: $(BUILD_STAMP) $(ZENSICAL_STAMP) ## The same strict build with Zensical into site-zensical/
	$(PY) tools/build_site.py site-zensical --generator zensical

offline: $(BUILD_STAMP) ## Zip of the whole guide that works from file:// (build/img-red-flags-offline.zip)
	$(PY) tools/build_offline.py

publish: pdf $(BUILD_STAMP) ## What gets deployed: site/ (with checklist PDFs) plus the offline zip at site/downloads/
	$(PY) tools/build_offline.py --publish site

pdf: build $(TEST_STAMP) ## Build, then print every checklist to PDF (Letter and A4) into site/checklists/pdf/
	$(PY) tools/checklist_pdfs.py site

serve: $(BUILD_STAMP) ## Preview at http://127.0.0.1:8000 with live reload
	$(VENV)/bin/mkdocs serve --strict

lint: $(TEST_STAMP) ## Lint, format and type check of the Python code (ruff, mypy; config in pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# Tests run on every core (pytest-xdist): they are independent builds and browser sessions.
# `make test PYTEST_WORKERS=0` runs them in one process (easier to debug with pdb or -x).
PYTEST_WORKERS ?= auto

test: lint $(TEST_STAMP) $(ZENSICAL_STAMP) ## Lint, then all tests (MkDocs' and Zensical's builds), browser tests included
	@# pytest exits 5 when it ran no test: a failure like any other, named so nobody mistakes it.
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS) || { status=$$?; [ $$status -ne 5 ] || echo "make test: pytest ran no test" >&2; exit $$status; }

source-check: $(BUILD_STAMP) ## Data in our own words? Needs the private article: ../shared/source/guide.txt or ARTICLE=
	$(PY) tools/source_check.py $(ARTICLE)

lock: $(UV) ## Write requirements/build.txt and test.txt (pinned, hashed) from pyproject.toml
	$(UV) pip compile --quiet pyproject.toml -o requirements/build.txt
	$(UV) pip compile --quiet pyproject.toml --extra test -c requirements/build.txt -o requirements/test.txt
	$(UV) pip compile --quiet requirements/zensical.in -o requirements/zensical.txt

clean: ## Remove build output
	rm -rf site .site.building* .site.old build site-zensical .site-zensical.building* .site-zensical.old .cache

ids: $(BUILD_STAMP) ## Record new entries' addresses in data/published_ids.txt (append-only; commit it)
	$(PY) tools/published_ids.py

# ---- Measurements: figures go to docs/about/performance.md (commit them with the machine they name) --
LIGHTHOUSE_DIR := tools/lighthouse
LIGHTHOUSE_STAMP := $(LIGHTHOUSE_DIR)/node_modules/.installed

$(LIGHTHOUSE_STAMP): $(LIGHTHOUSE_DIR)/package-lock.json
	cd $(LIGHTHOUSE_DIR) && npm ci --no-audit --no-fund
	touch $@

bench: $(TEST_STAMP) ## Build time (real, 5x, 10x catalogs), check, collection, memory, page weight -> docs/about/
	$(PY) tools/bench.py

lighthouse: $(BUILD_STAMP) $(LIGHTHOUSE_STAMP) ## Lighthouse (mobile) on the key pages in Debian's chromium -> docs/about/
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) tools/lighthouse.py

# One command per task. `make help` lists them. Each creates .venv from pyproject.toml on first use.
.DEFAULT_GOAL := help
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Zensical (Material's successor) builds the same guide from its own venv, pinned with hashes.
ZENSICAL_VENV := .venv-zensical
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.installed

$(ZENSICAL_STAMP): requirements/zensical.txt
	python3 -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements/zensical.txt
	touch $@

.PHONY: help venv check build build-zensical serve test clean offline publish pdf ids bench lighthouse

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

venv: $(STAMP) ## Create .venv from the pinned pyproject.toml

check: $(STAMP) ## Validate data/ against its schemas and rules
	$(PY) -m img_red_flags.validation

build: $(STAMP) ## Strict build into site/ (the last good site stays if it fails)
	$(PY) tools/build_site.py site

build-zensical: $(STAMP) $(ZENSICAL_STAMP) ## The same strict build with Zensical into site-zensical/ (same post-build steps)
	$(PY) tools/build_site.py site-zensical --generator zensical

offline: $(STAMP) ## Zip of the whole guide that works from file:// (build/img-red-flags-offline.zip)
	$(PY) tools/build_offline.py

publish: pdf $(STAMP) ## What gets deployed: site/ (with checklist PDFs) plus the offline zip at site/downloads/
	$(PY) tools/build_offline.py --publish site

pdf: build ## Build, then print every checklist to PDF (Letter and A4) into site/checklists/pdf/
	$(PY) tools/checklist_pdfs.py site

serve: $(STAMP) ## Preview at http://127.0.0.1:8000 with live reload
	$(VENV)/bin/mkdocs serve --strict

test: $(STAMP) $(ZENSICAL_STAMP) ## Run all tests, browser tests included (needs Debian's chromium), on MkDocs' and Zensical's builds
	$(PY) -m pytest

clean: ## Remove build output
	rm -rf site .site.building .site.old build site-zensical .site-zensical.building .site-zensical.old .cache

ids: $(STAMP) ## Record new entries' addresses in data/published_ids.txt (append-only; commit it)
	$(PY) tools/published_ids.py

# ---- Measurements: figures go to docs/about/performance.md (commit them with the machine they name) --
LIGHTHOUSE_DIR := tools/lighthouse
LIGHTHOUSE_STAMP := $(LIGHTHOUSE_DIR)/node_modules/.installed

$(LIGHTHOUSE_STAMP): $(LIGHTHOUSE_DIR)/package-lock.json
	cd $(LIGHTHOUSE_DIR) && npm ci --no-audit --no-fund
	touch $@

bench: $(STAMP) ## Build time (real, 10x, 100x catalogs), memory and page weight -> docs/about/
	$(PY) tools/bench.py

lighthouse: $(STAMP) $(LIGHTHOUSE_STAMP) ## Lighthouse (mobile) on the key pages in Debian's chromium -> docs/about/
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) tools/lighthouse.py

# Amparo: two commands for a fresh machine.
#   make run   set up, migrate the embedded SQLite database, load the demo world, serve
#   make test  set up (Debian packages included) and run the whole suite
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_FAMILIES ?= 300
# Debian packages the tests need: Chromium for the browser tests, gettext for
# the Spanish catalogue.
TEST_DEBS := chromium chromium-driver gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils

# Django 6 needs Python >= 3.12: take the first suitable interpreter on PATH,
# then any that pyenv holds.
define find_python
for c in python3.13 python3.12 python3; do \
  p=$$(command -v $$c 2>/dev/null) || continue; \
  $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; exit 0; }; \
done; \
if command -v pyenv >/dev/null 2>&1; then \
  for v in $$(pyenv versions --bare 2>/dev/null | sort -rV); do \
    p=$$(pyenv prefix $$v 2>/dev/null)/bin/python3; \
    [ -x $$p ] && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; exit 0; }; \
  done; \
fi; \
for p in /root/.pyenv/versions/3.1[3-9]*/bin/python3 /root/.pyenv/versions/3.12*/bin/python3; do \
  [ -x $$p ] && { echo $$p; exit 0; }; \
done; exit 1
endef

.PHONY: help
help:
	@echo "make run    set up and serve Amparo with a demo world on http://$(HOST):$(PORT)/"
	@echo "make test   set up and run the whole test suite"
	@echo "make check  lint, types, import contracts, migrations"
	@echo "make bench  ingest benchmark (100,000 rows; SQLite and PostgreSQL)"

$(STAMP): pyproject.toml
	@py=$$($(find_python)) || { echo "Amparo needs Python >= 3.12 and none was found (tried PATH and pyenv)." >&2; exit 1; }; \
	echo "Using $$py"; \
	[ -x $(PY) ] || $$py -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then npm install --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: pages will be served without USWDS styles." >&2; fi

.PHONY: setup
setup: $(STAMP) node_modules/.installed messages

.PHONY: messages
messages: $(STAMP)
	@if command -v msgfmt >/dev/null 2>&1; then \
	  cd src/amparo && ../../$(PY) -m django compilemessages --settings=amparo.settings -v 0; \
	fi

.PHONY: run
run: setup
	$(VENV)/bin/amparo demo --families $(DEMO_FAMILIES)
	$(VENV)/bin/amparo serve --host $(HOST) --port $(PORT)

.PHONY: debs
debs:
	@missing=""; for p in $(TEST_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

.PHONY: check
check: setup
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy src tests bench
	$(VENV)/bin/lint-imports
	DATABASE_URL= AMPARO_VAR_DIR=$$(mktemp -d) $(PY) -m django makemigrations --check --dry-run --settings=amparo.settings

.PHONY: test
test: debs setup check
	$(VENV)/bin/pytest -q -p no:cacheprovider

.PHONY: bench
bench: setup
	$(PY) bench/extract_validation.py --rows 100000
	$(PY) bench/ingest_throughput.py --rows 100000

# Two commands: `make site` (build the public site) and `make test` (the whole suite).
# For staff without an activated environment: `make check` (ppid check) and `make serve` (ppid serve).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: site test serve check browser lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install -q -c constraints.txt -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	touch $@

site: $(VENV)/.site-installed
	$(BIN)/ppid build
	@echo "Situs selesai dibangun di site/. Pratinjau: make serve  (lalu buka http://127.0.0.1:8000/)"
	@echo "Perintah ppid: aktifkan dulu lingkungannya dengan  . $(BIN)/activate  lalu ketik  ppid check  (atau: make check)"

check: $(VENV)/.site-installed
	$(BIN)/ppid check

serve: $(VENV)/.site-installed
	$(BIN)/ppid serve

lint: $(VENV)/.test-installed
	$(BIN)/ruff check pipeline tests benchmarks
	$(BIN)/mypy pipeline tests benchmarks

# The browser tests need Debian's Chromium: found, installed (root with apt-get), or one line saying what to install.
browser: $(VENV)/.test-installed
	@$(BIN)/python -m tests.browser

test: browser lint
	$(BIN)/python -m pytest --cov --cov-report=term

bench: $(VENV)/.test-installed
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_pathological.py
	$(BIN)/python benchmarks/bench_chain_requests.py

clean:
	rm -rf site .venv .pytest_cache .mypy_cache .ruff_cache .coverage

# Two commands: `make site` (build the public site) and `make test` (the whole suite).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: site test serve lint bench clean

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
	@echo "Situs selesai dibangun di site/. Pratinjau: $(BIN)/ppid serve  (lalu buka http://127.0.0.1:8000/)"

serve: $(VENV)/.site-installed
	$(BIN)/ppid serve

lint: $(VENV)/.test-installed
	$(BIN)/ruff check pipeline tests benchmarks
	$(BIN)/mypy pipeline

test: lint
	$(BIN)/python -m pytest --cov --cov-report=term

bench: $(VENV)/.test-installed
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_pathological.py
	$(BIN)/python benchmarks/bench_chain_requests.py

clean:
	rm -rf site .venv .pytest_cache .mypy_cache .ruff_cache .coverage

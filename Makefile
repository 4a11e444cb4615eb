# Two commands on a fresh machine: `make demo` and `make test`. Everything else is optional.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed

export DO_NOT_TRACK = 1
export PREFECT_SERVER_ANALYTICS_ENABLED = false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS = 120

.PHONY: demo test lint bench clean snapshots cli-reference

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev,dask]"  # dask: +6 s, +35 MB; lets tests/flows/test_dask.py run
	touch $(STAMP)

demo: $(STAMP)
	CYBERSTATS_HOME=$${CYBERSTATS_HOME:-./data/demo} $(BIN)/cyberstats demo

test: $(STAMP)
	$(BIN)/ruff check flows extract transform warehouse tests
	$(BIN)/python -m pytest tests

lint: $(STAMP)
	$(BIN)/ruff check flows extract transform warehouse tests
	$(BIN)/ruff format --check flows extract transform warehouse tests

bench: $(STAMP)
	$(BIN)/python -m tests.bench

cli-reference: $(STAMP)  # rewrite docs/CLI.md from the typer app (tests/flows/test_cli_reference.py checks it)
	$(BIN)/python -m flows.cli_reference

snapshots: $(STAMP)
	$(BIN)/python -m tests.build_demo_snapshot

clean:
	rm -rf $(VENV) data .pytest_cache

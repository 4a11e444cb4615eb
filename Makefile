# Two commands on a fresh machine: `make demo` and `make test`. Everything else is optional.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed

export DO_NOT_TRACK = 1
export PREFECT_SERVER_ANALYTICS_ENABLED = false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS = 120

.PHONY: demo test test-fast lint typecheck bench clean snapshots constraints faults cli-reference figures-folds figures-model figures-invariance figures-constructions figures-distractors figures-tables figures-blind

# The tested stack: constraints.txt pins every package (`make constraints` refreshes it).
$(STAMP): pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e ".[dev,dask]"  # dask: +6 s, +35 MB; lets tests/flows/test_dask.py run
	touch $(STAMP)

demo: $(STAMP)
	CYBERSTATS_HOME=$${CYBERSTATS_HOME:-./data/demo} $(BIN)/cyberstats demo

test: $(STAMP)  # the whole suite (CI): lint, types, every test
	$(BIN)/ruff check flows extract transform warehouse tests
	$(BIN)/mypy
	$(BIN)/python -m pytest tests

test-fast: $(STAMP)  # the unit tier, under a minute: no Prefect engine, server or live fixture-site run
	$(BIN)/ruff check flows extract transform warehouse tests
	$(BIN)/python -m pytest tests -m "not slow"

typecheck: $(STAMP)  # mypy over flows, extract, transform, warehouse (settings in pyproject.toml)
	$(BIN)/mypy

lint: $(STAMP)
	$(BIN)/ruff check flows extract transform warehouse tests
	$(BIN)/ruff format --check flows extract transform warehouse tests
	$(BIN)/mypy

figures-folds: $(STAMP)  # the figure reader on the shared dev corpus, fold by fold (README "Figures in text")
	$(BIN)/python -m tests.figure_folds

figures-invariance: $(STAMP)  # the dev corpus rewritten in ways that keep its figures (README "Rewritten, not retuned")
	$(BIN)/python -m tests.figure_invariance

figures-constructions: $(STAMP)  # the ways a report states a figure, generated (README "Constructions, crossed")
	$(BIN)/python -m tests.figure_constructions

figures-distractors: $(STAMP)  # what a report says beside its figures, generated (README "What a report says beside its figures")
	$(BIN)/python -m tests.figure_distractors

figures-tables: $(STAMP)  # tables flattened to text, generated (README "Tables flattened to text")
	$(BIN)/python -m tests.figure_text_tables

figures-blind: $(STAMP)  # passages written by helpers who never saw the reader, round by round (README "Written blind")
	$(BIN)/python -m tests.figure_blind

figures-model: $(STAMP)  # rules or a learned model to keep figures, fold by fold (README "Rules or a learned model")
	$(BIN)/python -m tests.figure_model

bench: $(STAMP)
	$(BIN)/python -m tests.bench

faults: $(STAMP)  # every fault of issue 12 against a local fault site, as a table (README "Reliability")
	$(BIN)/python -m tests.faults

cli-reference: $(STAMP)  # rewrite docs/CLI.md from the typer app (tests/flows/test_cli_reference.py checks it)
	$(BIN)/python -m flows.cli_reference

snapshots: $(STAMP)
	$(BIN)/python -m tests.build_demo_snapshot

# Re-resolve the stack from pyproject.toml in a throw-away venv and pin it; run `make test` after.
constraints:
	rm -rf .venv-constraints
	$(PY) -m venv .venv-constraints
	.venv-constraints/bin/pip install -q --upgrade pip
	.venv-constraints/bin/pip install -q -e ".[dev,dask]"
	{ echo "# The stack \`make test\` passed with: \`make constraints\` regenerates it from pyproject.toml."; \
	  .venv-constraints/bin/pip freeze --exclude-editable; } > constraints.txt
	rm -rf .venv-constraints

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache

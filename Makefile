# `make demo` and `make test` set everything up on a fresh clone: only Python 3.10+ and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench docs fuzz mutate dist clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

EXAMPLE := examples/sustaining_social_work

demo: $(STAMP)
	$(BIN)/python $(EXAMPLE)/build.py
	$(BIN)/qcode validate $(EXAMPLE)/sustaining_social_work.qdpx
	$(BIN)/qcode info $(EXAMPLE)/sustaining_social_work.json
	$(BIN)/qcode report $(EXAMPLE)/sustaining_social_work.json -o $(EXAMPLE)/report.html

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests tools examples benchmarks
	$(BIN)/ruff format --check src tests tools examples benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy src tools

unit: $(STAMP)
	$(BIN)/pytest --cov --cov-report=term

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(if $(RUNS),200 250 $(RUNS)) $(if $(MILLION),--million)

# The documentation site (MkDocs, mkdocs.yml) in site/, warnings as errors.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

# Mutated real files for MINUTES minutes (default 10); prints its seed; SEED=N replays a run.
fuzz: $(STAMP)
	$(BIN)/python -m tests.fuzz --minutes $(or $(MINUTES),10) $(if $(SEED),--seed $(SEED))

# Mutation testing of the core modules ([tool.mutmut] in pyproject.toml; not part of `make
# test`): JOBS mutants at a time (default 2), each against the tests that run its function,
# with few, fixed Hypothesis examples; MUTANTS='qcode._quotes*' runs some only. Then the kill
# rate, and every surviving mutant not reviewed as equivalent in tests/mutants-equivalent.txt
# (which fails the target). Results are kept in mutants/: a second run tests only what
# changed; `rm -rf mutants` starts over.
mutate: $(STAMP)
	$(BIN)/mutmut run --max-children $(or $(JOBS),2) $(MUTANTS)
	$(BIN)/python tools/mutation_report.py

# The sdist, then a wheel built from it (what a release uploads), checked for PyPI.
dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build
	$(BIN)/twine check --strict dist/*

clean:
	rm -rf $(VENV) .coverage .pytest_cache .mypy_cache .ruff_cache .hypothesis out dist mutants site

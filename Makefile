# Every target works from a fresh clone: the virtualenv is made (and refreshed when
# pyproject.toml changes) by the $(STAMP) rule.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The reference flask-cors 6.0.5 in a venv of its own, so the two flask_cors packages never
# share an interpreter: tests/sync/test_dropin.py and the corpus in tests/compat compare the
# headers both send. Its packages are listed in tests/compat/reference-requirements.txt
# (reinstalled when that list changes).
REF     := .venv-ref
REF_STAMP := $(REF)/.installed
REF_REQUIREMENTS := tests/compat/reference-requirements.txt

.PHONY: test lint typecheck unit browser demo bench clean test-matrix test-package docs mutation

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(REF_STAMP): $(REF_REQUIREMENTS)
	test -x $(REF)/bin/python || $(PYTHON) -m venv $(REF)
	$(REF)/bin/python -m pip install --quiet -r $(REF_REQUIREMENTS)
	touch $(REF_STAMP)

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy over everything; pyright (strict) over the typed usage examples in tests/typing, whose
# expected errors both checkers assert ([tool.pyright] in pyproject.toml).
typecheck: $(STAMP)
	$(BIN)/mypy
	$(BIN)/basedpyright --pythonpath $(BIN)/python

unit: $(STAMP) $(REF_STAMP) browser
	$(BIN)/pytest

# flask-cors 6.0.5's own test suite against this package: its sdist is downloaded from the
# package index into a temporary directory (sha256 checked, nothing kept), and only its tests/
# run; the two that assert regex prefix matching (D1) and the three that expect headers on
# errors under intercept_exceptions=False (D6) are strict xfails.
.PHONY: test-compat
test-compat: $(STAMP)
	$(BIN)/python tests/compat/upstream.py

# Debian's Chromium for tests/e2e: installed when missing and possible (root + apt-get).
browser:
	bash scripts/ensure_chromium.sh

# The page and the Flask and Quart APIs on 127.0.0.1 (ports 8000/5000/5001 when free).
demo: $(STAMP)
	$(BIN)/python -m demo

# Per-request cost against flask-cors 6.0.5 and quart-cors 0.8 (docs/performance.md); the
# references go to their own .bench/ref-venv. Not part of `test`: timings are no assertions.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# The supported versions: lowest and newest Flask 2.x, newest 3.x, lowest and newest Quart,
# each in its own venv under .matrix/ (reused while pyproject.toml is unchanged); first the
# package itself, built and installed in a clean venv.
test-matrix: test-package $(REF_STAMP)
	$(PYTHON) scripts/matrix.py

# sdist + wheel: twine check, py.typed, clean-venv install, import without Quart.
test-package: $(STAMP)
	$(BIN)/python scripts/package_check.py

# The documentation site (docs/conf.py): docs/*.md through MyST plus the API reference from
# the docstrings, into build/docs/html. Its tools (the docs extra) go into the same .venv.
# -E reads every page again, so a warning is never hidden by an earlier build; -W with
# --keep-going fails on any warning after listing them all.
DOCS_STAMP := $(VENV)/.installed-docs

$(DOCS_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,docs]'
	touch $(DOCS_STAMP)

docs: $(DOCS_STAMP)
	$(BIN)/sphinx-build -E -W --keep-going -b html -d build/docs/doctrees docs build/docs/html

# Mutation testing of the core, options, resolver and request pipeline (docs/security.md,
# "Mutation testing"; the modules and tests are [tool.mutmut] in pyproject.toml). Not part of
# `test`: it takes about an hour on one core. Niced, one worker unless MUTATION_JOBS says
# more; results are kept in mutants/, so a second run re-tests only what changed.
MUTATION_JOBS ?= 1
MUTATION_STAMP := $(VENV)/.mutation-installed

$(MUTATION_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,mutation]'
	touch $(MUTATION_STAMP)

mutation: $(MUTATION_STAMP)
	nice -n 19 $(BIN)/mutmut run --max-children $(MUTATION_JOBS)
	$(BIN)/python scripts/mutation_score.py

clean:
	rm -rf $(VENV) $(REF) .bench .matrix .mypy_cache .pytest_cache .ruff_cache dist build mutants

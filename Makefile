# The two commands of the README: `make run` and `make test`.
# Both create .venv with the project's pinned dependencies on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test install os-packages bench clean

run: $(VENV)/.installed
	$(BIN)/dasan console

test: $(VENV)/.installed os-packages
	$(BIN)/python -m pytest

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# OS packages some tests use (Tesseract OCR with Korean data, a Korean font).
# Installed when this machine allows it (root with apt); otherwise those tests
# say why they are skipped.
os-packages:
	@sh scripts/os-packages.sh

bench: $(VENV)/.installed
	for b in benchmarks/*_bench.py benchmarks/*_overhead.py benchmarks/*_e2e.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info

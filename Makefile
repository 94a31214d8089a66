# Two commands: `make run` serves the app with demo data, `make test` runs every test.
# A fresh machine needs only python3; everything else is set up here.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app app
TRANSLATIONS := ideaboard/translations
PO_FILES := $(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)
TEST_WORKERS ?= auto

.PHONY: run test test-sqlite test-postgres setup translations messages chromium lint clean

run: setup instance/config.py
	$(FLASK) ideaboard init-db
	$(FLASK) ideaboard seed-demo --if-empty
	@echo "Ideaboard on http://127.0.0.1:$(PORT)  (log in as staff1 / demo-password)"
	@# the mail worker beside the web server: Ctrl-C, or the web server ending, stops both
	@$(FLASK) ideaboard send-mail & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn --workers 1 --threads 8 --bind 127.0.0.1:$(PORT) --access-logfile - app:app

test: setup chromium
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite:
	$(BIN)/pytest -n $(TEST_WORKERS) -q

test-postgres:
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
	  $(BIN)/pytest -n $(TEST_WORKERS) -q --db=postgres -m "not browser"; \
	else \
	  echo "TEST_DATABASE_URL is not set: the PostgreSQL run is skipped (see README)."; \
	fi

setup: $(VENV)/.installed $(MO_FILES)

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@ >/dev/null

translations: $(MO_FILES)

# For developers: pull new strings out of the code into the catalogs.
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l --ignore-dirs=".* __pycache__" -o $(TRANSLATIONS)/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --ignore-obsolete

# A random SECRET_KEY for this machine, kept out of git (instance/ is ignored).
instance/config.py:
	mkdir -p instance
	$(BIN)/python -c "import secrets; print('SECRET_KEY = %r' % secrets.token_hex(32))" > $@

# Browser tests drive Debian's Chromium; install it when we can (root + apt-get).
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "Could not install chromium: browser tests will be skipped."; \
	  else \
	    echo "chromium is not installed and cannot be installed here: browser tests will be skipped."; \
	  fi; \
	fi

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache $(MO_FILES)

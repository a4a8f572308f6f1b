# Everything a developer needs: `make run` serves the demo, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Links in e-mails and the demo's sign-in hint point at the port `make run` serves on.
export BPO_SITE_URL ?= http://127.0.0.1:$(PORT)
export DJANGO_DEBUG ?= true
# `make run` is the development workflow: its demo also loads into PostgreSQL when DATABASE_URL is set.
export BPO_DEMO_ALLOWED ?= true

.PHONY: run test install migrate messages demo lint format check clean bench load backup restore

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-installs only when pyproject.toml changes, so a second `make run` starts fast.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

migrate: install
	$(BIN)/python manage.py migrate --no-input -v0

demo: migrate
	$(BIN)/python manage.py load_demo

# Web server, Celery worker and beat together (Procfile); Ctrl-C stops all three.
run: messages demo
	@echo "Serving http://127.0.0.1:$(PORT)  (Ctrl-C to stop)"
	PORT=$(PORT) $(BIN)/honcho start -f Procfile.dev

# Tests use bpo/test_settings.py (production-like: DEBUG off).
test: messages
	DJANGO_DEBUG=false $(BIN)/pytest $(PYTEST_ARGS)

# Benchmarks on PostgreSQL (see bench/run.py); results land in bench/results/.
bench: messages
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bpo_bench} DJANGO_DEBUG=false \
	DJANGO_SECRET_KEY=bench-only BPO_PLAIN_STATIC=true $(BIN)/python bench/run.py $(BENCH)

$(VENV)/.bench-installed: pyproject.toml | $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	touch $@

# Load test (bench/load.py, bench/locustfile.py): 50 users walk every role's journeys for 2 minutes
# against gunicorn on PostgreSQL (database created if missing, demo data loaded); fails on any error.
# LOAD_USERS, LOAD_TIME, LOAD_WORKERS override; results in bench/results/load_*.
load: messages $(VENV)/.bench-installed
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bpo_load} DJANGO_DEBUG=false \
	DJANGO_SECRET_KEY=bench-only BPO_PLAIN_STATIC=true BPO_DEMO_ALLOWED=true $(BIN)/python bench/load.py

# PostgreSQL dump + every stored file in one archive (default var/backups/bpo-<time>.tar.gz);
# restore into an EMPTY database: createdb bpo_new && DATABASE_URL=.../bpo_new make restore ARCHIVE=...
backup: install
	$(BIN)/python manage.py backup $(ARCHIVE)

restore: install
	@test -n "$(ARCHIVE)" || (echo "usage: make restore ARCHIVE=var/backups/bpo-....tar.gz" && false)
	$(BIN)/python manage.py restore $(ARCHIVE)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

clean:
	rm -rf $(VENV) var staticfiles db.sqlite3*

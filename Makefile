# The international policy portal: the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test worker bench lint format check clean lock

# Installs exactly the versions in requirements-dev.lock (what CI tested), then the project itself,
# with uv (pinned here): the same versions as pip would install, in a third of the time, compiled
# to bytecode as pip does (every test process and subprocess imports them).
UV_VERSION := 0.13.9
$(STAMP): pyproject.toml requirements.lock requirements-dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv==$(UV_VERSION)
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements-dev.lock
	$(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps -e .
	touch $(STAMP)

## lock: after changing the dependencies in pyproject.toml, pin them again (both lock files)
lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv==$(UV_VERSION)
	$(VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 pyproject.toml -o requirements.lock
	$(VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 --extra dev pyproject.toml -o requirements-dev.lock

## run: install, migrate, load the municipality's data (MUNICIPALITY, default hengelo), create
## demo users and serve on 127.0.0.1:8000. MUNICIPALITY=enschede make run serves Enschede.
MUNICIPALITY ?= hengelo
run: export DEBUG ?= 1
run: export MUNICIPALITY := $(MUNICIPALITY)
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_municipality $(MUNICIPALITY)
	$(PY) manage.py create_demo_users
	$(PY) manage.py load_demo_contacts
	$(PY) manage.py agenda_examples
	$(PY) manage.py load_demo_results
	@echo ""
	@echo "Het portaal draait op http://127.0.0.1:8000  (beheer: http://127.0.0.1:8000/admin/)"
	@echo "Log in met een van de demogebruikers hierboven. Stoppen: Ctrl+C."
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:8000

## test: run the whole test suite (SQLite unless DATABASE_URL is set), one process per core
## (pytest-xdist; TEST_WORKERS=0 runs it in this process, e.g. to debug)
TEST_WORKERS ?= auto
test: $(STAMP)
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadgroup

## worker: a Celery worker against Redis (CELERY_BROKER_URL, default the local Redis)
worker: export CELERY_BROKER_URL ?= redis://127.0.0.1:6379/0
worker: export DEBUG ?= 1
worker: $(STAMP)
	$(VENV)/bin/celery -A hengelo_intl worker --beat --loglevel=INFO --concurrency=2

## bench: time pages and jobs at 1x, 10x and 100x the data (production: gunicorn, PostgreSQL,
## Redis); prints figures and the goals they miss, never fails on them
bench: $(STAMP)
	SECRET_KEY=bench-only DEBUG=0 $(PY) -m bench

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: export DEBUG ?= 1
check: $(STAMP)
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .test-media

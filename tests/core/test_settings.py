"""The settings read the environment: safe defaults, and no start without a secret key."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = (
    "import django; from django.conf import settings; django.setup(); "
    "print(settings.DEBUG, settings.DATABASES['default']['ENGINE'], "
    "settings.CELERY_TASK_ALWAYS_EAGER, settings.LANGUAGE_CODE, settings.TIME_ZONE)"
)


def run_settings(**env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key
        not in (
            "DEBUG",
            "SECRET_KEY",
            "DATABASE_URL",
            "CELERY_BROKER_URL",
            "CACHE_URL",
            "ALLOW_LOCAL_CACHE",
            "ALLOW_IN_PROCESS_TASKS",
            "WEB_CONCURRENCY",
        )
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="hengelo_intl.settings")
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


SINGLE_PROCESS = {"ALLOW_LOCAL_CACHE": "1", "ALLOW_IN_PROCESS_TASKS": "1"}
SERVICES = {"CACHE_URL": "redis://redis.example:6379/1", "CELERY_BROKER_URL": "redis://r:6379/0"}


def test_production_refuses_the_in_process_cache_and_says_what_to_set():
    result = run_settings(SECRET_KEY="x" * 50, CELERY_BROKER_URL="redis://r:6379/0")
    assert result.returncode != 0
    assert "ImproperlyConfigured: CACHE_URL is not set: set CACHE_URL=redis://" in result.stderr
    assert "ALLOW_LOCAL_CACHE=1 when exactly one process serves" in result.stderr


def test_the_in_process_cache_is_refused_for_more_than_one_process_even_when_allowed():
    result = run_settings(
        SECRET_KEY="x" * 50,
        ALLOW_LOCAL_CACHE="1",
        WEB_CONCURRENCY="2",
        CELERY_BROKER_URL="redis://r:6379/0",
    )
    assert result.returncode != 0
    assert "CACHE_URL is not set" in result.stderr
    single = run_settings(SECRET_KEY="x" * 50, ALLOW_LOCAL_CACHE="1", CELERY_BROKER_URL="redis://r")
    assert single.returncode == 0, single.stderr


def test_production_refuses_to_run_tasks_in_the_web_request():
    result = run_settings(SECRET_KEY="x" * 50, CACHE_URL="redis://redis.example:6379/1")
    assert result.returncode != 0
    assert "ImproperlyConfigured: CELERY_BROKER_URL is not set: set CELERY_BROKER_URL=" in (
        result.stderr
    )
    assert "PDFs would otherwise render inside the web request" in result.stderr


def test_production_starts_with_a_shared_cache_and_a_broker():
    result = run_settings(SECRET_KEY="x" * 50, **SERVICES)
    assert result.returncode == 0, result.stderr


def test_with_a_secret_key_and_one_process_debug_is_off_and_defaults_are_embedded():
    result = run_settings(SECRET_KEY="x" * 50, **SINGLE_PROCESS)
    assert result.returncode == 0, result.stderr
    debug, engine, eager, language, zone = result.stdout.split()
    assert debug == "False"
    assert engine == "django.db.backends.sqlite3"
    assert eager == "True"  # no broker: tasks run in-process
    assert language == "nl"
    assert zone == "Europe/Amsterdam"


def test_debug_starts_without_a_secret_key():
    result = run_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True")


def test_database_and_broker_come_from_the_environment():
    result = run_settings(
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://portal@db.example:5432/hengelo",
        CELERY_BROKER_URL="redis://redis.example:6379/0",
        CACHE_URL="redis://redis.example:6379/1",
    )
    assert result.returncode == 0, result.stderr
    _debug, engine, eager, _language, _zone = result.stdout.split()
    assert engine == "core.postgresql"  # Django's, with timestamps read in C
    assert eager == "False"


def manage(*args):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_code_only_commands_run_without_a_key_but_serving_commands_do_not():
    result = manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout
    refused = manage("check", "--deploy")
    assert refused.returncode != 0
    assert "SECRET_KEY is not set" in refused.stderr

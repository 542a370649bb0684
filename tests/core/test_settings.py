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
        if key not in ("DEBUG", "SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL")
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


def test_with_only_a_secret_key_debug_is_off_and_defaults_are_embedded():
    result = run_settings(SECRET_KEY="x" * 50)
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
    )
    assert result.returncode == 0, result.stderr
    _debug, engine, eager, _language, _zone = result.stdout.split()
    assert engine == "django.db.backends.postgresql"
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

"""Settings for the agenda's wrk benchmark: the bench settings plus a URL conf with a constant
page to compare against. Only `bench/agenda.py` uses this, in the gunicorn it starts."""

from bench.settings import *  # noqa: F403

ROOT_URLCONF = "bench._agenda_urls"

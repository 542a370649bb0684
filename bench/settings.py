"""Settings for the benchmarks: production settings (DEBUG off) on a throwaway database."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
# The benchmarks time the portal alone: an in-process cache and tasks, knowingly.
os.environ.setdefault("ALLOW_LOCAL_CACHE", "1")
os.environ.setdefault("ALLOW_IN_PROCESS_TASKS", "1")

from hengelo_intl.settings import *  # noqa: E402,F403

ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

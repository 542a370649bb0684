"""Settings for the test suite: the main settings with a throwaway key and fast hashing."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
# One process; tasks in-process unless CELERY_BROKER_URL is set (the PostgreSQL pass of CI).
os.environ.setdefault("ALLOW_LOCAL_CACHE", "1")
os.environ.setdefault("ALLOW_IN_PROCESS_TASKS", "1")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# The test client and the live server speak plain http; the headers are tested on https requests.
SECURE_SSL_REDIRECT = False

# With pytest-xdist (`make test` runs the suite on every core) each worker process gets its own
# media folder and, with the cache on Redis, its own Redis database: the suite clears the cache
# before every test, which would otherwise empty the other worker's cache in the middle of a test.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if XDIST_WORKER:
    WORKER_INDEX = int(XDIST_WORKER.removeprefix("gw") or 0)
    MEDIA_ROOT = BASE_DIR / f".test-media-{XDIST_WORKER}"  # noqa: F405
    _cache = CACHES["default"]  # noqa: F405
    if _cache["BACKEND"] == "core.cache.FailSafeRedisCache" and WORKER_INDEX:
        _base, _slash, _database = str(_cache["LOCATION"]).rpartition("/")
        if _database.isdigit():
            _cache["LOCATION"] = f"{_base}/{(int(_database) - WORKER_INDEX) % 16}"

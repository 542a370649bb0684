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

"""The Django core: apps, middleware, database, cache, languages, static and media files."""

import re
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (or in .env); "
            "only with DEBUG=1 does the portal start without one."
        )
    SECRET_KEY = "django-insecure-development-only-never-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "import_export",
    "parler",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "core",
    "accounts",
    "networks",
    "proposals",
    "partnercity",
    "budget",
    "contacts",
    "agenda",
    "notifications",
    "projects",
    "representation",
    "results",
    "api",
    "portal",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "api.middleware.ApiVersionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.RejectNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.CSPMiddleware",  # django-csp's, the policy of a plain response built once
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
    # The public page cache innermost, so that every middleware above (axes included: it only
    # acts on sign-in requests, which are never cached) still handles a page served from it.
    "core.page_cache.PublicPageCacheMiddleware",
]

ROOT_URLCONF = "hengelo_intl.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Django's loaders, with crispy-bootstrap5's field template partly in Python (issue 17)
            "loaders": [
                (
                    "core.loaders.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
            ],
        },
    },
]

# Django's widget templates, with the select, input and textarea widgets written in Python
# (issue 17: a select's template costs some 500 calls per option).
FORM_RENDERER = "core.renderers.PortalFormRenderer"

WSGI_APPLICATION = "hengelo_intl.wsgi.application"

# The municipality whose data set the portal serves (core/data/<name>.yaml, loaded with
# `manage.py load_municipality <name>`): its name, address, house style and signatories.
MUNICIPALITY = env.str("MUNICIPALITY", default="hengelo")
if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", MUNICIPALITY):
    raise ImproperlyConfigured(
        f"MUNICIPALITY={MUNICIPALITY!r}: geef de code van een gemeente, bijvoorbeeld enschede."
    )

# One database per municipality: the embedded default keeps each data set in its own file.
DEFAULT_DATABASE_FILE = "db.sqlite3" if MUNICIPALITY == "hengelo" else f"db-{MUNICIPALITY}.sqlite3"
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / DEFAULT_DATABASE_FILE}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend with its timestamps read in C (core/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "core.postgresql"
# Keep connections between requests (opening one costs more than most pages' queries); checked
# before reuse so that a restarted database does not give errors.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("TEST", {})
if env.str("TEST_DATABASE_NAME", default=""):
    DATABASES["default"]["TEST"]["NAME"] = env.str("TEST_DATABASE_NAME")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://hengelo")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # With Redis down the pages are served without the cache (core.cache), and a Redis that
    # hangs costs at most a second before the cache is left alone for a few seconds.
    CACHES["default"]["BACKEND"] = "core.cache.FailSafeRedisCache"
    CACHES["default"].setdefault("OPTIONS", {})
    CACHES["default"]["OPTIONS"].setdefault("socket_connect_timeout", 1)
    CACHES["default"]["OPTIONS"].setdefault("socket_timeout", 1)
PAGE_CACHE_LOCAL_BYTES = env.int("PAGE_CACHE_LOCAL_BYTES", default=32 * 1024 * 1024)
# Signed-in users' own pages (core.private_cache): on unless PRIVATE_PAGE_CACHE=0, kept a few
# minutes at most, besides going stale with every change like the public pages.
PRIVATE_PAGE_CACHE = env.bool("PRIVATE_PAGE_CACHE", default=True)
PRIVATE_PAGE_CACHE_SECONDS = env.int("PRIVATE_PAGE_CACHE_SECONDS", default=300)
PRIVATE_PAGE_CACHE_LOCAL_BYTES = env.int("PRIVATE_PAGE_CACHE_LOCAL_BYTES", default=16 * 1024 * 1024)
# Sessions stay in the database (Django's default): the cached_db engine trusts the cache's own
# timeout for a session's expiry, so the end of a session after a working day without a request
# would depend on Redis's clock instead of the session's expiry date.
# In service an in-process cache is cleared in one process only (a changed event stays stale
# in the others); it is allowed only when one process serves the portal and says so.
if (
    not DEBUG
    and CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    and (
        not env.bool("ALLOW_LOCAL_CACHE", default=False)
        or env.int("WEB_CONCURRENCY", default=1) > 1
    )
):
    raise ImproperlyConfigured(
        "CACHE_URL is not set: set CACHE_URL=redis://host:6379/1 (shared by all server "
        "processes), or ALLOW_LOCAL_CACHE=1 when exactly one process serves the portal."
    )


# Internationalisation: Dutch first, German and English for the public pages.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("de", _("Duits")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates per language: "6 maart 2018", "6. März 2018", "6 March 2018" (hengelo_intl/formats/).
FORMAT_MODULE_PATH = ["hengelo_intl.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
PARLER_DEFAULT_LANGUAGE_CODE = "nl"
PARLER_LANGUAGES = {
    None: ({"code": "nl"}, {"code": "de"}, {"code": "en"}),
    "default": {"fallbacks": ["nl"], "hide_untranslated": False},
}
# Parler would write every translation it loads to the shared cache: a Redis round trip per
# event on the agenda and its feeds (1,279 for the iCalendar feed at 100x, issue 17). The pages
# prefetch their translations, and the page cache keeps the rendered result.
PARLER_ENABLE_CACHING = False

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every layout step at INFO; its warnings are what a log needs.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

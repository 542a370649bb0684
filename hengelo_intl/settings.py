"""Settings for the Hengelo international policy portal, read from the environment.

With nothing set the portal runs on a SQLite file in the project folder and runs Celery tasks
in-process. With DEBUG off it refuses to start without a SECRET_KEY, on the in-process cache
(unless ALLOW_LOCAL_CACHE=1 for one process) and without a broker (unless
ALLOW_IN_PROCESS_TASKS=1): each refusal says in one line what to set.
"""

import re
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

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
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
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
        "APP_DIRS": True,
        "OPTIONS": {
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Sign-in. django-axes counts failed passwords on every login form (/inloggen/, /admin/login/)
# and locks out an account, and separately an address, after LOGIN_FAILURE_LIMIT failures.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "accounts.oidc.RoleMappingBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.security.client_ip"
# How many proxies in front of the portal add to X-Forwarded-For (0: the portal faces clients).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Two-factor sign-in (accounts.twofactor): always for superusers and these roles.
TWO_FACTOR_REQUIRED_ROLES = env.list("TWO_FACTOR_REQUIRED_ROLES", default=["financien"])
OTP_TOTP_ISSUER = "Hengelo Internationaal"
# Sign-in with the municipality's account over OpenID Connect (accounts.oidc), next to the
# local accounts; on when OIDC_RP_CLIENT_ID is set. Endpoints from the discovery document, or
# each one set.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
OIDC_OP_DISCOVERY_URL = env.str("OIDC_OP_DISCOVERY_URL", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_OP_LOGOUT_ENDPOINT = env.str("OIDC_OP_LOGOUT_ENDPOINT", default="")
# The claim that lists the person's groups, and group=role pairs ("beheerder": all rights).
OIDC_ROLE_CLAIM = env.str("OIDC_ROLE_CLAIM", default="groups")
OIDC_ROLE_MAP = env.dict("OIDC_ROLE_MAP", default={})
OIDC_USERNAME_CLAIM = env.str("OIDC_USERNAME_CLAIM", default="preferred_username")
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # for ending the provider's session at sign-out
OIDC_OP_LOGOUT_URL_METHOD = "accounts.oidc.provider_logout_url"
OIDC_TIMEOUT = 10
# Whom a locked-out user asks, e.g. "de servicedesk (servicedesk@hengelo.nl, 074 123 45 67)".
LOGIN_HELP_CONTACT = env.str("LOGIN_HELP_CONTACT", default="")

# Internationalisation: Dutch first, German and English for the public pages.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("de", _("Duits")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
PARLER_DEFAULT_LANGUAGE_CODE = "nl"
PARLER_LANGUAGES = {
    None: ({"code": "nl"}, {"code": "de"}, {"code": "en"}),
    "default": {"fallbacks": ["nl"], "hide_untranslated": False},
}

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

# Content-Security-Policy: every script and stylesheet comes from the portal itself.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The public API (/api/v1/, issue 16): read-only, anonymous, to the NL GOV API Design Rules.
API_VERSION = "1.0.0"
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env.str("API_ANON_RATE", default="600/minute")},
    "EXCEPTION_HANDLER": "api.errors.problem_exception_handler",
    "COERCE_DECIMAL_TO_STRING": False,
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Hengelo Internationaal – open data",
    "DESCRIPTION": (
        "De openbare gegevens van het internationaal beleid van de gemeente Hengelo: "
        "raadsvoorstellen, netwerken, inspanningen, thema's, partnersteden, begroting, de "
        "internationale agenda, lokale partners en raadsdocumenten (Open Raadsinformatie). "
        "Alleen lezen, zonder sleutel; fouten als application/problem+json."
    ),
    "VERSION": API_VERSION,
    "CONTACT": {
        "name": "Gemeente Hengelo, internationaal beleid",
        "email": "gemeente@hengelo.nl",
        "url": "https://www.hengelo.nl",
    },
    "LICENSE": {"name": "CC0 1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/"},
    "SERVERS": [{"url": "/api/v1", "description": "Dit portaal"}],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_problems_and_version",
    ],
}
# The sites that may show the agenda at /agenda/insluiten/ in an iframe (scheme://host), e.g.
# https://www.hengelo.nl; only that page may be framed, and only by these sites.
EMBED_ALLOWED_ORIGINS = env.list("EMBED_ALLOWED_ORIGINS", default=[])
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["API-Version", "Retry-After"]

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# A session ends after a working day without a request (accounts.middleware), not two weeks.
SESSION_COOKIE_AGE = int(env.float("SESSION_IDLE_HOURS", default=9) * 3600)
# The browser features the portal never uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "usb", "xr-spatial-tracking",
    )
}  # fmt: skip
if not DEBUG:
    SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
    # HTTPS only. Behind a proxy that terminates TLS, the proxy says in this header (by default
    # X-Forwarded-Proto) that the browser used https; set it empty when no proxy sets it.
    _proxy_header = env.str("SECURE_PROXY_SSL_HEADER", default="X-Forwarded-Proto")
    if _proxy_header:
        SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# Celery: without a broker the tasks run in-process, so the portal needs nothing else to start
# in development. In service that would render PDFs inside the web request: refuse.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
if not DEBUG and not CELERY_BROKER_URL and not env.bool("ALLOW_IN_PROCESS_TASKS", default=False):
    raise ImproperlyConfigured(
        "CELERY_BROKER_URL is not set: set CELERY_BROKER_URL=redis://host:6379/0 and run a "
        "worker (PDFs would otherwise render inside the web request), or "
        "ALLOW_IN_PROCESS_TASKS=1 for a script or a test."
    )
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Fail fast when Redis is unreachable instead of hanging the request.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 3,
    "socket_connect_timeout": 3,
    "max_retries": 1,
    # A message a dead worker took is delivered again after this many seconds: the longest a
    # task may run (its hard time limit) plus the longest retry back-off (60 s) and a margin.
    # (A render that died is sent again sooner, by its missing heartbeat: proposals.services.)
    "visibility_timeout": env.int(
        "CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT + 60 + 60
    ),
}
# Beat sends again what was requested while Redis was down, and renders whose worker died
# (no heartbeat for 30 s), so those are noticed within a minute (run the worker with --beat).
CELERY_BEAT_SCHEDULE = {
    "dispatch-waiting-exports": {
        "task": "proposals.tasks.dispatch_waiting_exports",
        "schedule": 15.0,
    },
    # Digests that are due and the daily staff reminders (notifications); each goes out once.
    "send-notifications": {
        "task": "notifications.tasks.send_notifications",
        "schedule": 900.0,
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = env.str(
    "CELERY_BEAT_SCHEDULE_FILENAME", default="/tmp/hengelo-celerybeat-schedule"
)

# Outgoing mail: EMAIL_URL, e.g. smtp://user:password@mail.example.org:587 (STARTTLS on port
# 587), smtp+ssl://...:465, or consolemail:// (the default: mail is printed, for development).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
EMAIL_HOST = EMAIL_CONFIG.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = EMAIL_CONFIG.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = EMAIL_CONFIG.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = EMAIL_CONFIG.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_SSL = EMAIL_CONFIG.get("EMAIL_USE_SSL", False)
EMAIL_USE_TLS = EMAIL_CONFIG.get("EMAIL_USE_TLS", False) or (
    EMAIL_BACKEND.endswith("smtp.EmailBackend") and EMAIL_PORT == 587
)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Hengelo Internationaal <internationaal@hengelo.example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's address in e-mails (links to pages, unsubscribe links).
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Daily and weekly digests go out at this hour (weekly on Monday), on the first run after it.
DIGEST_HOUR = env.int("DIGEST_HOUR", default=7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every layout step at INFO; its warnings are what a log needs.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

"""Celery and outgoing mail."""

from django.core.exceptions import ImproperlyConfigured

from .base import DEBUG, MUNICIPALITY, TIME_ZONE, env

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
    # (A render that died is sent again sooner, by its missing heartbeat: proposals.rendering.)
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
    # Checked import files (personal data) are gone within a minute of their 30 minutes.
    "delete-expired-uploads": {
        "task": "core.tasks.delete_expired_uploads",
        "schedule": 60.0,
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
# The sender's address; the portal's mail carries the municipality's portal name with it
# (notifications.mail.sender), unless the setting names a sender itself ("Naam <adres>").
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default=f"internationaal@{MUNICIPALITY}.example.org"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's address in e-mails (links to pages, unsubscribe links).
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Daily and weekly digests go out at this hour (weekly on Monday), on the first run after it.
DIGEST_HOUR = env.int("DIGEST_HOUR", default=7)

"""Celery tasks of the council documents: rendering PDFs and sending what waited for the broker."""

import logging
import random

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_ready
from django.db import InterfaceError
from django.db import OperationalError as DatabaseUnavailable
from django.utils.translation import gettext as _

from . import services

logger = logging.getLogger(__name__)

# Errors that may pass by themselves: the database restarting, a full or busy disk.
TRANSIENT_ERRORS = (DatabaseUnavailable, InterfaceError, OSError)
SOFT_TIME_LIMIT = 120
MAX_RETRIES = 4


def backoff(retries):
    """Seconds to wait before retry number retries + 1: 2, 4, 8, 16, ... at most 60, with jitter."""
    return min(60, 2 ** (retries + 1)) + random.uniform(0, 1)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=SOFT_TIME_LIMIT + 30,
)
def render_document_export(self, export_id):
    """Render in a worker: laying out a long document takes seconds and would block the request.

    Acknowledged only when done, so a worker that dies mid-render leaves the message for the
    next one; rendering is idempotent, so a second delivery finds the export ready and stops.
    """
    try:
        services.render_export(export_id)
    except SoftTimeLimitExceeded:
        services.mark_failed(
            export_id,
            _("Het maken van de PDF duurde langer dan %(seconds)s seconden en is afgebroken.")
            % {"seconds": SOFT_TIME_LIMIT},
        )
    except TRANSIENT_ERRORS as exc:
        logger.warning("Export %s: attempt %s failed: %s", export_id, self.request.retries + 1, exc)
        if self.request.retries >= self.max_retries:
            _record(
                services.mark_failed,
                export_id,
                _("De PDF kon na %(attempts)s pogingen niet worden gemaakt: %(error)s")
                % {"attempts": self.request.retries + 1, "error": exc},
            )
            raise
        _record(
            services.mark_retrying,
            export_id,
            _("Poging %(attempt)s mislukte (%(error)s); de export wordt opnieuw geprobeerd.")
            % {"attempt": self.request.retries + 1, "error": exc},
        )
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc
    except Exception as exc:
        logger.exception("Export %s failed", export_id)
        services.mark_failed(
            export_id, _("De PDF kon niet worden gemaakt: %(error)s") % {"error": exc}
        )


def _record(update, export_id, message):
    """Record a status on the export when the database lets us; the retry goes ahead regardless."""
    try:
        update(export_id, message)
    except TRANSIENT_ERRORS:
        logger.warning("Export %s: could not record %r", export_id, message)


@shared_task
def dispatch_waiting_exports():
    """Send the exports that were requested while the broker was down (run by beat)."""
    return services.dispatch_waiting_exports()


@worker_ready.connect
def dispatch_waiting_on_startup(sender=None, **kwargs):
    """A worker that starts picks up what waited for it."""
    try:
        sent = services.dispatch_waiting_exports()
    except Exception:  # a worker must start even when this cannot run
        logger.exception("Could not send the waiting exports at worker start")
        return
    if sent:
        logger.info("Sent %d waiting export(s) at worker start", sent)

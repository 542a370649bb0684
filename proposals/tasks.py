"""Celery tasks of the council documents: rendering PDFs and sending what waited for the broker.

The work itself is in proposals.rendering; services sends exports here with dispatch_exports().
"""

import logging
from contextlib import nullcontext
from datetime import timedelta

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_ready
from django.db import InterfaceError
from django.db import OperationalError as DatabaseUnavailable
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from core.page_cache import bump_version

from . import rendering
from .constants import ExportStatus
from .models import DocumentExport

logger = logging.getLogger(__name__)

# Errors that may pass by themselves: the database restarting, a full or busy disk.
TRANSIENT_ERRORS = (DatabaseUnavailable, InterfaceError, OSError)
SOFT_TIME_LIMIT = 120
MAX_RETRIES = 4
# An export still queued this long after it was sent was lost (say, with the broker's data):
# dispatch_waiting_exports() sends it again.
STUCK_AFTER = timedelta(minutes=15)


class ExportTask(Task):
    """Record on the export what Celery's retries do, so the griffie sees it."""

    def apply(self, *args, throw=None, **options):
        """Run in-process (no broker) like a worker: an export records its own failure, and
        Celery runs the retries of apply() only when the error is not raised at once."""
        return super().apply(*args, throw=False if throw is None else throw, **options)

    def on_retry(self, exc, task_id, args, kwargs, einfo):
        logger.warning("Export %s: attempt %s failed: %s", args[0], self.request.retries + 1, exc)
        _record(
            rendering.mark_retrying,
            args[0],
            _("Poging %(attempt)s mislukte (%(error)s); de export wordt opnieuw geprobeerd.")
            % {"attempt": self.request.retries + 1, "error": exc},
        )

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        _record(
            rendering.mark_failed,
            args[0],
            _("De PDF kon na %(attempts)s pogingen niet worden gemaakt: %(error)s")
            % {"attempts": self.request.retries + 1, "error": exc},
        )


@shared_task(
    base=ExportTask,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    max_retries=MAX_RETRIES,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=SOFT_TIME_LIMIT + 30,
)
def render_document_export(self, export_id):
    """Render in a worker: laying out a long document takes seconds and would block the request.

    Acknowledged only when done, so a worker that dies mid-render leaves the message for the
    next one; meanwhile its heartbeat stops and beat sends the export again within a minute.
    Rendering is idempotent, so a second delivery finds the export ready and stops. Transient
    errors are retried by Celery (autoretry_for, exponential back-off with jitter).
    """
    beating = rendering.heartbeat(export_id) if not self.request.is_eager else nullcontext()
    with beating:
        try:
            rendering.render_export(export_id)
        except SoftTimeLimitExceeded:
            rendering.mark_failed(
                export_id,
                _("Het maken van de PDF duurde langer dan %(seconds)s seconden en is afgebroken.")
                % {"seconds": SOFT_TIME_LIMIT},
            )
        except TRANSIENT_ERRORS:
            raise  # retried by Celery
        except Exception as exc:
            logger.exception("Export %s failed", export_id)
            rendering.mark_failed(
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
    """Send what waits for the broker, what got lost on the way and what died with its worker.

    Run by beat every 15 seconds and when a worker starts; return how many were sent.
    """
    now = timezone.now()
    rendering.revive_dead_renders(now)
    stuck_since = now - STUCK_AFTER
    export_ids = list(
        DocumentExport.objects.filter(
            Q(status=ExportStatus.WAITING)
            | Q(status=ExportStatus.QUEUED, heartbeat_at__lt=stuck_since)
            | Q(status=ExportStatus.QUEUED, heartbeat_at__isnull=True, requested_at__lt=stuck_since)
        )
        .order_by("requested_at")
        .values_list("pk", flat=True)
    )
    if not export_ids:
        return 0
    return dispatch_exports(export_ids)


@worker_ready.connect
def dispatch_waiting_on_startup(sender=None, **kwargs):
    """A worker that starts picks up what waited for it."""
    try:
        sent = dispatch_waiting_exports()
    except Exception:  # a worker must start even when this cannot run
        logger.exception("Could not send the waiting exports at worker start")
        return
    if sent:
        logger.info("Sent %d waiting export(s) at worker start", sent)


def dispatch_exports(export_ids):
    """Send exports to the worker; on a broker error leave them waiting. Return how many went."""
    app = render_document_export.app
    if app.conf.task_always_eager:
        for export_id in export_ids:
            run_in_process(render_document_export, export_id)
        return len(export_ids)
    sent = 0
    try:
        # A connection of its own, without publish retries: with Redis down this fails within
        # the broker's socket timeouts instead of holding up the griffie's request.
        with app.connection_for_write() as connection:
            connection.ensure_connection(
                max_retries=1, interval_start=0.1, interval_step=0.2, interval_max=0.3
            )
            for export_id in export_ids:
                render_document_export.apply_async((export_id,), connection=connection, retry=False)
                DocumentExport.objects.filter(
                    pk=export_id, status__in=[ExportStatus.WAITING, ExportStatus.QUEUED]
                ).update(status=ExportStatus.QUEUED, heartbeat_at=timezone.now())
                sent += 1
                bump_version()  # update() sends no signal: the griffie's page shows the status
    except (BrokerError, ConnectionError, OSError) as exc:
        logger.warning(
            "Broker unreachable, %d export(s) left waiting: %s", len(export_ids) - sent, exc
        )
    return sent


def run_in_process(task, export_id):
    """Without a broker the task runs here and now; Celery's apply() runs its retries too."""
    result = task.apply((export_id,))
    if result.failed():
        logger.error("Export %s failed in-process: %s", export_id, result.result)

"""Exporting council documents: record the request, hand it to the worker, render, reuse.

The request only builds the HTML (to know its content hash) and records the export; the worker
renders. An export of content that was rendered before reuses that PDF. When the broker is down
the export is kept as waiting and sent later by dispatch_waiting_exports().
"""

import contextlib
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from . import documents
from .constants import CouncilProposalStatus, DecisionOutcome, DocumentKind, ExportStatus
from .documents.contexts import NOT_DECIDED_MESSAGE
from .models import Decision, DocumentExport, PointOutcome

logger = logging.getLogger(__name__)

EXPORT_PERMISSION = "proposals.export_documentexport"
# An export still queued this long after it was sent was lost (say, with the broker's data):
# dispatch_waiting_exports() sends it again.
STUCK_AFTER = timedelta(minutes=15)
# A rendering worker says it is alive every HEARTBEAT_EVERY seconds; a render without a sign of
# life for DEAD_AFTER died with its worker (killed, out of memory) and is sent again, at most
# until it has had MAX_ATTEMPTS attempts (a document that kills every worker fails instead).
HEARTBEAT_EVERY = 10
DEAD_AFTER = timedelta(seconds=30)
MAX_ATTEMPTS = 5


@dataclass
class ExportOutcome:
    export: DocumentExport
    reused: bool = False

    @property
    def broker_down(self):
        """Say whether the export could not be sent and waits for the broker."""
        return self.export.status == ExportStatus.WAITING


def request_export(council_proposal, kind, user):
    """Record an export of a council document and send it to the worker.

    When a ready export was rendered from exactly the same content, its PDF is reused at once.
    """
    source = documents.build_document(kind, council_proposal.case_number)
    previous = find_reusable(kind, source.content_hash)
    now = timezone.now()
    with transaction.atomic():
        if previous is not None:
            export = DocumentExport.objects.create(
                council_proposal=council_proposal,
                kind=kind,
                requested_by=user,
                requested_at=now,
                started_at=now,
                finished_at=now,
                status=ExportStatus.READY,
                content_hash=source.content_hash,
                file=previous.file.name,
                file_size=previous.file_size,
                page_count=previous.page_count,
                render_ms=0,
                reused_from=previous.reused_from or previous,
            )
            return ExportOutcome(export, reused=True)
        export = DocumentExport.objects.create(
            council_proposal=council_proposal,
            kind=kind,
            requested_by=user,
            requested_at=now,
            status=ExportStatus.WAITING,
        )
        # Send what an earlier broker outage left waiting along with this one.
        waiting = list(
            DocumentExport.objects.waiting().exclude(pk=export.pk).values_list("pk", flat=True)
        )
        transaction.on_commit(partial(dispatch_exports, [export.pk, *waiting]))
    export.refresh_from_db()
    return ExportOutcome(export)


def find_reusable(kind, content_hash):
    """Return a ready export of the same content whose PDF is still stored, or None."""
    for export in DocumentExport.objects.reusable(kind, content_hash).select_related("reused_from")[
        :3
    ]:
        if default_storage.exists(export.file.name):
            return export
    return None


def dispatch_exports(export_ids):
    """Send exports to the worker; on a broker error leave them waiting. Return how many went."""
    from .tasks import render_document_export

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


def dispatch_waiting_exports():
    """Send what waits for the broker, what got lost on the way and what died with its worker.

    Run by beat every 15 seconds and when a worker starts; return how many were sent.
    """
    now = timezone.now()
    revive_dead_renders(now)
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


def revive_dead_renders(now):
    """Put renders whose worker stopped giving signs of life back as waiting (or failed)."""
    dead = DocumentExport.objects.filter(
        Q(heartbeat_at__lt=now - DEAD_AFTER)
        | Q(heartbeat_at__isnull=True, started_at__lt=now - DEAD_AFTER),
        status=ExportStatus.RENDERING,
    )
    dead.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=ExportStatus.FAILED,
        finished_at=now,
        error=_(
            "De worker stopte %(attempts)s keer onverwacht tijdens het maken van deze PDF; "
            "de export is gestopt."
        )
        % {"attempts": MAX_ATTEMPTS},
    )
    revived = dead.filter(attempts__lt=MAX_ATTEMPTS).update(
        status=ExportStatus.WAITING,
        error=_(
            "De worker die deze PDF maakte, stopte onverwacht; de export is opnieuw verstuurd."
        ),
    )
    if revived:
        logger.warning("%d export(s) died with their worker; sending them again", revived)
    return revived


@contextlib.contextmanager
def heartbeat(export_id, every=HEARTBEAT_EVERY):
    """While the body runs, say every few seconds that the render of the export is alive."""
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(every):
                DocumentExport.objects.filter(pk=export_id, status=ExportStatus.RENDERING).update(
                    heartbeat_at=timezone.now()
                )
        except Exception:  # a missed heartbeat only means the export may be sent again
            logger.warning("Export %s: heartbeat failed", export_id, exc_info=True)
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"export-{export_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def render_export(export_id):
    """Render one export. Idempotent: an export that is already finished is left alone."""
    claimed = (
        DocumentExport.objects.filter(pk=export_id)
        .exclude(status__in=[ExportStatus.READY, ExportStatus.FAILED])
        .update(
            status=ExportStatus.RENDERING,
            started_at=timezone.now(),
            heartbeat_at=timezone.now(),
            attempts=F("attempts") + 1,
        )
    )
    if not claimed:
        return None
    export = DocumentExport.objects.select_related("council_proposal").get(pk=export_id)
    try:
        source = documents.build_document(export.kind, export.council_proposal.case_number)
    except documents.DocumentNotFound:
        return mark_failed(export_id, _("Het raadsvoorstel is niet (meer) openbaar."))
    except documents.DocumentNotReady as exc:
        return mark_failed(export_id, str(exc))
    previous = find_reusable(export.kind, source.content_hash)
    if previous is not None:
        fields = {
            "file": previous.file.name,
            "file_size": previous.file_size,
            "page_count": previous.page_count,
            "render_ms": 0,
            "reused_from": previous.reused_from or previous,
        }
    else:
        rendered = documents.render_pdf(source, created=export.requested_at)
        fields = {
            "file": store_pdf(source, rendered.pdf),
            "file_size": len(rendered.pdf),
            "page_count": rendered.page_count,
            "render_ms": rendered.render_ms,
        }
    DocumentExport.objects.filter(pk=export_id).update(
        status=ExportStatus.READY,
        content_hash=source.content_hash,
        finished_at=timezone.now(),
        error="",
        **fields,
    )
    return DocumentExport.objects.get(pk=export_id)


def store_pdf(source, pdf):
    """Store a rendered PDF under a name derived from its content hash; return the name.

    The file appears under its name complete or not at all: a worker killed while writing
    leaves only a partial file beside it, and two workers rendering the same content write
    the same bytes.
    """
    name = f"griffie/{source.kind}-{source.case_number}-{source.content_hash[:16]}.pdf"
    try:
        path = Path(default_storage.path(name))
    except NotImplementedError:  # a storage without local files
        if default_storage.exists(name):
            default_storage.delete(name)
        return default_storage.save(name, ContentFile(pdf))
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".partial-", delete=False) as handle:
        handle.write(pdf)
    os.chmod(handle.name, 0o644)
    os.replace(handle.name, path)
    return name


def mark_failed(export_id, reason):
    DocumentExport.objects.filter(pk=export_id).exclude(status=ExportStatus.READY).update(
        status=ExportStatus.FAILED, error=reason, finished_at=timezone.now()
    )


def mark_retrying(export_id, reason):
    DocumentExport.objects.filter(pk=export_id, status=ExportStatus.RENDERING).update(
        status=ExportStatus.QUEUED, error=reason
    )


def render_to_file(kind, case_number, path):
    """Render a council document synchronously to a file, for scripts; return the source."""
    source = documents.build_document(kind, case_number)
    rendered = documents.render_pdf(source)
    with open(path, "wb") as handle:
        handle.write(rendered.pdf)
    return source, rendered


# --- the council's decision (issue 13) -----------------------------------------------------------


def record_decision(form, submissions, commitments, user):
    """Save a decision with its outcomes, the proposals' statuses, amendments, motions and
    toezeggingen: all of it or nothing, each change in the history under the user's name.

    The forms carry core's version check: a decision changed after the form was opened is
    refused before this runs, never silently overwritten.
    """
    council_proposal = form.council_proposal
    with transaction.atomic():
        decision = form.save(commit=False)
        decision.council_proposal = council_proposal
        decision.recorded_by = user
        decision.save()
        for point, outcome, text in form.point_results:
            PointOutcome.objects.update_or_create(
                decision=decision,
                decision_point=point,
                defaults={"outcome": outcome, "amended_text": text},
            )
            decided_on = None if outcome == DecisionOutcome.OPEN else decision.meeting_on
            if (point.outcome, point.decided_on) != (outcome, decided_on):
                point.outcome, point.decided_on = outcome, decided_on
                point.save(update_fields=["outcome", "decided_on"])
        for proposal, status in form.resulting_statuses.items():
            if proposal.status != status:
                proposal.status = status
                proposal.save(update_fields=["status"])
        submissions.instance = decision
        submissions.save()
        commitments.instance = decision
        for commitment in commitments.save(commit=False):
            commitment.council_proposal = council_proposal
            commitment.save()
        for commitment in commitments.deleted_objects:
            commitment.delete()
        settle_motion(council_proposal, decision, form.cleaned_data.get("motion_settled"))
        outcomes = [outcome for _point, outcome, _text in form.point_results]
        if outcomes and all(
            outcome not in (DecisionOutcome.OPEN, DecisionOutcome.POSTPONED) for outcome in outcomes
        ):
            if council_proposal.status != CouncilProposalStatus.DECIDED:
                council_proposal.status = CouncilProposalStatus.DECIDED
                council_proposal.save(update_fields=["status"])
    return decision


def settle_motion(council_proposal, decision, settled):
    """Record (or undo) that the motion the council proposal answers is settled by it."""
    motion = council_proposal.motion
    if motion is None or settled is None:
        return
    if settled and motion.settled_by_id != council_proposal.pk:
        motion.settled_by, motion.settled_on = council_proposal, decision.meeting_on
        motion.save(update_fields=["settled_by", "settled_on"])
    elif not settled and motion.settled_by_id == council_proposal.pk:
        motion.settled_by, motion.settled_on = None, None
        motion.save(update_fields=["settled_by", "settled_on"])


def export_blocked_reason(council_proposal, kind):
    """Return why a document cannot be exported yet, or None when it can."""
    if kind == DocumentKind.COUNCIL_DECISION and not Decision.objects.latest_for(council_proposal):
        return str(NOT_DECIDED_MESSAGE)
    return None

"""The worker's work on exported documents: render an export, store its PDF, keep its status.

Council documents and the yearly report alike: proposals.documents.build_document() builds
either (the yearly report by the builder results registered there).

Imports no services and no tasks (CONTRIBUTING.md): proposals.tasks runs these functions.
"""

import contextlib
import logging
import os
import tempfile
import threading
from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.page_cache import bump_version

from . import documents
from .constants import ExportStatus
from .models import DocumentExport

logger = logging.getLogger(__name__)

# A rendering worker says it is alive every HEARTBEAT_EVERY seconds; a render without a sign of
# life for DEAD_AFTER died with its worker (killed, out of memory) and is sent again, at most
# until it has had MAX_ATTEMPTS attempts (a document that kills every worker fails instead).
HEARTBEAT_EVERY = 10
DEAD_AFTER = timedelta(seconds=30)
MAX_ATTEMPTS = 5


def find_reusable(kind, content_hash):
    """Return a ready export of the same content whose PDF is still stored, or None."""
    for export in DocumentExport.objects.reusable(kind, content_hash).select_related("reused_from")[
        :3
    ]:
        if default_storage.exists(export.file.name):
            return export
    return None


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
    bump_version()  # update() sends no signal: the griffie's page shows the new status
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
    bump_version()
    export = DocumentExport.objects.select_related("council_proposal").get(pk=export_id)
    try:
        source = documents.build_document(export.kind, export.document_key)
    except documents.DocumentNotFound as exc:
        if export.council_proposal_id is None:  # the builder's own message (no plan that year)
            return mark_failed(export_id, str(exc))
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
    bump_version()
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
    bump_version()


def mark_retrying(export_id, reason):
    DocumentExport.objects.filter(pk=export_id, status=ExportStatus.RENDERING).update(
        status=ExportStatus.QUEUED, error=reason
    )
    bump_version()


def render_to_file(kind, case_number, path):
    """Render a council document synchronously to a file, for scripts; return the source."""
    source = documents.build_document(kind, case_number)
    rendered = documents.render_pdf(source)
    with open(path, "wb") as handle:
        handle.write(rendered.pdf)
    return source, rendered

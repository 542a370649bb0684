"""Council PDFs rendered by a real Celery worker on Redis: normal runs, a killed worker, a restart.

These tests need a database that a second process can open and a Redis broker: they run in the
PostgreSQL run of .ci/run, and fail there when Redis is missing.
"""

import os
import signal
import time

import pytest
from django.core.files.storage import default_storage

from proposals import services
from proposals.constants import DocumentKind, ExportStatus
from proposals.models import CouncilProposal, DocumentExport
from tests.worker.support import broker_down, pdf_text, wait_for_export

pytestmark = pytest.mark.worker

CASE = "2200511"


@pytest.fixture
def council_proposal(hengelo):
    return CouncilProposal.objects.get(case_number=CASE)


def test_worker_renders_an_export(start_worker, council_proposal, clerk):
    worker = start_worker()
    outcome = services.request_export(council_proposal, DocumentKind.COUNCIL_PROPOSAL, clerk)
    # Sent to the queue, not rendered in the request; a quick worker may have claimed it already.
    assert outcome.export.status in (ExportStatus.QUEUED, ExportStatus.RENDERING)

    export = wait_for_export(outcome.export.pk, worker=worker)
    assert export.status == ExportStatus.READY, export.error
    assert export.attempts == 1
    assert "render_document_export" in worker.output()  # the worker did it
    with default_storage.open(export.file.name) as handle:
        text = pdf_text(handle.read())
    assert "Voorgesteld besluit" in text and "€ 179.793" in text


def test_killed_worker_mid_render_the_export_still_completes(start_worker, council_proposal, clerk):
    """Kill the worker while it renders; the unacknowledged message goes to the next worker."""
    slow = start_worker("slow", TEST_RENDER_DELAY=30)
    outcome = services.request_export(council_proposal, DocumentKind.COUNCIL_PROPOSAL, clerk)
    wait_for_export(outcome.export.pk, statuses=[ExportStatus.RENDERING], worker=slow)

    slow.kill()
    time.sleep(1)
    export = DocumentExport.objects.get(pk=outcome.export.pk)
    assert export.status == ExportStatus.RENDERING  # nobody finished it
    assert not export.file

    # A new worker takes the message over once Redis considers it abandoned.
    replacement = start_worker("replacement", TEST_VISIBILITY_TIMEOUT=3)
    export = wait_for_export(outcome.export.pk, timeout=60, worker=replacement)
    assert export.status == ExportStatus.READY, export.error
    assert export.attempts == 2
    assert default_storage.exists(export.file.name)
    with default_storage.open(export.file.name) as handle:
        assert "Bijlage B" in pdf_text(handle.read())


def test_a_killed_worker_is_noticed_within_a_minute_and_the_export_sent_again(
    start_worker, council_proposal, clerk
):
    """The whole worker dies; its message stays with Redis for the visibility timeout (minutes),
    but the render's heartbeat stops and the next worker's beat job sends the export again."""
    slow = start_worker("doomed", TEST_RENDER_DELAY=120)
    outcome = services.request_export(council_proposal, DocumentKind.COVER_LETTER, clerk)
    wait_for_export(outcome.export.pk, statuses=[ExportStatus.RENDERING], worker=slow)

    slow.kill()
    killed = time.monotonic()
    start_worker("rescuer", beat=True)  # default visibility timeout: no early redelivery
    # Detected when beat sends it again: the export goes back to waiting or queued, or, when the
    # rescuer takes it at once, straight on to a second attempt.
    deadline = killed + 90
    while True:
        export = DocumentExport.objects.get(pk=outcome.export.pk)
        if export.status in (ExportStatus.WAITING, ExportStatus.QUEUED) or export.attempts >= 2:
            break
        assert time.monotonic() < deadline, f"export still {export.status} after 90 s"
        time.sleep(0.1)
    detected = time.monotonic() - killed
    print(f"dead render detected {detected:.1f} s after the kill")
    assert detected < 60, detected
    export = wait_for_export(outcome.export.pk, timeout=60)
    assert export.status == ExportStatus.READY, export.error
    assert export.attempts == 2


def test_killed_pool_process_is_requeued_at_once(start_worker, council_proposal, clerk):
    """Only the process rendering dies (say, out of memory): the worker re-queues the message."""
    worker = start_worker("pool", TEST_RENDER_DELAY=5, concurrency=1)
    outcome = services.request_export(council_proposal, DocumentKind.COVER_LETTER, clerk)
    wait_for_export(outcome.export.pk, statuses=[ExportStatus.RENDERING], worker=worker)
    _main, *pool = worker.pids()
    assert pool, worker.output()
    os.kill(pool[0], signal.SIGKILL)
    export = wait_for_export(outcome.export.pk, timeout=60, worker=worker)
    assert export.status == ExportStatus.READY, export.error
    assert export.attempts >= 2


def test_exports_that_waited_for_redis_go_out_when_a_worker_starts(
    worker_setup, start_worker, council_proposal, clerk
):
    with broker_down():
        started = time.perf_counter()
        outcome = services.request_export(council_proposal, DocumentKind.COVER_LETTER, clerk)
        assert time.perf_counter() - started < 3
    assert outcome.export.status == ExportStatus.WAITING

    worker = start_worker("startup")  # its startup job sends what waited
    export = wait_for_export(outcome.export.pk, worker=worker)
    assert export.status == ExportStatus.READY, export.error


def test_twenty_exports_at_once_all_finish(start_worker, council_proposal, clerk):
    worker = start_worker("busy", concurrency=2)
    ids = [
        services.request_export(council_proposal, kind, clerk).export.pk
        for kind in [DocumentKind.COUNCIL_PROPOSAL, DocumentKind.COVER_LETTER] * 10
    ]
    for export_id in ids:
        export = wait_for_export(export_id, timeout=120, worker=worker)
        assert export.status == ExportStatus.READY, export.error
    files = set(DocumentExport.objects.filter(pk__in=ids).values_list("file", flat=True))
    assert len(files) == 2  # the same content is stored once per document

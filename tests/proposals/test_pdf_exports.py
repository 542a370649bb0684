"""Exports through the service and the task, in-process: reuse, retries, failures, Redis down.

The task runs eagerly here whatever broker the suite has (the worker tests run it for real).
"""

import time
from datetime import timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import OperationalError
from django.utils import timezone

from hengelo_intl.celery import app as celery_app
from proposals import documents, services, tasks
from proposals.constants import DocumentKind, ExportStatus
from proposals.models import CouncilProposal, DocumentExport, Motion
from proposals.rendering import DEAD_AFTER
from proposals.tasks import render_document_export
from tests.worker.support import broker_down, eager_celery, pdf_text

pytestmark = pytest.mark.django_db

CASE = "2200511"


@pytest.fixture(autouse=True)
def eager():
    with eager_celery():
        yield


@pytest.fixture
def council_proposal(hengelo):
    return CouncilProposal.objects.get(case_number=CASE)


@pytest.fixture
def renders(monkeypatch):
    """Count the real renders, and let a test make the next ones fail."""
    calls = []
    failures = []
    render_pdf = documents.render_pdf

    def counting_render_pdf(*args, **kwargs):
        calls.append(args[0].kind)
        if failures:
            raise failures.pop(0)
        return render_pdf(*args, **kwargs)

    monkeypatch.setattr(documents, "render_pdf", counting_render_pdf)
    counting_render_pdf.calls = calls
    counting_render_pdf.failures = failures
    return counting_render_pdf


def export(council_proposal, user, capture, kind=DocumentKind.COVER_LETTER):
    """Export a document; the short letter unless a test needs the raadsvoorstel."""
    with capture(execute=True):
        outcome = services.request_export(council_proposal, kind, user)
    outcome.export.refresh_from_db()
    return outcome


def test_export_renders_and_stores_the_pdf(
    council_proposal, clerk, renders, django_capture_on_commit_callbacks
):
    outcome = export(
        council_proposal, clerk, django_capture_on_commit_callbacks, DocumentKind.COUNCIL_PROPOSAL
    )
    record = outcome.export
    assert not outcome.reused and not outcome.broker_down
    assert record.status == ExportStatus.READY
    assert record.requested_by == clerk
    assert record.attempts == 1
    assert record.page_count >= 5
    assert record.file.name.startswith(f"griffie/raadsvoorstel-{CASE}-{record.content_hash[:16]}")
    assert record.file_size == default_storage.size(record.file.name)
    with default_storage.open(record.file.name) as handle:
        assert "FINANCIËLE ASPECTEN" in pdf_text(handle.read())
    assert record.content_hash == documents.build_document(record.kind, CASE).content_hash
    assert renders.calls == [DocumentKind.COUNCIL_PROPOSAL]


def test_unchanged_data_reuses_the_stored_pdf(
    council_proposal, clerk, make_user, renders, django_capture_on_commit_callbacks
):
    first = export(council_proposal, clerk, django_capture_on_commit_callbacks).export
    other = make_user("griffie2", "griffie")
    started = time.perf_counter()
    second = export(council_proposal, other, django_capture_on_commit_callbacks)
    elapsed = time.perf_counter() - started

    assert second.reused
    assert second.export.status == ExportStatus.READY
    assert second.export.file.name == first.file.name
    assert second.export.reused_from == first
    assert second.export.requested_by == other
    assert renders.calls == [DocumentKind.COVER_LETTER]
    assert elapsed < 1.0
    # The raadsvoorstel is a different document: rendered, not reused.
    proposal = export(
        council_proposal, clerk, django_capture_on_commit_callbacks, DocumentKind.COUNCIL_PROPOSAL
    )
    assert not proposal.reused
    assert renders.calls == [DocumentKind.COVER_LETTER, DocumentKind.COUNCIL_PROPOSAL]


def test_changed_data_or_a_lost_file_renders_again(
    council_proposal, clerk, renders, django_capture_on_commit_callbacks
):
    first = export(council_proposal, clerk, django_capture_on_commit_callbacks).export
    Motion.objects.filter(case_number="2143558").update(summary="De raad vraagt een plan.")
    second = export(council_proposal, clerk, django_capture_on_commit_callbacks).export
    assert not second.reused_from
    assert second.content_hash != first.content_hash
    assert second.file.name != first.file.name
    with default_storage.open(second.file.name) as handle:
        assert "De raad vraagt een plan." in pdf_text(handle.read())

    default_storage.delete(second.file.name)
    third = export(council_proposal, clerk, django_capture_on_commit_callbacks).export
    assert third.status == ExportStatus.READY
    assert default_storage.exists(third.file.name)
    assert len(renders.calls) == 3


def test_redis_down_leaves_the_export_waiting_and_fails_fast(
    council_proposal, clerk, renders, django_capture_on_commit_callbacks
):
    with broker_down():
        started = time.perf_counter()
        outcome = export(council_proposal, clerk, django_capture_on_commit_callbacks)
        elapsed = time.perf_counter() - started
    assert outcome.broker_down
    assert outcome.export.status == ExportStatus.WAITING
    assert elapsed < 3.0
    assert renders.calls == []

    # The broker is back: the beat job (or a worker that starts) sends what waited.
    assert tasks.dispatch_waiting_exports() == 1
    outcome.export.refresh_from_db()
    assert outcome.export.status == ExportStatus.READY
    assert tasks.dispatch_waiting_exports() == 0


def test_a_new_export_also_sends_what_waited(
    council_proposal, clerk, renders, django_capture_on_commit_callbacks
):
    with broker_down():
        waiting = export(council_proposal, clerk, django_capture_on_commit_callbacks).export
    letter = export(
        council_proposal, clerk, django_capture_on_commit_callbacks, DocumentKind.COVER_LETTER
    ).export
    waiting.refresh_from_db()
    assert waiting.status == ExportStatus.READY
    assert letter.status == ExportStatus.READY


def test_exports_lost_on_the_way_are_sent_again(council_proposal, clerk, renders):
    long_ago = timezone.now() - timedelta(minutes=20)
    lost = DocumentExport.objects.create(
        council_proposal=council_proposal,
        kind=DocumentKind.COVER_LETTER,
        status=ExportStatus.QUEUED,
        requested_at=long_ago,
    )
    recent = DocumentExport.objects.create(
        council_proposal=council_proposal,
        kind=DocumentKind.COUNCIL_PROPOSAL,
        status=ExportStatus.QUEUED,
    )
    assert tasks.dispatch_waiting_exports() == 1
    lost.refresh_from_db()
    recent.refresh_from_db()
    assert lost.status == ExportStatus.READY
    assert recent.status == ExportStatus.QUEUED


def test_a_transient_error_is_retried(
    council_proposal, clerk, renders, django_capture_on_commit_callbacks
):
    renders.failures.append(OperationalError("database restarting"))
    record = export(council_proposal, clerk, django_capture_on_commit_callbacks).export
    assert record.status == ExportStatus.READY
    assert record.attempts == 2
    assert record.error == ""


def test_retries_run_out_into_a_failure_with_the_reason(
    council_proposal, clerk, renders, django_capture_on_commit_callbacks
):
    renders.failures.extend(OperationalError("database gone") for _ in range(10))
    record = export(council_proposal, clerk, django_capture_on_commit_callbacks).export
    assert record.status == ExportStatus.FAILED
    assert record.attempts == render_document_export.max_retries + 1
    assert "na 5 pogingen" in record.error and "database gone" in record.error


def test_a_rendering_error_fails_at_once_with_the_reason(
    council_proposal, clerk, renders, django_capture_on_commit_callbacks
):
    renders.failures.append(ValueError("kapotte opmaak"))
    record = export(council_proposal, clerk, django_capture_on_commit_callbacks).export
    assert record.status == ExportStatus.FAILED
    assert record.attempts == 1
    assert record.error == "De PDF kon niet worden gemaakt: kapotte opmaak"


def test_the_time_limit_fails_the_export(
    council_proposal, clerk, renders, django_capture_on_commit_callbacks
):
    renders.failures.append(SoftTimeLimitExceeded())
    record = export(council_proposal, clerk, django_capture_on_commit_callbacks).export
    assert record.status == ExportStatus.FAILED
    assert "langer dan 120 seconden" in record.error


def test_the_task_is_idempotent(council_proposal, clerk, renders):
    record = DocumentExport.objects.create(
        council_proposal=council_proposal, kind=DocumentKind.COVER_LETTER, requested_by=clerk
    )
    render_document_export.delay(record.pk)
    render_document_export.delay(record.pk)  # a second delivery of the same message
    record.refresh_from_db()
    assert record.status == ExportStatus.READY
    assert record.attempts == 1
    assert renders.calls == [DocumentKind.COVER_LETTER]


def test_a_proposal_that_is_no_longer_public_fails_clearly(council_proposal, clerk, renders):
    record = DocumentExport.objects.create(
        council_proposal=council_proposal, kind=DocumentKind.COUNCIL_PROPOSAL
    )
    CouncilProposal.objects.filter(pk=council_proposal.pk).update(visibility="intern")
    render_document_export.delay(record.pk)
    record.refresh_from_db()
    assert record.status == ExportStatus.FAILED
    assert record.error == "Het raadsvoorstel is niet (meer) openbaar."


def test_a_render_whose_worker_died_is_sent_again_within_a_minute(council_proposal, renders):
    now = timezone.now()

    def rendering(seconds_ago, attempts=1):
        return DocumentExport.objects.create(
            council_proposal=council_proposal,
            kind=DocumentKind.COVER_LETTER,
            status=ExportStatus.RENDERING,
            started_at=now - timedelta(seconds=seconds_ago + 5),
            heartbeat_at=now - timedelta(seconds=seconds_ago),
            attempts=attempts,
        )

    dead, alive, hopeless = rendering(40), rendering(5), rendering(40, attempts=5)
    assert tasks.dispatch_waiting_exports() == 1
    for export in (dead, alive, hopeless):
        export.refresh_from_db()
    assert (dead.status, dead.attempts, dead.error) == (ExportStatus.READY, 2, "")
    assert alive.status == ExportStatus.RENDERING  # its worker is still at it
    assert hopeless.status == ExportStatus.FAILED
    assert "stopte 5 keer onverwacht" in hopeless.error
    assert DEAD_AFTER + timedelta(seconds=15) <= timedelta(minutes=1)


def test_task_settings_for_reliability():
    task = render_document_export
    assert task.acks_late and task.reject_on_worker_lost
    assert task.soft_time_limit == 120 and task.time_limit == 150
    # Celery's own retries: exponential back-off with jitter, no hand-written loop.
    assert OperationalError in task.autoretry_for and task.max_retries == 4
    assert task.retry_backoff and task.retry_jitter and task.retry_backoff_max == 60
    # A message a dead worker held comes back once the longest task could have finished.
    visibility = celery_app.conf.broker_transport_options["visibility_timeout"]
    assert settings.CELERY_TASK_TIME_LIMIT + 60 <= visibility <= 10 * 60
    assert settings.CELERY_BEAT_SCHEDULE["dispatch-waiting-exports"]["schedule"] <= 15
    assert celery_app.conf.worker_prefetch_multiplier == 1
    options = celery_app.conf.broker_transport_options
    assert options["socket_timeout"] <= 5 and options["socket_connect_timeout"] <= 5
    schedule = settings.CELERY_BEAT_SCHEDULE["dispatch-waiting-exports"]
    assert schedule["task"] in celery_app.tasks

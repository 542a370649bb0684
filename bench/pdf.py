"""Council PDFs: the task against bare WeasyPrint, a cache hit, and a real worker under load.

The worker part needs Redis (CELERY_BROKER_URL, or a local Redis on 6379) and a database a
second process can open: on SQLite in memory the benchmark copies the database to a file.
"""

import contextlib
import datetime
import io
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

import weasyprint
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from bench.harness import multiply_hengelo_data, time_ms
from hengelo_intl.celery import app as celery_app
from proposals import documents, services
from proposals.constants import DecisionOutcome, DocumentKind, ExportStatus
from proposals.models import CouncilProposal, Decision, DocumentExport, PointOutcome
from proposals.tasks import render_document_export

CASE = "2200511"
LOCAL_REDIS = "redis://127.0.0.1:6379/13"


def bare_render(source):
    """WeasyPrint on the same HTML with the same options, and nothing else: the floor."""
    html = weasyprint.HTML(
        string=source.html,
        base_url=documents.PORTAL_ORIGIN + "/",
        url_fetcher=documents.PortalURLFetcher(),
    )
    return html.write_pdf(pdf_variant=documents.PDF_VARIANT, custom_metadata=True, pdf_tags=True)


def render_through_task(council_proposal, user):
    """One export through the task, from the live records to the stored file, with no reuse."""
    DocumentExport.objects.all().delete()
    export = DocumentExport.objects.create(
        council_proposal=council_proposal, kind=DocumentKind.COUNCIL_PROPOSAL, requested_by=user
    )
    render_document_export.apply((export.pk,), throw=True)
    assert DocumentExport.objects.get(pk=export.pk).status == ExportStatus.READY


def run(report):
    call_command("load_hengelo", stdout=io.StringIO())
    user = get_user_model().objects.create_user("griffie-bench")
    council_proposal = CouncilProposal.objects.get(case_number=CASE)
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        source = documents.build_document(DocumentKind.COUNCIL_PROPOSAL, CASE)
        pages = documents.render_pdf(source).page_count
        report.line(f"raadsvoorstel {CASE}: {pages} pages, {len(source.html) // 1024} kB HTML")
        # Alternate the two, so that a busy machine weighs on both alike.
        bare, task = [], []
        with celery_config(task_always_eager=True):
            for _round in range(8):
                bare += time_ms(lambda: bare_render(source), repeat=1, warmup=0)
                task += time_ms(
                    lambda: render_through_task(council_proposal, user), repeat=1, warmup=0
                )
        report.timing("bare WeasyPrint, same HTML and options (floor)", bare)
        report.timing("export through the task (build, render, store)", task)
        ratio = statistics.median(task) / statistics.median(bare)
        report.line(f"{'task / bare WeasyPrint (median)':<55} {ratio:8.2f} x   (target <= 1.2)")

        with celery_config(task_always_eager=True):
            services.request_export(council_proposal, DocumentKind.COUNCIL_PROPOSAL, user)
            hits = time_ms(
                lambda: services.request_export(
                    council_proposal, DocumentKind.COUNCIL_PROPOSAL, user
                ),
                repeat=30,
            )
        assert DocumentExport.objects.filter(reused_from__isnull=False).count() >= 30
        report.timing("repeat export of unchanged data (cache hit, < 50 ms)", hits)

        decision_benchmark(report, council_proposal)

        worker_benchmark(report, user)


def decision_benchmark(report, council_proposal):
    """The raadsbesluit beside the raadsvoorstel: build and render each, same machinery."""
    decision = Decision.objects.create(
        council_proposal=council_proposal, meeting_on=datetime.date(2018, 3, 6), number="bench-1"
    )
    for point in council_proposal.decision_points.all():
        PointOutcome.objects.create(
            decision=decision, decision_point=point, outcome=DecisionOutcome.ADOPTED
        )
    for kind in (DocumentKind.COUNCIL_PROPOSAL, DocumentKind.COUNCIL_DECISION):
        rendered = documents.render_pdf(documents.build_document(kind, CASE))
        times = time_ms(
            lambda kind=kind: documents.render_pdf(documents.build_document(kind, CASE)),
            repeat=3,
            warmup=0,
        )
        report.timing(f"{kind}: build and render ({rendered.page_count} pages, PDF/A + UA)", times)
    decision.delete()


@contextlib.contextmanager
def celery_config(**changes):
    old = {key: celery_app.conf.get(key) for key in changes}
    celery_app.conf.update(changes)
    try:
        yield
    finally:
        celery_app.conf.update(old)


def broker_url():
    url = os.environ.get("CELERY_BROKER_URL") or LOCAL_REDIS
    if not url.startswith("redis://"):
        return None
    try:
        with celery_app.connection_for_write(url) as conn:
            conn.ensure_connection(max_retries=1)
    except Exception:
        return None
    return url


@contextlib.contextmanager
def shared_database():
    """Yield a DATABASE_URL a worker can open: the same database, or a file copy of SQLite."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
        yield (
            f"postgres://{settings['USER']}{password}@{settings.get('HOST') or '127.0.0.1'}:"
            f"{settings.get('PORT') or 5432}/{settings['NAME']}"
        )
        return
    if not connection.is_in_memory_db():
        yield f"sqlite:///{settings['NAME']}"
        return
    # Copy the in-memory database to a file and work on the file while the worker runs.
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "bench-pdf.sqlite3")
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        memory, old_name = connection.connection, settings["NAME"]
        connection.connection = None
        settings["NAME"] = path
        try:
            yield f"sqlite:///{path}"
        finally:
            connection.close()
            settings["NAME"] = old_name
            connection.connection = memory


def start_worker(database_url, url, concurrency):
    log = tempfile.NamedTemporaryFile(prefix="bench-worker-", suffix=".log", delete=False)  # noqa: SIM115
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": url,
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT", ""),
        "LOG_LEVEL": "INFO",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "hengelo_intl",
            "worker",
            f"--concurrency={concurrency}",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            f"--hostname=bench-pdf-{os.getpid()}@%h",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while " ready." not in open(log.name).read():  # noqa: SIM115
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(open(log.name).read())  # noqa: SIM115
        time.sleep(0.2)
    return process, log.name


def pool_rss_kb(process):
    """Resident memory of the worker's pool processes, in kB."""
    result = subprocess.run(
        ["ps", "-o", "pid=,rss=", "-g", str(process.pid)], capture_output=True, text=True
    )
    rows = [line.split() for line in result.stdout.splitlines() if line.strip()]
    return sum(int(rss) for pid, rss in rows if int(pid) != process.pid)


def queue_round(council_proposals, user):
    """Queue one export of both documents of every council proposal at once; wait for all."""
    DocumentExport.objects.all().delete()  # nothing to reuse: every export renders
    started = time.perf_counter()
    ids = [
        services.request_export(council_proposal, kind, user).export.pk
        for council_proposal in council_proposals
        for kind in DocumentKind.values
    ]
    deadline = time.monotonic() + 300
    while DocumentExport.objects.filter(pk__in=ids, status=ExportStatus.READY).count() < len(ids):
        failed = DocumentExport.objects.filter(pk__in=ids, status=ExportStatus.FAILED)
        if failed.exists() or time.monotonic() > deadline:
            raise RuntimeError(f"exports not finished: {list(failed.values('pk', 'error'))}")
        time.sleep(0.1)
    return len(ids), time.perf_counter() - started


def worker_benchmark(report, user):
    url = broker_url()
    if url is None:
        report.line("worker under load: skipped, no Redis (set CELERY_BROKER_URL=redis://…)")
        return
    multiply_hengelo_data(10)  # ten council proposals: twenty different documents
    council_proposals = list(CouncilProposal.objects.public().order_by("pk")[:10])
    with (
        shared_database() as database_url,
        tempfile.TemporaryDirectory() as media,
        override_settings(MEDIA_ROOT=media),
        celery_config(task_always_eager=False, broker_url=url, broker_write_url=url),
    ):
        os.environ["MEDIA_ROOT"] = media
        with celery_app.connection_for_write() as conn:
            celery_app.control.purge(connection=conn)
        process, log = start_worker(database_url, url, concurrency=2)
        try:
            count, seconds = queue_round(council_proposals, user)
            report.line(
                f"{count} exports queued at once, worker concurrency 2: all ready, none lost, "
                f"{seconds:.1f} s in total ({1000 * seconds / count:.0f} ms per export)"
            )
            baseline = pool_rss_kb(process)
            renders = 0
            while renders < 100:
                done, _seconds = queue_round(council_proposals, user)
                renders += done
            after = pool_rss_kb(process)
            growth = 100 * (after - baseline) / baseline
            report.line(
                f"worker pool memory after {count} renders {baseline / 1024:.0f} MB, "
                f"after {renders} more {after / 1024:.0f} MB ({growth:+.1f} %, target <= 20 %)"
            )
        finally:
            os.killpg(process.pid, signal.SIGQUIT)
            process.wait(timeout=20)
            os.unlink(log)
            os.environ.pop("MEDIA_ROOT", None)

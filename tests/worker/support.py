"""Helpers for the council-PDF tests: reading PDFs, Celery modes, real worker processes."""

import contextlib
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection
from pypdf import PdfReader

from hengelo_intl.celery import app as celery_app
from proposals.constants import ExportStatus
from proposals.models import DocumentExport
from tests.conftest import require, service_reachable

BASE_DIR = Path(settings.BASE_DIR)
FINISHED = (ExportStatus.READY, ExportStatus.FAILED)


# --- reading PDFs --------------------------------------------------------------------------------


def normalise(text):
    """Collapse every kind of white space (line breaks, no-break spaces) to one space."""
    return re.sub(r"\s+", " ", text).strip()


def joined(text):
    """The text with words that a line break split after a hyphen put back together."""
    return re.sub(r"(?<=\w)- (?=\w)", "-", text)


def pdf_reader(pdf_bytes):
    return PdfReader(io.BytesIO(pdf_bytes))


def pdf_pages(pdf_bytes):
    """The text of each page, normalised."""
    return [normalise(page.extract_text() or "") for page in pdf_reader(pdf_bytes).pages]


class PdfText(str):
    """Text extracted from a PDF; `in` also finds words a line break split after a hyphen."""

    def __contains__(self, needle):
        return str.__contains__(self, needle) or needle in joined(str(self))


def pdf_text(pdf_bytes):
    """All text of a PDF, normalised."""
    return PdfText(" ".join(pdf_pages(pdf_bytes)))


def qpdf_check(path):
    """Run qpdf --check on a PDF file and return its output; fail when qpdf finds errors."""
    require(bool(shutil.which("qpdf")), "qpdf is not installed (apt-get install qpdf)")
    result = subprocess.run(
        ["qpdf", "--check", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


# --- Celery modes --------------------------------------------------------------------------------


@contextlib.contextmanager
def celery_config(**changes):
    """Change the Celery app's configuration for the duration of a test."""
    old = {key: celery_app.conf.get(key) for key in changes}
    celery_app.conf.update(changes)
    try:
        yield celery_app
    finally:
        celery_app.conf.update(old)


def eager_celery():
    """Run tasks in-process, whatever broker the suite was started with."""
    return celery_config(task_always_eager=True, task_eager_propagates=True)


def closed_port():
    """A local TCP port on which nothing listens: connecting to it is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def broker_down():
    """Point the broker at a closed port and stop running tasks in-process."""
    url = f"redis://127.0.0.1:{closed_port()}/0"
    return celery_config(
        task_always_eager=False, broker_url=url, broker_write_url=url, broker_read_url=url
    )


# --- a real worker -------------------------------------------------------------------------------


def shared_database_url():
    """The URL of the test database for a second process, or None when it cannot open it."""
    data = connection.settings_dict
    engine = data["ENGINE"]
    if engine.endswith("sqlite3"):
        name = str(data["NAME"])
        if connection.is_in_memory_db() or not name or name.startswith("file:"):
            return None
        return f"sqlite:///{name}"
    if engine.endswith("postgresql"):
        credentials = quote(data["USER"] or "")
        if data.get("PASSWORD"):
            credentials += ":" + quote(data["PASSWORD"])
        host = data.get("HOST") or "127.0.0.1"
        port = data.get("PORT") or 5432
        return f"postgres://{credentials}@{host}:{port}/{data['NAME']}"
    return None


def require_worker_setup():
    """Skip unless a worker can share the test database and a Redis broker is configured.

    On SQLite in memory no second process can see the test data, so the worker tests run in
    the PostgreSQL run of .ci/run; there, Redis must be up, or the test fails.
    """
    import pytest

    database_url = shared_database_url()
    if database_url is None:
        pytest.skip("the worker tests need a database a second process can open (PostgreSQL)")
    broker_url = os.environ.get("CELERY_BROKER_URL", "")
    if not broker_url.startswith("redis://"):
        pytest.skip("the worker tests need CELERY_BROKER_URL=redis://… (the PostgreSQL run)")
    host_port = broker_url.split("//", 1)[1].split("/", 1)[0]
    host, _sep, port = host_port.rpartition(":")
    require(service_reachable(host or "127.0.0.1", int(port or 6379)), f"Redis at {host_port}")
    return database_url, broker_url


class WorkerProcess:
    """A Celery worker in its own process group, on the test database and the real Redis."""

    def __init__(self, database_url, broker_url, name, concurrency=1, beat=False, **environment):
        self.name = f"{name}-{os.getpid()}@%h"
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in stop()
            prefix="worker-", suffix=".log", delete=False
        )
        self.schedule = Path(tempfile.mkdtemp(prefix="beat-")) / "schedule"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "hengelo_intl.settings_test",
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": broker_url,
            "PYTHONUNBUFFERED": "1",
            **{key: str(value) for key, value in environment.items()},
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.worker.run_worker",
                f"--concurrency={concurrency}",
                f"--hostname={self.name}",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--pool=prefork",
                *(["--beat", f"--schedule={self.schedule}"] if beat else []),
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def output(self):
        return Path(self.log.name).read_text(errors="replace")

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if " ready." in self.output():
                return self
            if self.process.poll() is not None:
                raise AssertionError(f"worker exited early:\n{self.output()}")
            time.sleep(0.1)
        raise AssertionError(f"worker not ready after {timeout} s:\n{self.output()}")

    def pids(self):
        """The worker's main process and its pool processes."""
        result = subprocess.run(
            ["ps", "-o", "pid=", "-g", str(self.process.pid)], capture_output=True, text=True
        )
        return [int(pid) for pid in result.stdout.split()]

    def kill(self):
        """Kill the whole worker at once, as a crash or an OOM kill would."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            # Cold shutdown: the test is over, nothing is waited for.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGQUIT)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.log.name)
        shutil.rmtree(self.schedule.parent, ignore_errors=True)


def purge_queue():
    """Drop messages that earlier tests left in the test broker, so a worker starts clean."""
    with celery_app.connection_for_write() as conn:
        celery_app.control.purge(connection=conn)


def wait_for_export(export_id, statuses=FINISHED, timeout=60, worker=None):
    """Poll the database until the export reaches one of the statuses; return it."""
    deadline = time.monotonic() + timeout
    while True:
        export = DocumentExport.objects.get(pk=export_id)
        if export.status in statuses:
            return export
        if time.monotonic() > deadline:
            log = worker.output() if worker else ""
            raise AssertionError(
                f"export {export_id} still {export.status} after {timeout} s\n{log}"
            )
        time.sleep(0.1)

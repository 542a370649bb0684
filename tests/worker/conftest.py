"""Fixtures that start real Celery workers on the test database and the real Redis."""

import os

import pytest

from tests.worker.support import (
    WorkerProcess,
    celery_config,
    purge_queue,
    require_worker_setup,
)


@pytest.fixture
def worker_setup(request, transactional_db):
    """The database URL and broker URL a worker process uses; skips where none can run."""
    if os.environ.get("PYTEST_XDIST_WORKER") and request.config.getvalue("loadgroup"):
        # Two xdist processes running worker tests at once purge and consume each other's
        # messages: tests/conftest.py puts them all in one group.
        assert request.node.nodeid.endswith("@real-worker"), request.node.nodeid
    database_url, broker_url = require_worker_setup()
    with celery_config(task_always_eager=False, broker_url=broker_url):
        purge_queue()
        yield database_url, broker_url


@pytest.fixture
def start_worker(worker_setup):
    """Start workers on demand; every one is stopped at the end of the test."""
    database_url, broker_url = worker_setup
    workers = []

    def start(name="worker", concurrency=1, beat=False, **environment):
        worker = WorkerProcess(database_url, broker_url, name, concurrency, beat, **environment)
        workers.append(worker)
        return worker.wait_ready()

    yield start
    for worker in workers:
        worker.stop()

"""The public API (issue 16): requests per second of its list endpoints at 10x the Hengelo data,
as a ratio to a constant JSON answer in the same gunicorn (wrk on loopback), and the in-process
cost of a list rendered afresh. Target for the (page-cached) lists: ratio >= 0.5."""

import os
import shutil
import tempfile
from pathlib import Path

from django.test import Client

from bench.agenda import WRK_ROUNDS, WRK_SECONDS
from bench.harness import (
    CONSTANT_JSON,
    WRK,
    alternated_rounds,
    gunicorn,
    prepare_database,
    ratio_line,
    server_env,
    time_ms,
)

ENDPOINTS = [
    ("raadsvoorstellen", "/api/v1/raadsvoorstellen"),
    ("netwerken", "/api/v1/netwerken?limit=100"),
    ("inspanningen 2018", "/api/v1/inspanningen?jaar=2018"),
    ("begrotingsregels", "/api/v1/begrotingsregels?limit=100"),
    ("evenementen, German", "/api/v1/evenementen?taal=de&limit=50"),
    ("besluiten", "/api/v1/besluiten"),
]
SEED = (
    "from bench.harness import multiply_hengelo_data\n"
    "from bench.agenda import seed_events\n"
    "multiply_hengelo_data(10)\n"
    "seed_events(400)"
)


def run_in_process(report):
    from django.conf import settings

    client = Client()
    # A session cookie keeps the page cache out of it: every answer is rendered.
    client.cookies[settings.SESSION_COOKIE_NAME] = "bench"
    for label, path in ENDPOINTS:
        status = client.get(path, secure=True).status_code
        assert status == 200, (path, status)
        report.timing(
            f"{label}, rendered afresh, 10x",
            time_ms(lambda path=path: client.get(path, secure=True), repeat=10),
        )


def run_server_benchmark(report):
    if WRK is None:
        report.line("wrk is not installed (apt-get install wrk): server benchmark skipped")
        return
    workdir = Path(tempfile.mkdtemp(prefix="api-bench-"))
    env = server_env(
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        SECURE_SSL_REDIRECT="0",
        API_ANON_RATE="100000000/minute",
    )
    try:
        if error := prepare_database(env, SEED, timeout=600):
            report.line(f"preparing the server's database failed: {error}; skipped")
            return
        with gunicorn(env, constant=CONSTANT_JSON) as base:
            if base is None:
                report.line("gunicorn did not start: server benchmark skipped")
                return
            report.line(
                f"gunicorn, 2 workers, loopback; wrk -t2 -c8 -d{WRK_SECONDS}s, {WRK_ROUNDS} "
                "rounds, each right after one on a constant JSON answer; 10x the Hengelo data, "
                "400 events"
            )
            for label, path in ENDPOINTS:
                figures = alternated_rounds(
                    base, path, constant=CONSTANT_JSON, rounds=WRK_ROUNDS, seconds=WRK_SECONDS
                )
                report.line(ratio_line(label, figures, 0.5))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(report):
    from django.core.management import call_command

    from bench.agenda import seed_events
    from bench.harness import multiply_hengelo_data

    call_command("load_hengelo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    multiply_hengelo_data(10)
    seed_events(400)
    run_in_process(report)
    run_server_benchmark(report)

"""The public API (issue 16): requests per second of its list endpoints at 10x the Hengelo data,
as a ratio to a constant JSON answer in the same gunicorn (wrk on loopback), and the in-process
cost of a list rendered afresh. Target for the (page-cached) lists: ratio >= 0.5."""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from django.test import Client

from bench.agenda import WRK, WRK_ARGS, WRK_ROUNDS, free_port, wait_for, wrk_rps
from bench.harness import time_ms

ROOT = Path(__file__).resolve().parent.parent
ENDPOINTS = [
    ("raadsvoorstellen", "/api/v1/raadsvoorstellen"),
    ("netwerken", "/api/v1/netwerken?limit=100"),
    ("inspanningen 2018", "/api/v1/inspanningen?jaar=2018"),
    ("begrotingsregels", "/api/v1/begrotingsregels?limit=100"),
    ("evenementen, German", "/api/v1/evenementen?taal=de&limit=50"),
    ("besluiten", "/api/v1/besluiten"),
]
SEED = (
    "import django; django.setup(); from bench.harness import multiply_hengelo_data; "
    "from bench.agenda import seed_events; multiply_hengelo_data(10); seed_events(400)"
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
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench._agenda_settings",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "API_ANON_RATE": "100000000/minute",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only"),
        "PYTHONPATH": str(ROOT),
    }
    python = sys.executable
    manage = [python, str(ROOT / "manage.py")]
    quiet = {"cwd": ROOT, "env": env, "check": True, "capture_output": True, "timeout": 600}
    try:
        subprocess.run([*manage, "migrate", "--noinput"], **quiet)
        subprocess.run([*manage, "load_hengelo"], **quiet)
        subprocess.run([python, "-c", SEED], **quiet)
    except subprocess.CalledProcessError as error:
        last = (error.stderr or b"").decode(errors="replace").strip().splitlines()[-1:]
        report.line(f"preparing the server's database failed: {' '.join(last)}; skipped")
        shutil.rmtree(workdir, ignore_errors=True)
        return
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = Path(python).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "hengelo_intl.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if not wait_for(f"{base}/bench/constant.json"):
            report.line("gunicorn did not start: server benchmark skipped")
            return
        for _label, path in ENDPOINTS:
            for _ in range(4):  # fill each worker's cache
                urllib.request.urlopen(base + path, timeout=30).read()
        report.line(
            f"gunicorn, 2 workers, loopback; wrk {' '.join(WRK_ARGS)}, {WRK_ROUNDS} rounds, each "
            "right after one on a constant JSON answer; 10x the Hengelo data, 400 events"
        )
        for label, path in ENDPOINTS:
            rounds = []
            for _ in range(WRK_ROUNDS):
                constant = wrk_rps(f"{base}/bench/constant.json")
                rounds.append((wrk_rps(base + path), constant))
            ratios = sorted(page / constant for page, constant in rounds if constant)
            ratio = statistics.median(ratios) if ratios else 0.0
            page = statistics.median(page for page, _constant in rounds)
            constant = statistics.median(constant for _page, constant in rounds)
            report.line(
                f"{label:<24} {page:6.0f} req/s, constant JSON {constant:6.0f} req/s, "
                f"ratio {ratio:4.2f} (rounds {ratios[0]:.2f}-{ratios[-1]:.2f}; target >= 0.5)"
            )
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
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

"""The portal as it runs in production: gunicorn with 2 workers, DEBUG off, PostgreSQL and the
cache on Redis (issue 17).

For each scale (BENCH_SCALES, default "1,10"; "1,10,100" for the full run) the database gets that
many times the Hengelo data, and every page is measured with wrk on loopback in rounds that
alternate with a constant page served by the same gunicorn, so that load from elsewhere on the
machine hits both sides of a ratio alike. Reported per page: requests per second, p50 and p99
latency, and the median ratio to the constant page with its range. Anonymous pages are asked
with the header a TLS-terminating proxy sets; logged-in pages carry a real session cookie.

Without PostgreSQL or Redis on 127.0.0.1 the bench tries to start them (as .ci/run does); if
that fails it says so and measures on SQLite with the in-process cache, which is not the
production configuration. BENCH_PRODUCTION=0 skips this module.
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.agenda import free_port

ROOT = Path(__file__).resolve().parent.parent
WRK = shutil.which("wrk")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "1"))
WRK_ARGS = ["-t2", "-c8", f"-d{SECONDS}s", "--latency"]
PROXY_HEADER = "X-Forwarded-Proto: https"
PG_URL = "postgres://postgres@127.0.0.1:5432/hengelo_bench_production"
REDIS = "redis://127.0.0.1:6379"

ANONYMOUS_PAGES = [
    ("home", "/"),
    ("proposals", "/voorstellen/"),
    ("a council proposal", "/voorstellen/2200511/"),
    ("a proposal", "/voorstellen/2200511/6/"),
    ("networks", "/netwerken/"),
    ("a network", "/netwerken/eurocities/"),
    ("efforts", "/inspanningen/"),
    ("themes", "/themas/"),
    ("partner city", "/partnerstad/emsdetten/"),
    ("budget", "/begroting/"),
    ("derivation", "/begroting/afleiding/"),
    ("agenda", "/agenda/"),
    ("agenda, German", "/de/agenda/"),
    ("an event", "/agenda/bench-evenement-3/"),
    ("iCalendar feed", "/agenda/feed.ics"),
    ("RSS feed", "/agenda/feed.rss"),
    ("partners", "/partners/"),
    ("search results", "/zoeken/?q=emsdetten"),
]
# (label, path, role): logged-in pages, with a session of a user in that role.
LOGGED_IN_PAGES = [
    ("contacts: organisations", "/contacten/", "accountmanager"),
    ("contacts: my follow-ups", "/contacten/opvolging/", "accountmanager"),
    ("griffie", "/griffie/", "griffie"),
    ("proposals, logged in", "/voorstellen/", "raadslid"),
]

SEED = """
import django
django.setup()
from bench.production import seed
seed({previous}, {factor})
"""
SESSION = """
import django
django.setup()
from bench.production import session_for
print(session_for({role!r}))
"""


def seed(previous, factor):
    """Grow the database from `previous` to `factor` times the Hengelo data."""
    from bench.agenda import seed_events
    from tests.factories import scale_hengelo_data

    scale_hengelo_data(factor, start=max(previous, 1))
    seed_events(100 * (factor - previous))


def session_for(role):
    """Create a user in the role with a signed-in session; return the session key."""
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore

    user, _created = get_user_model().objects.get_or_create(username=f"bench-{role}")
    user.groups.add(Group.objects.get(name=role))
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def reachable(command):
    return subprocess.run(command, capture_output=True).returncode == 0


def ensure_services(report):
    """Start PostgreSQL and Redis as .ci/run does when they are not running; return URLs."""
    pg = ["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"]
    redis = ["redis-cli", "-h", "127.0.0.1", "ping"]
    if shutil.which("pg_isready") and not reachable(pg) and Path("/etc/postgresql").is_dir():
        version = sorted(os.listdir("/etc/postgresql"))[-1]
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"])
    if shutil.which("redis-server") and not reachable(redis):
        subprocess.run(["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--save", ""])
    for _ in range(30):
        if (not shutil.which("pg_isready") or reachable(pg)) and (
            not shutil.which("redis-cli") or reachable(redis)
        ):
            break
        time.sleep(1)
    has_pg = bool(shutil.which("pg_isready")) and reachable(pg)
    has_redis = bool(shutil.which("redis-cli")) and reachable(redis)
    if not (has_pg and has_redis):
        report.line(
            "PostgreSQL or Redis is not available: measuring on SQLite with the in-process "
            "cache and one worker (NOT the production configuration)"
        )
    return has_pg, has_redis


def wrk(url, cookie=None):
    headers = ["-H", PROXY_HEADER] + (["-H", f"Cookie: sessionid={cookie}"] if cookie else [])
    output = subprocess.run(
        [WRK, *WRK_ARGS, *headers, url], capture_output=True, text=True, timeout=SECONDS + 60
    ).stdout
    if errors := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        raise RuntimeError(f"{url}: {errors.group(1)} error responses")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {}
    for percentile in ("50", "99"):
        match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        latency[percentile] = value / 1000 if unit == "us" else value * (1000 if unit == "s" else 1)
    return rps, latency["50"], latency["99"]


def get(url, cookie=None):
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    if cookie:
        request.add_header("Cookie", f"sessionid={cookie}")
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        return response.status


def measure(report, base, label, path, cookie=None, target=0.8):
    for _ in range(4):  # warm each worker (and its page cache)
        get(base + path, cookie)
    rounds = []
    for _ in range(ROUNDS):
        constant = wrk(f"{base}/bench/constant/")[0]
        rounds.append((wrk(base + path, cookie), constant))
    ratios = sorted(page[0] / constant for page, constant in rounds if constant)
    rps = statistics.median(page[0] for page, _constant in rounds)
    p50 = statistics.median(page[1] for page, _constant in rounds)
    p99 = statistics.median(page[2] for page, _constant in rounds)
    ratio = statistics.median(ratios)
    verdict = "ok" if ratio >= target else "BELOW"
    report.line(
        f"{label:<28} {rps:7.0f} req/s  p50 {p50:7.2f} ms  p99 {p99:7.2f} ms  ratio {ratio:5.3f} "
        f"({ratios[0]:.3f}-{ratios[-1]:.3f}; target >= {target}: {verdict})"
    )


def run(report):
    if os.environ.get("BENCH_PRODUCTION", "1") == "0":
        report.line("BENCH_PRODUCTION=0: skipped")
        return
    if WRK is None:
        report.line("wrk is not installed (apt-get install wrk): skipped")
        return
    has_pg, has_redis = ensure_services(report)
    production = has_pg and has_redis
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench._agenda_settings",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only"),
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": PG_URL if production else "sqlite:////tmp/hengelo-bench-production.db",
        "CACHE_URL": f"{REDIS}/12" if production else "locmemcache://bench",
        "CELERY_BROKER_URL": f"{REDIS}/11" if production else "",
    }
    python = sys.executable
    quiet = {"cwd": ROOT, "env": env, "check": True, "capture_output": True, "timeout": 3600}
    if production:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists",
                        "hengelo_bench_production"], check=True)  # fmt: skip
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres",
                        "hengelo_bench_production"], check=True)  # fmt: skip
        subprocess.run(["redis-cli", "-n", "12", "flushdb"], capture_output=True)
    else:
        Path("/tmp/hengelo-bench-production.db").unlink(missing_ok=True)
    subprocess.run([python, "manage.py", "migrate", "--noinput"], **quiet)
    subprocess.run([python, "manage.py", "load_hengelo"], **quiet)
    scales = [int(scale) for scale in os.environ.get("BENCH_SCALES", "1,10").split(",")]
    workers = "2" if production else "1"
    previous = 0
    for factor in scales:
        started = time.perf_counter()
        subprocess.run([python, "-c", SEED.format(previous=previous, factor=factor)], **quiet)
        previous = factor
        report.line(
            f"\n-- {factor}x the Hengelo data ({100 * factor} events), "
            f"seeded in {time.perf_counter() - started:.0f} s; gunicorn {workers} workers, "
            f"{'PostgreSQL + Redis' if production else 'SQLite + in-process cache'}; "
            f"wrk {' '.join(WRK_ARGS)}, {ROUNDS} rounds"
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [str(Path(python).with_name("gunicorn")), "hengelo_intl.wsgi", "--workers", workers,
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            for _ in range(100):
                try:
                    get(f"{base}/bench/constant/")
                    break
                except OSError:
                    time.sleep(0.2)
            report.line("anonymous pages (target >= 0.8 of the constant page)")
            for label, path in ANONYMOUS_PAGES:
                measure(report, base, label, path)
            report.line("logged-in pages (target >= 0.1 of the constant page)")
            for label, path, role in LOGGED_IN_PAGES:
                session = subprocess.run(
                    [python, "-c", SESSION.format(role=role)], **quiet, text=True
                ).stdout.strip()
                measure(report, base, label, path, cookie=session, target=0.1)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()

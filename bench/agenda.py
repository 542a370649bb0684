"""The public agenda: requests per second for anonymous visitors under gunicorn, measured with
wrk on loopback against a constant page in the same server, and the in-process cost of a page
served from the cache and rendered afresh, at 1x and 10x events."""

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

from django.core.cache import cache
from django.test import Client

from bench.harness import time_ms

ROOT = Path(__file__).resolve().parent.parent
WRK = shutil.which("wrk")
WRK_SECONDS = 2
WRK_ROUNDS = 5
WRK_ARGS = ["-t1", "-c8", f"-d{WRK_SECONDS}s"]
PAGES = [
    ("agenda, Dutch", "/agenda/"),
    ("agenda, German, filtered on Hengelo", "/de/agenda/?where=hengelo"),
    ("event page, English", "/en/agenda/bench-evenement-3/"),
    ("iCalendar feed", "/agenda/feed.ics"),
    ("embedded agenda, German, filtered", "/de/agenda/insluiten/?where=hengelo"),
]


def seed_events(count):
    """Add published upcoming events in three languages, linked to the Hengelo data."""
    from django.utils import timezone

    from agenda.models import Event
    from networks.models import Network, Theme
    from partnercity.models import PartnerCity

    themes = list(Theme.objects.all())
    networks = list(Network.objects.all())
    cities = list(PartnerCity.objects.all()) or [None]
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    existing = Event.objects.filter(slug__startswith="bench-evenement-").count()
    for number in range(existing, existing + count):
        event = Event(
            slug=f"bench-evenement-{number}",
            visibility="openbaar",
            starts_at=start + timedelta(days=number + 1, hours=10),
            ends_at=start + timedelta(days=number + 1, hours=12),
            venue="Stadhuis",
            city="Hengelo" if number % 2 else "Emsdetten",
            country="NL" if number % 2 else "DE",
            organiser="Gemeente Hengelo",
            network=networks[number % len(networks)] if networks else None,
            partner_city=cities[number % len(cities)],
        )
        for language in ("nl", "de", "en"):
            event.set_current_language(language)
            event.title = f"Evenement {number} ({language})"
            event.text = f"Een internationaal evenement, nummer {number}."
        event.set_current_language("nl")
        event.save()
        event.themes.set(themes[number % len(themes) :: 4] if themes else [])


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    return False


def wrk_rps(url):
    output = subprocess.run(
        [WRK, *WRK_ARGS, url], capture_output=True, text=True, timeout=WRK_SECONDS + 30
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses")
    return float(match.group(1)) if match else 0.0


def run_server_benchmark(report):
    if WRK is None:
        report.line("wrk is not installed (apt-get install wrk): server benchmark skipped")
        return
    workdir = Path(tempfile.mkdtemp(prefix="agenda-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench._agenda_settings",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "DEBUG": "0",
        # Plain http on loopback: no redirect to https (bench/production.py sends the proxy's
        # header instead).
        "SECURE_SSL_REDIRECT": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only"),
        "PYTHONPATH": str(ROOT),
    }
    python = sys.executable
    manage = [python, str(ROOT / "manage.py")]
    quiet = {"cwd": ROOT, "env": env, "check": True, "capture_output": True, "timeout": 300}
    seed = "import django; django.setup(); from bench.agenda import seed_events; seed_events(40)"
    try:
        subprocess.run([*manage, "migrate", "--noinput"], **quiet)
        subprocess.run([*manage, "load_hengelo"], **quiet)
        subprocess.run([python, "-c", seed], **quiet)
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
        if not wait_for(f"{base}/bench/constant/"):
            report.line("gunicorn did not start: server benchmark skipped")
            return
        for _label, path in PAGES:
            for _ in range(4):  # fill each worker's cache
                urllib.request.urlopen(base + path, timeout=10).read()
        report.line(
            f"gunicorn, 2 workers, loopback; wrk {' '.join(WRK_ARGS)}, {WRK_ROUNDS} rounds, each "
            "right after one on the constant page; 40 events + the 2018 archive"
        )
        for label, path in PAGES:
            # Alternate with the constant page and take the median of the rounds' ratios, so that
            # load from elsewhere on the machine hits both sides of a ratio alike.
            rounds = []
            for _ in range(WRK_ROUNDS):
                constant = wrk_rps(f"{base}/bench/constant/")
                rounds.append((wrk_rps(base + path), constant))
            ratios = sorted(page / constant for page, constant in rounds if constant)
            ratio = statistics.median(ratios) if ratios else 0.0
            page = statistics.median(page for page, _constant in rounds)
            constant = statistics.median(constant for _page, constant in rounds)
            report.line(
                f"{label:<36} {page:6.0f} req/s, constant page {constant:6.0f} req/s, "
                f"ratio {ratio:4.2f} (rounds {ratios[0]:.2f}-{ratios[-1]:.2f}; target >= 0.8)"
            )
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(workdir, ignore_errors=True)


def run_in_process(report):
    from django.core.management import call_command

    call_command("load_hengelo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client()
    for factor, count in ((1, 20), (10, 200)):
        seed_events(count - (20 if factor == 10 else 0))

        def fresh():
            cache.clear()
            client.get("/de/agenda/")

        report.timing(f"agenda page rendered afresh, {count} events", time_ms(fresh, repeat=15))
        report.timing(
            f"agenda page from the cache, {count} events",
            time_ms(lambda: client.get("/de/agenda/"), repeat=30),
        )
        report.timing(
            f"iCalendar feed rendered afresh, {count} events",
            time_ms(lambda: (cache.clear(), client.get("/agenda/feed.ics")), repeat=10),
        )


def run(report):
    run_in_process(report)
    run_server_benchmark(report)

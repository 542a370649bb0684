"""The public agenda: requests per second for anonymous visitors under gunicorn, measured with
wrk on loopback against a constant page in the same server, and the in-process cost of a page
served from the cache and rendered afresh, at 1x and 10x events."""

import os
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from django.core.cache import cache
from django.test import Client

from bench.harness import (
    WRK,
    alternated_rounds,
    gunicorn,
    prepare_database,
    ratio_line,
    server_env,
    time_ms,
)

WRK_SECONDS = 2
WRK_ROUNDS = 5
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


def run_server_benchmark(report):
    if WRK is None:
        report.line("wrk is not installed (apt-get install wrk): server benchmark skipped")
        return
    workdir = Path(tempfile.mkdtemp(prefix="agenda-bench-"))
    # Plain http on loopback: no redirect to https (bench/production.py sends the proxy's
    # header instead).
    env = server_env(DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}", SECURE_SSL_REDIRECT="0")
    try:
        if error := prepare_database(env, "from bench.agenda import seed_events\nseed_events(40)"):
            report.line(f"preparing the server's database failed: {error}; skipped")
            return
        with gunicorn(env) as base:
            if base is None:
                report.line("gunicorn did not start: server benchmark skipped")
                return
            report.line(
                f"gunicorn, 2 workers, loopback; wrk -t2 -c8 -d{WRK_SECONDS}s, {WRK_ROUNDS} "
                "rounds, each right after one on the constant page; 40 events + the 2018 archive"
            )
            for label, path in PAGES:
                figures = alternated_rounds(base, path, rounds=WRK_ROUNDS, seconds=WRK_SECONDS)
                report.line(ratio_line(label, figures, 0.8))
    finally:
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

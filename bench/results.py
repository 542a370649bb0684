"""Plans and results (issue 14): the results pages and the yearly report at scale.

Ten years of plans (16 efforts each, most with a result), 200 EU projects and 1,000 trips.
"""

import datetime
import statistics

from django.core.management import call_command
from django.test import Client

from bench.harness import time_ms
from networks.models import Effort
from projects.models import Programme, Project
from representation.models import OfficeHolder, Trip
from results.models import EffortResult, WorkPlan
from results.report import render_yearly_report


def scale():
    for year in range(2019, 2029):
        WorkPlan.objects.create(
            year=year,
            title=f"Internationale inspanningen {year}",
            status="vastgesteld",
            adopted_on=datetime.date(year, 2, 1),
        )
        Effort.objects.bulk_create(
            Effort(
                year=year, number=n, title=f"Inspanning {n}", expected_yield="Lobby", lead="hengelo"
            )
            for n in range(1, 17)
        )
    EffortResult.objects.bulk_create(
        EffortResult(
            effort=effort,
            status="gerealiseerd",
            status_date=datetime.date(effort.year, 6, 1),
            summary="Gedaan",
            money_spent=100,
        )
        for effort in Effort.objects.filter(number__lte=12)
    )
    programmes = list(Programme.objects.all())
    Project.objects.bulk_create(
        Project(
            title=f"Project {n}",
            year=programmes[n % len(programmes)].first_year,
            programme=programmes[n % len(programmes)],
            status="lopend",
        )
        for n in range(200)
    )
    mayor = OfficeHolder.objects.create(name="Burgemeester (bench)", office="burgemeester")
    trips = Trip.objects.bulk_create(
        Trip(title=f"Reis {n}", destination="Münster", year=2018 + n % 10, purpose="Bench")
        for n in range(1000)
    )
    Trip.participants.through.objects.bulk_create(
        Trip.participants.through(trip=trip, officeholder=mayor) for trip in trips
    )


def run(report):
    call_command("load_hengelo", verbosity=0)
    scale()
    client = Client()
    for url in (
        "/resultaten/",
        "/resultaten/2018/",
        "/resultaten/2024/",
        "/inspanningen/",
        "/eu-projecten/",
        "/reizen/",
    ):
        status = client.get(url, secure=True).status_code
        assert status == 200, (url, status)
        samples = time_ms(lambda url=url: client.get(url, secure=True), repeat=15, warmup=2)
        report.line(f"{url:<55} {statistics.median(samples):8.1f} ms (median of 15)")
    samples = time_ms(lambda: render_yearly_report(2018), repeat=2, warmup=0)
    report.line(
        f"{'yearly report 2018 (PDF, build and render)':<55} "
        f"{statistics.median(samples):8.1f} ms (median of 2)"
    )

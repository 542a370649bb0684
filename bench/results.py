"""Plans and results (issue 14): the results pages and the yearly report at scale.

Ten years of plans (16 efforts each, most with a result), 200 EU projects and 1,000 trips.
Page timings are real renders: the anonymous page cache (core.page_cache) is bumped before
every request, and a signed-in council member (whose pages are never cached) is timed too.
The cache hit is printed beside them for comparison.
"""

import datetime
import statistics
import time

from django.core.management import call_command
from django.test import Client

from bench.harness import time_ms
from core.constants import Role
from core.page_cache import bump_version
from networks.models import Effort
from projects.models import Programme, Project
from representation.models import OfficeHolder, Trip
from results.models import EffortResult, WorkPlan
from results.report import build_yearly_report, render_yearly_report

URLS = (
    "/resultaten/",
    "/resultaten/2018/",
    "/resultaten/2024/",
    "/inspanningen/",
    "/inspanningen/?jaar=2024",
    "/eu-projecten/",
    "/reizen/",
)


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
    bump_version()  # bulk_create sends no signals


def real_renders(client, url, repeat=15, warmup=2):
    """Milliseconds per request, with the page cache emptied (version bumped) before each."""
    samples = []
    for index in range(warmup + repeat):
        bump_version()
        started = time.perf_counter()
        response = client.get(url, secure=True)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        if index >= warmup:
            samples.append(elapsed)
    return samples


def run(report):
    from django.contrib.auth.models import Group, User

    call_command("load_hengelo", verbosity=0)
    scale()
    anonymous = Client()
    member = User.objects.create_user("bench-raadslid", password="bench-only")
    member.groups.add(Group.objects.get(name=Role.COUNCIL_MEMBER.value))
    signed_in = Client()
    signed_in.force_login(member)
    report.line(f"{'page (real render, median of 15)':<40} {'anonymous':>12} {'raadslid':>12}")
    for url in URLS:
        rendered = statistics.median(real_renders(anonymous, url))
        member_ms = statistics.median(real_renders(signed_in, url))
        report.line(f"{url:<40} {rendered:9.1f} ms {member_ms:9.1f} ms")
    anonymous.get("/resultaten/2018/", secure=True)
    hits = time_ms(lambda: anonymous.get("/resultaten/2018/", secure=True), repeat=15, warmup=1)
    report.line(
        f"{'/resultaten/2018/ from the page cache':<40} {statistics.median(hits):9.1f} ms "
        "(for comparison)"
    )
    for year in (2018, 2024):
        built = time_ms(lambda year=year: build_yearly_report(year), repeat=3, warmup=1)
        report.line(
            f"{f'yearly report {year}: build (HTML)':<40} {statistics.median(built):9.1f} ms "
            "(median of 3)"
        )
    samples = time_ms(lambda: render_yearly_report(2018), repeat=2, warmup=0)
    report.line(
        f"{'yearly report 2018: build and render PDF':<40} {statistics.median(samples):9.1f} ms "
        "(median of 2)"
    )

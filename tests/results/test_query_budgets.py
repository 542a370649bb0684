"""Query budgets of issue 14 stay constant with the data (issue 14's 'Done when').

Each page (and the yearly report's build) is counted on the Hengelo data, then again after
adding ten years of plans (16 efforts each, most with a result), 200 EU projects with partners
and 1,000 trips with participants: the counts must be the same, for a visitor and for a
council member.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import Organisation
from networks.models import Effort, Network
from projects.models import Programme, Project
from representation.models import Mandate, OfficeHolder, Trip
from results.constants import PlanStatus
from results.models import EffortResult, WorkPlan
from results.report import build_yearly_report

pytestmark = pytest.mark.django_db

PAGES = [
    "/resultaten/",
    "/resultaten/2018/",
    "/resultaten/2018/?status=gerealiseerd",
    "/inspanningen/",
    "/inspanningen/?jaar=2018",
    "/inspanningen/{effort}/",
    "/eu-projecten/",
    "/eu-projecten/?q=Project",
    "/eu-projecten/{project}/",
    "/reizen/",
    "/reizen/{trip}/",
    "/vertegenwoordiging/",
]


def count(func):
    with CaptureQueriesContext(connection) as queries:
        func()
    return len(queries)


def page_counts(client, ids):
    counts = {}
    for url in PAGES:
        address = url.format(**ids)
        client.get(address)  # warm what is cached per process (content types, the menu)
        response = None

        def get(address=address):
            nonlocal response
            response = client.get(address)

        counts[url] = count(get)
        assert response.status_code == 200, address
    return counts


def grow():
    """Ten years of plans, 200 EU projects and 1,000 trips, as the 'Done when' asks."""
    network_ids = list(Network.objects.order_by("pk").values_list("pk", flat=True))
    for year in range(2019, 2029):
        WorkPlan.objects.create(
            year=year,
            title=f"Internationale inspanningen {year}",
            status=PlanStatus.ADOPTED,
            adopted_on=datetime.date(year, 2, 1),
        )
    Effort.objects.bulk_create(
        Effort(
            year=year,
            number=number,
            title=f"Inspanning {number}",
            expected_yield="Lobby",
            lead="hengelo",
            network_id=network_ids[number % len(network_ids)],
        )
        for year in range(2019, 2029)
        for number in range(1, 17)
    )
    EffortResult.objects.bulk_create(
        EffortResult(
            effort=effort,
            status="gerealiseerd",
            status_date=datetime.date(effort.year, 6, 1),
            summary="Gedaan",
            money_spent=100,
        )
        for effort in Effort.objects.filter(year__gte=2019, number__lte=12)
    )
    programmes = list(Programme.objects.all())
    partners = list(Organisation.objects.all()[:3])
    projects = Project.objects.bulk_create(
        Project(
            title=f"Project {n}",
            year=programmes[n % len(programmes)].first_year,
            programme=programmes[n % len(programmes)],
            status="lopend",
        )
        for n in range(200)
    )
    Project.partners.through.objects.bulk_create(
        Project.partners.through(project=project, organisation=partner)
        for project in projects
        for partner in partners
    )
    people = OfficeHolder.objects.bulk_create(
        OfficeHolder(name=f"Raadslid {n}", office="raadslid") for n in range(20)
    )
    trips = Trip.objects.bulk_create(
        Trip(
            title=f"Reis {n}",
            destination="Münster",
            year=2018 + n % 10,
            starts_on=datetime.date(2018 + n % 10, 1 + n % 12, 1),
            purpose="Test",
        )
        for n in range(1000)
    )
    Trip.participants.through.objects.bulk_create(
        Trip.participants.through(trip=trip, officeholder=people[n % 20])
        for n, trip in enumerate(trips)
    )
    Mandate.objects.bulk_create(
        Mandate(body=f"Orgaan {n}", role="lid", holder=people[n % 20], network_id=network_ids[0])
        for n in range(100)
    )


@pytest.mark.parametrize("role", [None, "council_member"])
def test_pages_and_the_yearly_report_cost_the_same_queries_at_ten_years(
    request, client_for, hengelo, role
):
    user = request.getfixturevalue(role) if role else None
    # One public trip of 2018 with a participant, so that the small count prefetches too.
    trip = Trip.objects.create(title="Reis", destination="Gronau", year=2018, purpose="Test")
    trip.participants.add(OfficeHolder.objects.create(name="Burgemeester", office="burgemeester"))
    client = client_for(user)
    ids = {
        "effort": Effort.objects.get(year=2018, number=1).pk,
        "project": Project.objects.order_by("pk").first().pk,
        "trip": Trip.objects.visible_to(user).order_by("pk").first().pk,
    }
    before = page_counts(client, ids)
    report_before = count(lambda: build_yearly_report(2018))

    grow()
    client = client_for(user)
    after = page_counts(client, ids)
    report_after = count(lambda: build_yearly_report(2018))

    assert after == before
    assert report_after == report_before
    assert WorkPlan.objects.count() >= 11 and Project.objects.count() >= 200
    assert Trip.objects.count() >= 1000

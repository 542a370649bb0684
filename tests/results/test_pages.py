"""The new pages of issue 14: valid HTML, no axe findings, and the demo data marked as examples."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from networks.models import Effort
from projects.models import Project
from proposals.constants import DocumentKind, ExportStatus
from proposals.models import DocumentExport
from results.models import EffortResult, WorkPlan

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/resultaten/",
    "/resultaten/2018/",
    "/resultaten/2018/?status=gerealiseerd&groep=europa",
    "/resultaten/2019/",
    "/inspanningen/?jaar=2019",
    "/inspanningen/{effort}/",
    "/eu-projecten/",
    "/eu-projecten/{project}/",
    "/vertegenwoordiging/",
    "/reizen/",
    "/netwerken/euregio/",
]

EDIT_PAGES = [
    "/inspanningen/{effort}/resultaat/",
    "/werkplannen/nieuw/",
    "/werkplannen/2020/",
    "/werkplannen/2020/overnemen/",
    "/werkplannen/2020/vaststellen/",
    "/werkplannen/2020/inspanning/",
    "/eu-projecten/nieuw/",
    "/eu-projecten/{project}/wijzigen/",
    "/vertegenwoordiging/nieuw/",
    "/reizen/nieuw/",
]


def example_project():
    return Project.objects.filter(is_example=True).order_by("pk").first().pk


def load_demo():
    with override_settings(DEBUG=True):
        call_command("load_demo_results", stdout=StringIO())


@pytest.fixture
def demo(hengelo):
    load_demo()
    WorkPlan.objects.create(year=2020, title="Internationale inspanningen 2020")
    return Effort.objects.get(year=2018, number=1)


def test_demo_command_refuses_without_debug(hengelo):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo_results", stdout=StringIO())
    assert not EffortResult.objects.exists()


def test_demo_records_are_examples_twice_the_same_and_leave_portal_records_alone(hengelo, client):
    real = EffortResult.objects.create(
        effort=Effort.objects.get(year=2018, number=2),
        status="gerealiseerd",
        status_date="2018-05-01",
        summary="Echt vastgelegd",
    )
    load_demo()
    load_demo()
    assert EffortResult.objects.filter(is_example=False).get() == real
    assert EffortResult.objects.filter(is_example=True).count() == 15 + 1
    assert WorkPlan.objects.get(year=2019).is_example
    assert set(Effort.objects.filter(year=2019).values_list("is_example", flat=True)) == {True}
    real.refresh_from_db()
    assert real.summary == "Echt vastgelegd"
    # Every page that shows a demo record says so.
    for url in (
        "/resultaten/2018/",
        "/resultaten/",
        "/inspanningen/?jaar=2019",
        "/eu-projecten/",
        "/reizen/",
        "/vertegenwoordiging/",
    ):
        content = client.get(url).content.decode()
        assert "voorbeeld" in content, url
    content = client.get(Effort.objects.get(year=2018, number=1).get_absolute_url()).content
    assert b"voorbeeld" in content
    content = client.get(Effort.objects.get(year=2018, number=2).get_absolute_url()).content
    assert b"badge-example" not in content


def test_new_pages_are_valid_html(client_for, demo, account_manager, assert_valid_html):
    responses = []
    for user, pages in ((None, PUBLIC_PAGES), (account_manager, PUBLIC_PAGES + EDIT_PAGES)):
        client = client_for(user)
        for url in pages:
            response = client.get(url.format(effort=demo.pk, project=example_project()))
            assert response.status_code == 200, url
            responses.append(response)
    # A refused form shows its messages at the fields.
    client = client_for(account_manager)
    responses.append(
        client.post(f"/inspanningen/{demo.pk}/resultaat/", {"status_date": "2001-01-01"})
    )
    assert_valid_html(*responses)


@pytest.mark.browser
def test_new_pages_pass_axe(
    page, live_server, demo, account_manager, browser_login, assert_accessible
):
    for url in PUBLIC_PAGES:
        page.goto(live_server.url + url.format(effort=demo.pk, project=example_project()))
        assert_accessible(page)
    browser_login(account_manager)
    for url in EDIT_PAGES:
        page.goto(live_server.url + url.format(effort=demo.pk, project=example_project()))
        assert_accessible(page)
    # The yearly report's exports on the results page, one of each unfinished or failed status.
    for status in (ExportStatus.WAITING, ExportStatus.QUEUED, ExportStatus.FAILED):
        DocumentExport.objects.create(
            kind=DocumentKind.YEARLY_REPORT,
            year=2018,
            requested_by=account_manager,
            status=status,
            error="De PDF kon niet worden gemaakt: voorbeeldfout",
        )
    page.goto(live_server.url + "/resultaten/2018/")
    assert page.locator("tr[data-export-id]").count() == 3
    assert_accessible(page)

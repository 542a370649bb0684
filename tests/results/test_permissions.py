"""Permissions per URL and role for every page of issue 14 (results, plans, EU projects,
mandates, trips, the yearly report and the budget actuals).

Each role gets each URL; a refused role's POST changes nothing. Anonymous visitors go to the
login page for what needs a role, and see the public pages.
"""

import pytest

from budget.models import BudgetLine
from core.constants import Visibility
from networks.models import Effort
from projects.models import Project
from proposals.models import DocumentExport
from proposals.services import request_yearly_report
from representation.models import Mandate, Trip
from results.models import EffortResult, WorkPlan

pytestmark = pytest.mark.django_db

ROLES = [
    None,
    "council_member",
    "account_manager",
    "clerk",
    "finance_user",
    "communications_user",
    "admin",
]

PUBLIC = [
    "/resultaten/",
    "/resultaten/2018/",
    "/resultaten/2018/?status=gerealiseerd",
    "/inspanningen/",
    "/inspanningen/?jaar=2018",
    "/inspanningen/{effort}/",
    "/eu-projecten/",
    "/eu-projecten/{project}/",
    "/vertegenwoordiging/",
    "/reizen/",
    "/reizen/{trip}/",
    "/begroting/",
    "/begroting/regels/{line}/",
]

# url -> the roles that may open it (an administrator may open everything)
EDIT = {
    "/inspanningen/{effort}/resultaat/": {"account_manager"},
    "/werkplannen/nieuw/": {"account_manager"},
    "/werkplannen/2019/": {"account_manager"},
    "/werkplannen/2019/overnemen/": {"account_manager"},
    "/werkplannen/2019/vaststellen/": {"account_manager"},
    "/werkplannen/2019/inspanning/": {"account_manager"},
    "/inspanningen/{draft_effort}/wijzigen/": {"account_manager"},
    "/eu-projecten/nieuw/": {"account_manager"},
    "/eu-projecten/{project}/wijzigen/": {"account_manager"},
    "/vertegenwoordiging/nieuw/": {"account_manager"},
    "/vertegenwoordiging/{mandate}/wijzigen/": {"account_manager"},
    "/reizen/nieuw/": {"account_manager"},
    "/reizen/{trip}/wijzigen/": {"account_manager"},
    "/begroting/regels/{line}/bewerken/": {"finance_user"},
}

REPORT_EXPORT = "/resultaten/2018/jaarverslag/"
REPORT_STATUS = "/resultaten/2018/jaarverslag/status/?id={export}"
REPORT_DOWNLOAD = "/resultaten/2018/jaarverslag/{export}/download/"
REPORT_ROLES = {"account_manager", "clerk", "admin"}


@pytest.fixture
def records(hengelo):
    WorkPlan.objects.create(year=2019, title="Internationale inspanningen 2019")
    draft = Effort.objects.create(
        year=2019,
        number=1,
        title="Concept",
        expected_yield="Lobby",
        lead="hengelo",
        visibility=Visibility.DRAFT,
    )
    return {
        "effort": Effort.objects.get(year=2018, number=1).pk,
        "draft_effort": draft.pk,
        "project": Project.objects.order_by("pk").first().pk,
        "mandate": Mandate.objects.order_by("pk").first().pk,
        "trip": Trip.objects.visible_to(None).order_by("pk").first().pk,
        "line": BudgetLine.objects.get(year=2018, name="Lidmaatschap EUREGIO").pk,
    }


@pytest.fixture
def user_for(request, django_user_model):
    def user(role):
        if role is None:
            return None
        if role == "admin":
            return django_user_model.objects.create_superuser("beheer", password="x")
        return request.getfixturevalue(role)

    return user


def state():
    """What a refused POST could have changed."""
    return (
        WorkPlan.objects.count(),
        Effort.objects.count(),
        EffortResult.objects.count(),
        Project.objects.count(),
        Mandate.objects.count(),
        Trip.objects.count(),
        list(Effort.objects.order_by("pk").values_list("title", flat=True)),
        list(WorkPlan.objects.order_by("pk").values_list("status", "title")),
        list(BudgetLine.objects.order_by("pk").values_list("actual", flat=True)),
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_the_public_pages(client_for, records, user_for, role):
    client = client_for(user_for(role))
    for url in PUBLIC:
        address = url.format(**records)
        assert client.get(address).status_code == 200, (role, address)


@pytest.mark.parametrize("role", ROLES)
def test_each_edit_page_opens_for_its_role_only_and_a_refused_post_changes_nothing(
    client_for, records, user_for, role
):
    client = client_for(user_for(role))
    before = state()
    for url, allowed in EDIT.items():
        address = url.format(**records)
        may = role == "admin" or role in allowed
        response = client.get(address)
        if may:
            assert response.status_code == 200, (role, address)
            continue
        if role is None:
            assert response.status_code == 302, (role, address)
            assert response["Location"].startswith("/inloggen/"), (role, address)
        else:
            assert response.status_code == 403, (role, address, response.status_code)
        posted = client.post(address, {"title": "Gewijzigd", "adopted_on": "2019-02-01"})
        assert posted.status_code == response.status_code, (role, address)
    assert state() == before


@pytest.mark.parametrize("role", ROLES)
def test_the_yearly_report_is_for_the_griffie_the_accountmanager_and_the_admin(
    client_for, records, user_for, role, django_capture_on_commit_callbacks, clerk
):
    """Exporting, following and downloading the report, each URL for each role; a refused
    request records no export."""
    with django_capture_on_commit_callbacks(execute=True):  # in-process: rendered at once
        ready = request_yearly_report(2018, clerk).export
    ready.refresh_from_db()
    assert ready.is_ready(), ready.error
    client = client_for(user_for(role))
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(REPORT_EXPORT)
    status = client.get(REPORT_STATUS.format(export=ready.pk))
    download = client.get(REPORT_DOWNLOAD.format(export=ready.pk))
    exports = DocumentExport.objects.filter(year=2018).count()
    if role in REPORT_ROLES:
        assert posted.status_code == 302 and posted["Location"] == "/resultaten/2018/"
        assert exports == 2
        assert status.status_code == 200
        assert status.json()["exports"][0]["status"] == "gereed"
        assert download.status_code == 200
        assert download["Content-Type"] == "application/pdf"
        return
    assert exports == 1
    for response in (posted, status, download):
        if role is None:
            assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
        else:
            assert response.status_code == 403

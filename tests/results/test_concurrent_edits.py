"""Two people edit the same record of issue 14: the second save is refused and told what changed.

The same check as every other edit form (core.forms.VersionedFormMixin inside the view's
transaction): results, the plan, its efforts, EU projects, mandates and trips.
"""

import datetime

import pytest
from django.test import Client

from core.constants import Role, Visibility
from networks.models import Effort
from projects.models import Project
from representation.models import Mandate, Trip
from results.constants import PlanStatus
from results.models import EffortResult, WorkPlan
from tests.editing import form_values, loaded

pytestmark = pytest.mark.django_db


def two_people(make_user):
    first, second = Client(), Client()
    first.force_login(
        make_user("eerste", Role.ACCOUNT_MANAGER, first_name="Els", last_name="Eerste")
    )
    second.force_login(make_user("tweede", Role.ACCOUNT_MANAGER))
    return first, second


def a_result():
    effort = Effort.objects.get(year=2018, number=1)
    result = EffortResult.objects.create(
        effort=effort, status="in_uitvoering", status_date=datetime.date(2018, 3, 1)
    )
    return result, f"/inspanningen/{effort.pk}/resultaat/"


def a_plan():
    plan = WorkPlan.objects.create(year=2019, title="Internationale inspanningen 2019")
    return plan, "/werkplannen/2019/"


def a_draft_effort():
    WorkPlan.objects.create(year=2019, title="Internationale inspanningen 2019")
    effort = Effort.objects.create(
        year=2019,
        number=1,
        title="Concept",
        expected_yield="Lobby",
        lead="hengelo",
        visibility=Visibility.DRAFT,
    )
    return effort, f"/inspanningen/{effort.pk}/wijzigen/"


def a_project():
    project = Project.objects.order_by("pk").first()
    return project, f"/eu-projecten/{project.pk}/wijzigen/"


def a_mandate():
    mandate = Mandate.objects.order_by("pk").first()
    return mandate, f"/vertegenwoordiging/{mandate.pk}/wijzigen/"


def a_trip():
    trip = Trip.objects.order_by("pk").first()
    return trip, f"/reizen/{trip.pk}/wijzigen/"


CASES = {
    "result": (a_result, "summary", "Gestart met de partners.", "evaluation", "Les: eerder"),
    "plan": (a_plan, "introduction", "Het jaar van de Euregio.", "title", "Werkplan 2019"),
    "effort": (a_draft_effort, "title", "Lobby Brussel", "description", "Met de regio"),
    "project": (a_project, "call", "CEF-T 2018 call", "description", "Aangepast"),
    "mandate": (a_mandate, "holder_note", "Plaatsvervanger", "period_note", "Tot de verkiezingen"),
    "trip": (a_trip, "report", "Verslag van de reis", "participants_note", "Met ambtenaren"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_second_save_is_refused_and_told_what_changed(hengelo, make_user, case):
    make, field, first_value, other_field, second_value = CASES[case]
    record, url = make()
    first, second = two_people(make_user)
    mine = loaded(first, url, **{field: first_value})
    theirs = loaded(second, url, **{other_field: second_value})
    before = getattr(record, other_field)

    assert first.post(url, mine).status_code == 302
    changes = record.history.count()
    response = second.post(url, theirs)

    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert "Els Eerste heeft dit op" in errors, errors
    assert first_value in errors
    assert "niet opgeslagen" in errors
    assert second_value in response.content.decode()  # their input is kept
    record.refresh_from_db()
    assert getattr(record, field) == first_value
    assert getattr(record, other_field) == before
    assert record.history.count() == changes

    # Having read the message, the second person saves deliberately.
    assert second.post(url, form_values(response.context["form"])).status_code == 302
    record.refresh_from_db()
    assert getattr(record, other_field) == second_value


def test_a_form_sent_without_its_version_saves_nothing(hengelo, account_manager, client_for):
    result, url = a_result()
    data = loaded(client_for(account_manager), url, summary="Zonder versie")
    del data["versie"]
    response = client_for(account_manager).post(url, data)
    assert response.status_code == 200
    assert "Niet opgeslagen" in " ".join(response.context["form"].non_field_errors())
    result.refresh_from_db()
    assert result.summary == ""


def test_adopting_a_plan_someone_just_adopted_is_not_done_twice(hengelo, make_user):
    plan, _url = a_plan()
    first, second = two_people(make_user)
    url = "/werkplannen/2019/vaststellen/"
    mine = loaded(first, url, adopted_on="2019-02-12")
    theirs = loaded(second, url, adopted_on="2019-03-01")
    assert first.post(url, mine).status_code == 302
    # The plan is adopted: its draft pages are gone, so the second adoption cannot overwrite.
    assert second.post(url, theirs).status_code == 404
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADOPTED
    assert plan.adopted_on == datetime.date(2019, 2, 12)

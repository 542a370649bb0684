"""Bad input that used to give a 500: each gets a clear Dutch answer instead."""

import pytest
from django.urls import reverse

from tests.factories import EventFactory, three_languages

pytestmark = pytest.mark.django_db

BEYOND_64_BITS = str(2**64)


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("contacts:person-create", "organisation"),
        ("contacts:interaction-create", "organisation"),
        ("contacts:interaction-create", "person"),
        ("contacts:organisation-create", "themes"),
        ("contacts:opportunity-create", "from_organisation"),
        ("contacts:opportunity-create", "from_person"),
        ("contacts:opportunity-create", "assigned_to"),
        ("contacts:opportunity-create", "theme"),
    ],
)
def test_record_numbers_beyond_64_bits_in_the_contact_forms(client, account_manager, name, field):
    client.force_login(account_manager)
    response = client.post(reverse(name), {field: BEYOND_64_BITS})
    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.parametrize(
    "path", ["/zoeken/?q=%00abc", "/agenda/?thema=%00", "/voorstellen/?q=a%00b", "/%00/"]
)
def test_a_nul_character_is_refused_with_a_dutch_message(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "ongeldig teken" in response.content.decode()


def test_a_nul_character_in_a_form_is_refused(client, account_manager):
    client.force_login(account_manager)
    response = client.post(reverse("contacts:organisation-create"), {"name": "WTC\x00"})
    assert response.status_code == 400


def test_a_line_break_in_an_event_title_does_not_break_its_ics(client):
    event = EventFactory(
        translations={"nl": {"title": "Eerste regel\nTweede regel\r\nDerde"}}, slug="regels"
    )
    response = client.get(reverse("agenda:event-ics", args=[event.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "X-WR-CALNAME:Eerste regel Tweede regel Derde" in body
    assert "SUMMARY:Eerste regel\\nTweede regel" in body


def test_the_event_form_refuses_a_title_with_a_line_break(client, communications_user):
    client.force_login(communications_user)
    EventFactory(translations=three_languages("Oud"), slug="oud")
    response = client.post(reverse("agenda:event-create"), {"title_nl": "Twee\nregels"})
    assert "Een titel past op één regel" in response.content.decode()


@pytest.mark.parametrize("number", [str(-(2**63) - 1), f"+{2**63}", BEYOND_64_BITS])
def test_record_numbers_beyond_64_bits_in_a_form_that_edits_no_record(
    client, hengelo, account_manager, number
):
    """Found by the fuzz test (tests/fuzz): the carry-over form of a draft work plan is a plain
    form, which the record forms' guard did not cover (OverflowError on SQLite)."""
    from networks.models import Effort
    from results.constants import PlanStatus
    from results.models import WorkPlan

    WorkPlan.objects.create(year=2031, title="Werkplan 2031", status=PlanStatus.DRAFT)
    before = Effort.objects.count()
    client.force_login(account_manager)
    response = client.post("/werkplannen/2031/overnemen/", {"efforts": [number]})
    assert response.status_code == 200
    assert "geen geldige" in response.context["form"].errors["efforts"][0]
    assert Effort.objects.count() == before


def test_record_numbers_beyond_64_bits_in_passing_a_person_on(client, account_manager):
    from tests.factories import PersonFactory

    person = PersonFactory()
    client.force_login(account_manager)
    response = client.post(
        reverse("contacts:person-detail", args=[person.pk]), {"colleague": BEYOND_64_BITS}
    )
    assert response.status_code < 500


@pytest.mark.parametrize("path", ["/inloggen/", "/admin/login/"])
def test_an_overlong_user_name_is_refused_at_the_field_before_signing_in(client, db, path):
    """Found by the fuzz test on PostgreSQL: a user name of thousands of characters reached the
    sign-in throttle, whose record of the failed attempt holds 255 (DataError, a 500)."""
    from axes.models import AccessAttempt

    response = client.post(path, {"username": "ß" * 5000, "password": " "})
    assert response.status_code == 200
    [message] = response.context["form"].errors["username"]
    assert "niet meer dan 150 tekens" in message
    assert not AccessAttempt.objects.exists()

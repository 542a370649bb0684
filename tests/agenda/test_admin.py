"""The event admin (django-parler tabs per language, history)."""

import pytest
from django.urls import reverse

from agenda.models import Event
from tests.editing import version
from tests.factories import EventFactory, three_languages

pytestmark = pytest.mark.django_db


def test_changelist_add_change_and_history_open(admin_client):
    event = EventFactory(translations=three_languages("In het beheer"))
    response = admin_client.get(reverse("admin:agenda_event_changelist"))
    assert response.status_code == 200
    assert "In het beheer (nl)" in response.content.decode()
    assert (
        admin_client.get(reverse("admin:agenda_event_changelist"), {"q": "beheer"}).status_code
        == 200
    )
    assert admin_client.get(reverse("admin:agenda_event_add")).status_code == 200
    response = admin_client.get(
        reverse("admin:agenda_event_change", args=[event.pk]) + "?language=de"
    )
    assert response.status_code == 200
    assert "In het beheer (de)" in response.content.decode()
    assert (
        admin_client.get(reverse("admin:agenda_event_history", args=[event.pk])).status_code == 200
    )


def admin_form(**overrides):
    data = {
        "title": "Via het beheer",
        "text": "",
        "slug": "via-het-beheer",
        "visibility": "openbaar",
        "date_precision": "tijd",
        "starts_at_0": "2027-05-01",
        "starts_at_1": "10:00",
        "ends_at_0": "2027-05-01",
        "ends_at_1": "12:00",
        "venue": "",
        "address": "",
        "city": "Hengelo",
        "country": "NL",
        "organiser": "Gemeente Hengelo",
        "website": "",
    }
    data.update(overrides)
    return data


def test_admin_adds_a_published_event_in_dutch(admin_client):
    response = admin_client.post(reverse("admin:agenda_event_add") + "?language=nl", admin_form())
    assert response.status_code == 302, response.context["errors"]
    event = Event.objects.get(slug="via-het-beheer")
    assert event.is_public()
    assert event.safe_translation_getter("title", language_code="nl") == "Via het beheer"


def test_admin_refuses_a_published_event_without_a_dutch_title(admin_client):
    response = admin_client.post(
        reverse("admin:agenda_event_add") + "?language=de", admin_form(title="Nur Deutsch")
    )
    assert response.status_code == 200
    assert "Een gepubliceerd evenement heeft een Nederlandse titel nodig." in (
        response.content.decode()
    )
    assert not Event.objects.exists()


def test_admin_change_bumps_the_sequence(admin_client):
    event = EventFactory(slug="volgnummer", translations={"nl": {"title": "Volgnummer"}})
    url = reverse("admin:agenda_event_change", args=[event.pk]) + "?language=nl"
    response = admin_client.post(
        url,
        admin_form(slug="volgnummer", title="Volgnummer, gewijzigd", **version(admin_client, url)),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.sequence == 1

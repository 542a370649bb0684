"""The organiser of an event is translated (django-parler): "Gemeinde Hengelo" for German
visitors; a language without its own name shows the Dutch one."""

import json
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from agenda.models import Event
from tests.agenda.test_editing import CREATE, form_data
from tests.database import real_migrations
from tests.factories import EventFactory, three_languages

pytestmark = pytest.mark.django_db

BEFORE = "0002_alter_event_agenda_event_ends_after_start"  # the migration before 0003
HOSTED = "/agenda/eurocities-working-group-employment-2018/"


def structured_organiser(html):
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    return json.loads(data)["organizer"]["name"]


@pytest.mark.parametrize(
    ("prefix", "name"),
    [("", "Gemeente Hengelo"), ("/de", "Gemeinde Hengelo"), ("/en", "Municipality of Hengelo")],
)
def test_the_hengelo_data_names_the_organiser_in_each_language(client, hengelo, prefix, name):
    html = client.get(prefix + HOSTED).content.decode()
    assert f"<dd>{name}</dd>" in html
    listing = client.get(prefix + "/agenda/archief/").content.decode()
    assert f"{name}</p>" in listing


def test_a_proper_name_without_a_translation_stays_as_it_is(client, hengelo):
    html = client.get("/de/agenda/european-week-of-regions-and-cities-2018/").content.decode()
    assert "<dd>Regio Twente</dd>" in html


def test_the_form_saves_the_organiser_per_language(client, account_manager):
    client.force_login(account_manager)
    data = form_data(title_en="Visit to Emsdetten", organiser_de="Gemeinde Hengelo")
    response = client.post(CREATE, data)
    assert response.status_code == 302, response.context["form"].errors
    event = Event.objects.get(slug=data["slug"])
    assert event.organiser_name("nl") == "Gemeente Hengelo"
    assert event.organiser_name("de") == "Gemeinde Hengelo"
    assert event.organiser_name("en") == "Gemeente Hengelo"  # none of its own: the Dutch name
    form = client.get(reverse("agenda:event-update", args=[event.slug])).context["form"]
    assert form["organiser"].value() == "Gemeente Hengelo"
    assert form["organiser_de"].value() == "Gemeinde Hengelo"
    assert form["organiser_en"].value() == ""


def test_an_organiser_name_needs_a_title_in_its_language(client, account_manager):
    client.force_login(account_manager)
    response = client.post(CREATE, form_data(organiser_en="Municipality of Hengelo"))
    assert response.status_code == 200
    assert response.context["form"].errors["title_en"] == ["Vul ook de titel in deze taal in."]
    assert not Event.objects.exists()


def test_the_api_and_structured_data_give_the_organiser_in_the_language_asked_for(client):
    EventFactory(
        slug="bezoek",
        visibility="openbaar",
        translations={
            **three_languages("Bezoek"),
            "de": {"title": "Besuch", "organiser": "Gemeinde Hengelo"},
        },
    )
    answer = client.get("/api/v1/evenementen?taal=de").json()
    assert [item["organisator"] for item in answer["results"]] == ["Gemeinde Hengelo"]
    answer = client.get("/api/v1/evenementen?taal=en").json()
    assert [item["organisator"] for item in answer["results"]] == ["Gemeente Hengelo"]
    html = client.get("/de/agenda/bezoek/").content.decode()
    assert structured_organiser(html) == "Gemeinde Hengelo"


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_organiser():
    with real_migrations(connection):
        executor = MigrationExecutor(connection)
        executor.migrate([("agenda", BEFORE)])
        old = executor.loader.project_state([("agenda", BEFORE)]).apps
        OldEvent = old.get_model("agenda", "Event")
        OldText = old.get_model("agenda", "EventTranslation")
        event = OldEvent.objects.create(
            slug="oud",
            starts_at="2018-01-01T00:00:00+01:00",
            finishes_at="2018-12-31T23:59:59+01:00",
            organiser="Regio Twente",
        )
        for language in ("nl", "de"):
            OldText.objects.create(master_id=event.pk, language_code=language, title="Oud")
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes("agenda"))
        migrated = Event.objects.get(slug="oud")
        texts = {t.language_code: t.organiser for t in migrated.translations.all()}
        assert texts == {"nl": "Regio Twente", "de": "Regio Twente"}

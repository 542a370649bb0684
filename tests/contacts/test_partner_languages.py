"""A public partner's international activities (its public description) in Dutch, German and
English (django-parler): the accountmanager writes them on the organisation's form; the public
list, the contact list, the search and the API show the language asked for, or the Dutch text
marked as Dutch while there is no translation."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils.translation import override

from contacts.models import Organisation
from tests.database import real_migrations
from tests.editing import version

pytestmark = pytest.mark.django_db

BEFORE = "0005_list_indexes"  # the migration before the texts moved to their languages
PARTNERS = reverse("agenda:partner-list")
API = "/api/v1"


def form_data(organisation, **texts):
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "city": organisation.city,
        "country": organisation.country,
        "is_public_partner": "on",
        "international_activities": "Uitwisselingen met Duitsland.",
    }
    return {**data, **texts}


def edit(manager_client, organisation, **texts):
    url = reverse("contacts:organisation-update", args=[organisation.pk])
    form = manager_client.get(url).context["form"]
    version = form[form.version_field].value()
    return manager_client.post(url, {**form_data(organisation, **texts), "versie": version})


def test_the_accountmanager_writes_the_texts_in_three_languages(manager_client, client, hengelo):
    partner = Organisation.objects.get(name="ROZ")
    url = reverse("contacts:organisation-update", args=[partner.pk])
    form = manager_client.get(url).context["form"]
    assert form["international_activities_de"].value().startswith("Lokaler Partner")
    assert form["international_activities_en"].value().startswith("Local partner")
    response = edit(
        manager_client,
        partner,
        international_activities_de="Austausch mit Deutschland.",
        international_activities_en="",
    )
    assert response.status_code == 302, response.context["form"].errors
    assert partner.activities_texts() == {
        "nl": "Uitwisselingen met Duitsland.",
        "de": "Austausch mit Deutschland.",
    }
    client.logout()
    german = client.get("/de" + PARTNERS).content.decode()
    assert "<p>Austausch mit Deutschland.</p>" in german
    english = client.get("/en" + PARTNERS).content.decode()
    assert '<p lang="nl">Uitwisselingen met Duitsland.</p>' in english
    assert "only in Dutch" in english


def test_a_translation_without_the_dutch_text_gets_a_dutch_message_at_the_field(
    manager_client, hengelo
):
    partner = Organisation.objects.get(name="ROZ")
    response = edit(
        manager_client,
        partner,
        international_activities="",
        international_activities_en="Exchanges with Germany.",
    )
    assert response.status_code == 200
    assert response.context["form"].errors["international_activities"] == [
        "Vul ook de Nederlandse tekst in; die staat op pagina's zonder vertaling."
    ]
    assert partner.activities_texts()["en"].startswith("Local partner")


def test_the_admin_edits_the_texts_in_three_languages(admin_client, hengelo):
    partner = Organisation.objects.get(name="ROZ")
    url = reverse("admin:contacts_organisation_change", args=[partner.pk])
    page = admin_client.get(url).content.decode()
    for name in (
        "international_activities",
        "international_activities_de",
        "international_activities_en",
    ):
        assert f'name="{name}"' in page
    assert "Lokaler Partner, der international tätig ist" in page
    data = {
        **version(admin_client, url),
        "name": partner.name, "kind": partner.kind, "city": partner.city, "country": "NL",
        "is_public_partner": "on", "international_activities": "Nederlandse tekst.",
        "international_activities_de": "", "international_activities_en": "English text.",
    }  # fmt: skip
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert partner.activities_texts() == {"nl": "Nederlandse tekst.", "en": "English text."}


@pytest.mark.parametrize(
    ("taal", "language", "start"),
    [("nl", "nl", "Wegwijzer"), ("de", "de", "Wegweiser"), ("en", "en", "Guide")],
)
def test_the_api_gives_the_text_in_the_language_asked_for(client, hengelo, taal, language, start):
    partners = client.get(f"{API}/partners", {"taal": taal, "limit": 100}).json()["results"]
    expat = next(p for p in partners if p["naam"] == "Expat Center Twente")
    assert expat["taal"] == language
    assert expat["internationaleActiviteiten"].startswith(start)


def test_the_api_says_when_the_text_is_dutch(client, hengelo):
    Organisation.objects.create(
        name="Jumelage Twente", city="Hengelo", is_public_partner=True,
        international_activities="Uitwisselingen met Frankrijk.",
    )  # fmt: skip
    partners = client.get(f"{API}/partners", {"taal": "en", "limit": 100}).json()["results"]
    jumelage = next(p for p in partners if p["naam"] == "Jumelage Twente")
    assert jumelage["taal"] == "nl"
    assert jumelage["internationaleActiviteiten"] == "Uitwisselingen met Frankrijk."


def test_the_public_contact_list_and_page_show_the_text_in_the_language(client, hengelo):
    partner = Organisation.objects.get(name="Expat Center Twente")
    listing = client.get("/en" + reverse("contacts:organisation-list")).content.decode()
    assert "Guide for international employees" in listing
    with override("nl"):
        url = partner.get_absolute_url()
    page = client.get("/de" + url).content.decode()
    assert "Wegweiser für internationale Arbeitskräfte" in page
    assert "Wegwijzer" not in page


@pytest.mark.parametrize(("prefix", "word"), [("/de", "Wegweiser"), ("/en", "Guide")])
def test_the_search_finds_a_partner_by_its_text_in_the_language(client, hengelo, prefix, word):
    content = client.get(prefix + reverse("portal:search"), {"q": word}).content.decode()
    assert "Expat Center Twente" in content


def test_the_search_on_a_german_page_finds_a_dutch_only_text(client, hengelo):
    Organisation.objects.create(
        name="Jumelage Twente", city="Hengelo", is_public_partner=True,
        international_activities="Uitwisselingen met Frankrijk.",
    )  # fmt: skip
    content = client.get("/de" + reverse("portal:search"), {"q": "Frankrijk"}).content.decode()
    assert "Jumelage Twente" in content


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_dutch_text_exactly():
    with real_migrations(connection):
        executor = MigrationExecutor(connection)
        executor.migrate([("contacts", BEFORE)])
        old = executor.loader.project_state([("contacts", BEFORE)]).apps
        OldOrganisation = old.get_model("contacts", "Organisation")
        text = "Handelsmissies naar Duitsland;\n  met  spaties en een regel. "
        OldOrganisation.objects.create(
            name="Met tekst", city="Hengelo", international_activities=text
        )
        OldOrganisation.objects.create(name="Zonder tekst", city="Hengelo")
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes("contacts"))
        with_text = Organisation.objects.get(name="Met tekst")
        assert with_text.activities_texts() == {"nl": text}
        assert Organisation.objects.get(name="Zonder tekst").translations.count() == 0
        executor = MigrationExecutor(connection)
        executor.migrate([("contacts", BEFORE)])
        old = executor.loader.project_state([("contacts", BEFORE)]).apps
        back = old.get_model("contacts", "Organisation").objects.get(name="Met tekst")
        assert back.international_activities == text
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes("contacts"))

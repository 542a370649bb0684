"""Editing outside the admin: the accountmanager and communicatie publish, unpublish and edit."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda.constants import TranslationState
from agenda.models import Event
from core.constants import Visibility
from tests.editing import version
from tests.factories import EventFactory, page_of, three_languages

pytestmark = pytest.mark.django_db

MANAGE = reverse("agenda:event-manage-list")
CREATE = reverse("agenda:event-create")


def form_data(**overrides):
    data = {
        "visibility": Visibility.DRAFT,
        "slug": "bezoek-emsdetten",
        "date_precision": "tijd",
        "starts_at": "2027-04-12T10:00",
        "ends_at": "2027-04-12T16:00",
        "venue": "Rathaus",
        "address": "Am Markt 1",
        "city": "Emsdetten",
        "country": "de",
        "organiser": "Gemeente Hengelo",
        "website": "",
        "title_nl": "Bezoek aan Emsdetten",
        "text_nl": "Raadsleden op bezoek.",
        "title_de": "Besuch in Emsdetten",
        "text_de": "Ratsmitglieder zu Besuch.",
        "title_en": "",
        "text_en": "",
    }
    data.update(overrides)
    return data


@pytest.fixture(params=["account_manager", "communications_user"])
def editor(request):
    return request.getfixturevalue(request.param)


def test_anonymous_visitors_are_sent_to_the_login(client):
    for url in (MANAGE, CREATE, reverse("agenda:translation-list")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    event = EventFactory()
    response = client.post(reverse("agenda:event-unpublish", args=[event.slug]))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.visibility == Visibility.PUBLIC


def test_the_edit_page_does_not_tell_whether_a_draft_exists(client, council_member):
    draft = EventFactory(visibility="concept")
    existing = reverse("agenda:event-update", args=[draft.slug])
    missing = reverse("agenda:event-update", args=["bestaat-niet"])
    for url in (existing, missing):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    client.force_login(council_member)
    assert client.get(existing).status_code == 403
    assert client.get(missing).status_code == 403


@pytest.mark.parametrize("role", ["council_member", "clerk", "finance_user"])
def test_other_roles_may_not_edit(client, request, role):
    client.force_login(request.getfixturevalue(role))
    event = EventFactory()
    assert client.get(MANAGE).status_code == 403
    assert client.get(CREATE).status_code == 403
    assert client.post(reverse("agenda:event-unpublish", args=[event.slug])).status_code == 403
    event.refresh_from_db()
    assert event.visibility == Visibility.PUBLIC


def test_editor_creates_a_draft_in_two_languages(client, editor):
    client.force_login(editor)
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, form_data())
    assert response.status_code == 302
    event = Event.objects.get(slug="bezoek-emsdetten")
    assert response["Location"] == f"/agenda/beheer/#evenement-{event.pk}"
    messages = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert messages == ["Het evenement is opgeslagen."]
    assert event.visibility == Visibility.DRAFT
    assert event.country == "DE"
    assert event.safe_translation_getter("title", language_code="nl") == "Bezoek aan Emsdetten"
    assert event.safe_translation_getter("title", language_code="de") == "Besuch in Emsdetten"
    assert not event.translations.filter(language_code="en").exists()
    assert event.translation_state("en") == TranslationState.MISSING
    client.logout()
    assert client.get(page_of(event)).status_code == 404


@pytest.mark.parametrize("country", ["-9", "1a", "ü2"])
def test_a_country_that_is_no_two_letter_code_is_refused(client, account_manager, country):
    """The public pages show the code and put it in the schema.org data: it must be one."""
    client.force_login(account_manager)
    response = client.post(CREATE, form_data(country=country))
    assert response.status_code == 200
    assert response.context["form"].errors["country"] == [
        "Voer een landcode van twee hoofdletters in, bijvoorbeeld NL of DE."
    ]
    assert not Event.objects.filter(slug="bezoek-emsdetten").exists()


def test_editor_publishes_and_unpublishes(client, editor):
    event = EventFactory(translations={"nl": {"title": "Te publiceren"}}, visibility="concept")
    client.force_login(editor)
    response = client.post(reverse("agenda:event-publish", args=[event.slug]), follow=True)
    assert "staat nu in de openbare agenda" in response.content.decode()
    event.refresh_from_db()
    assert event.visibility == Visibility.PUBLIC
    assert event.sequence == 1
    client.post(reverse("agenda:event-unpublish", args=[event.slug]))
    event.refresh_from_db()
    assert event.visibility == Visibility.DRAFT
    assert event.sequence == 2
    assert client.get(reverse("agenda:event-publish", args=[event.slug])).status_code == 405


def test_an_event_without_a_dutch_title_cannot_be_published(client, account_manager):
    event = EventFactory(translations={"de": {"title": "Nur Deutsch"}}, visibility="concept")
    client.force_login(account_manager)
    response = client.post(reverse("agenda:event-publish", args=[event.slug]), follow=True)
    assert "Een gepubliceerd evenement heeft een Nederlandse titel nodig." in (
        response.content.decode()
    )
    event.refresh_from_db()
    assert event.visibility == Visibility.DRAFT
    response = client.post(
        CREATE, form_data(visibility=Visibility.PUBLIC, title_nl="", text_nl="", slug="x")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["title_nl"] == [
        "Een gepubliceerd evenement heeft een Nederlandse titel nodig."
    ]
    assert "visibility" not in form.errors
    assert not Event.objects.filter(slug="x").exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_at": "2027-04-12T09:00"}, "ends_at", "Het einde ligt voor het begin."),
        ({"starts_at": "morgen"}, "starts_at", "Voer een geldige datum/tijd in."),
        (
            {"date_precision": "jaar"},
            "ends_at",
            "Laat het einde leeg als alleen de maand of het jaar bekend is.",
        ),
        ({"title_nl": "", "title_de": "", "text_de": ""}, "title_nl", "Vul ten minste de"),
        ({"title_de": ""}, "title_de", "Vul ook de titel in deze taal in."),
        ({"slug": "archief"}, "slug", "Dit webadres is al in gebruik"),
        ({"website": "javascript:alert(1)"}, "website", "Voer een geldige URL in."),
    ],
)
def test_bad_input_gets_a_dutch_message_at_the_field(client, account_manager, overrides, field,
                                                      message):  # fmt: skip
    client.force_login(account_manager)
    response = client.post(CREATE, form_data(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(error.startswith(message) for error in errors[field]), errors
    assert not Event.objects.exists()
    assert "Het evenement is niet opgeslagen" in response.content.decode()


@pytest.mark.parametrize("visibility", [Visibility.DRAFT, Visibility.PUBLIC])
def test_a_too_long_dutch_title_is_called_too_long_not_missing(client, account_manager, visibility):
    client.force_login(account_manager)
    data = form_data(visibility=visibility, title_nl="Bezoek " + "x" * 250)
    if visibility == Visibility.DRAFT:
        data.update(title_de="", text_de="")
    response = client.post(CREATE, data)
    assert response.status_code == 200
    assert response.context["form"].errors["title_nl"] == [
        "Zorg dat deze waarde niet meer dan 200 tekens bevat (het zijn er nu 257)."
    ]
    assert not Event.objects.exists()


def test_editing_changes_texts_and_drops_an_emptied_language(client, communications_user):
    event = EventFactory(translations=three_languages("Oud"), slug="oud")
    client.force_login(communications_user)
    response = client.get(reverse("agenda:event-update", args=["oud"]))
    assert 'value="Oud (de)"' in response.content.decode()
    url = reverse("agenda:event-update", args=["oud"])
    response = client.post(
        url,
        form_data(
            **version(client, url),
            slug="oud",
            visibility="openbaar",
            title_nl="Nieuw",
            text_nl="Nieuwe tekst",
            title_de="Neu",
            text_de="Neuer Text",
            title_en="",
            text_en="",
        ),
    )
    assert response.status_code == 302
    event = Event.objects.prefetch_related("translations").get(pk=event.pk)
    assert {t.language_code: t.title for t in event.translations.all()} == {
        "nl": "Nieuw",
        "de": "Neu",
    }
    assert event.city == "Emsdetten"
    assert event.sequence == 1


def test_translation_overview_lists_missing_and_outdated_texts(client, account_manager):
    complete = EventFactory(translations=three_languages("Compleet"))
    EventFactory(translations={"nl": {"title": "Alleen Nederlands"}})
    outdated = EventFactory(translations=three_languages("Verouderd"))
    outdated.set_current_language("nl")
    outdated.text = "De Nederlandse tekst is later aangepast."
    outdated.save()
    client.force_login(account_manager)
    content = client.get(reverse("agenda:translation-list")).content.decode()
    assert "Alleen Nederlands" in content
    assert "Verouderd (nl)" in content
    assert "Ouder dan de Nederlandse tekst" in content
    assert "Ontbreekt" in content
    assert str(complete) not in content
    # Updating the German and English text makes it current again.
    for language in ("de", "en"):
        outdated.set_current_language(language)
        outdated.text = "Bijgewerkt"
    outdated.save()
    content = client.get(reverse("agenda:translation-list")).content.decode()
    assert "Verouderd (nl)" not in content


def test_manage_list_shows_drafts_and_stays_within_a_query_budget(
    client, account_manager, django_assert_max_num_queries
):
    for n in range(25):
        EventFactory(
            translations=three_languages(f"E{n}"),
            visibility="concept" if n % 2 else "openbaar",
            starts_at=timezone.now() + timedelta(days=n),
        )
    client.force_login(account_manager)
    with django_assert_max_num_queries(12):
        response = client.get(MANAGE)
    content = response.content.decode()
    assert "E1 (nl)" in content and "E2 (nl)" in content
    assert content.count(">Publiceren<") == 12
    assert content.count(">Depubliceren<") == 13

"""The municipality is data: its identity comes from core.Municipality, never from the code."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from core.constants import SignatoryRole
from core.models import Municipality, Signatory
from core.municipality import current_municipality, forget
from proposals.constants import DocumentKind
from proposals.documents import build_document, render_pdf
from proposals.models import CouncilProposal

pytestmark = pytest.mark.django_db

CASE = "2200511"


@pytest.fixture
def restore_identity(hengelo):
    """Put Hengelo's identity back after a test that edits it, so no process memory leaks on."""
    municipality = Municipality.objects.get(slug="hengelo")
    signatories = list(municipality.signatories.all())
    yield
    municipality.save()
    for signatory in signatories:
        signatory.save()
    forget("hengelo")
    current_municipality()


def test_load_municipality_refuses_a_data_set_that_does_not_exist():
    with pytest.raises(CommandError, match="geen databestand core/data/atlantis.yaml"):
        call_command("load_municipality", "atlantis")


def test_load_hengelo_loads_the_hengelo_identity(hengelo):
    hengelo_data = Municipality.objects.get(slug="hengelo")
    assert hengelo_data.official_name == "Gemeente Hengelo"
    assert hengelo_data.postcode_city == "7550\u00a0AA Hengelo"
    assert [(s.title, s.name) for s in hengelo_data.college_signatories] == [
        ("de secretaris", "De heer J. Eshuis"),
        ("de burgemeester", "De heer S.W.J.G. Schelberg"),
    ]
    # The seeds name no griffier: the role is there, the name is unknown.
    assert hengelo_data.signatory(SignatoryRole.CLERK).name == ""


def test_the_letter_takes_letterhead_signatories_and_points_from_the_data(restore_identity):
    municipality = Municipality.objects.get(slug="hengelo")
    municipality.phone = "074 000 0000"
    municipality.visiting_address = "Marktstraat 1"
    municipality.save()
    signatory = Signatory.objects.get(municipality=municipality, role=SignatoryRole.MAYOR)
    signatory.title = "de loco-burgemeester"
    signatory.name = "Mevrouw A. Voorbeeld"
    signatory.save()
    CouncilProposal.objects.filter(case_number=CASE).update(
        agenda_minutes=30, agenda_points="eerste punt\ntweede punt"
    )

    html = build_document(DocumentKind.COVER_LETTER, CASE).html

    assert "074 000 0000" in html and "14-074" not in html
    assert "Marktstraat 1" in html and "Hazenweg 121" not in html
    assert "de loco-burgemeester" in html and "Mevrouw A. Voorbeeld" in html
    assert "Schelberg" not in html
    assert "Wij stellen voor er 30 minuten voor te nemen" in html
    assert "<li>eerste punt</li><li>tweede punt</li>" in html
    assert "toelichting proces" not in html


def test_house_style_serves_the_colours_as_custom_properties(client, restore_identity):
    response = client.get("/huisstijl.css")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    css = response.content.decode()
    assert "--portal-primary: #0b5394;" in css
    assert "--portal-primary-rgb: 11, 83, 148;" in css
    assert "--portal-accent: #b3122b;" in css
    assert client.get("/huisstijl.css", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304

    municipality = Municipality.objects.get(slug="hengelo")
    municipality.colour_primary = "#1d5e20"
    municipality.save()

    changed = client.get("/huisstijl.css", HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code == 200
    assert "--portal-primary: #1d5e20;" in changed.content.decode()
    page = client.get("/").content.decode()
    assert '<link rel="stylesheet" href="/huisstijl.css">' in page
    assert "style=" not in page  # the colours never come inline: the CSP allows no inline style


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("colour_primary", "#ffff00", "te weinig contrast met wit"),
        ("colour_accent", "blauw", "Geef een kleur als #rrggbb"),
        ("logo", "../geheim.svg", "Geef een pad binnen de statische bestanden"),
        ("texts", {"home_intro": {"fr": "Bonjour"}}, "Geef tekst ‘home_intro’ per taal"),
        ("texts", {"welkom": {"nl": "Hallo"}}, "Onbekende tekst ‘welkom’"),
    ],
)
def test_the_identity_refuses_bad_data_at_the_field(hengelo, field, value, message):
    municipality = Municipality.objects.get(slug="hengelo")
    setattr(municipality, field, value)
    with pytest.raises(ValidationError) as error:
        municipality.full_clean()
    assert message in " ".join(error.value.message_dict[field])


def test_own_texts_follow_the_language_and_fall_back_to_a_general_text(client, hengelo):
    dutch = client.get("/").content.decode()
    assert "partnerstad\n            Emsdetten" in dutch or "partnerstad Emsdetten" in dutch
    english = client.get("/en/agenda/").content.decode()
    assert "International events and activities of Hengelo and its partners" in english
    assert "Based on" not in english
    assert "International policy, based on the council proposal of March 2018" in english
    # Hengelo has no English wording for the themes page: the general text, with its name.
    themes = client.get("/themas/").content.decode()
    assert "vier actielijnen van de Agenda voor Twente" in themes


def test_a_logo_from_the_static_files_heads_pages_and_documents(client, restore_identity):
    municipality = Municipality.objects.get(slug="hengelo")
    municipality.logo = "img/favicon.svg"
    municipality.full_clean()
    municipality.save()

    page = client.get("/").content.decode()
    assert '<img class="brand-logo" src="/static/img/favicon.svg" alt="">' in page
    assert 'class="brand-mark"' not in page
    source = build_document(DocumentKind.COVER_LETTER, CASE)
    assert 'src="https://portaal.invalid/static/img/favicon.svg"' in source.html
    assert render_pdf(source).refused_urls == []


def test_a_process_that_read_the_identity_before_the_commit_reads_it_again_after(
    restore_identity, django_capture_on_commit_callbacks
):
    """Issue 17 (b): another process that asks for the identity between the save and the
    commit reads the old row under the new token; after the commit it must read it again."""
    from core import municipality as identities

    with django_capture_on_commit_callbacks(execute=True):
        municipality = Municipality.objects.get(slug="hengelo")
        before = Municipality.objects.get(slug="hengelo")
        municipality.name = "Hengeloo"
        municipality.save()
        # What another process keeps when it reads now: the token of the save, the old row.
        identities._identities["hengelo"] = (identities.read_token("hengelo"), before)
    identities.request_ended()
    assert current_municipality().name == "Hengeloo"


def test_a_change_saved_while_the_cache_skipped_writes_reaches_the_other_processes(
    restore_identity, monkeypatch
):
    """core.cache.FailSafeRedisCache skips every call for a few seconds after a failure: the
    token of a change saved then was never written, and the other processes kept the old
    identity (and the layout made from it) until the next change (issue 17, b)."""
    from django.core.cache import caches

    from core import municipality as identities

    before = current_municipality()
    token = identities.read_token("hengelo")
    backend = caches["default"]
    with monkeypatch.context() as outage:  # what the fail-safe cache answers while it pauses
        outage.setattr(backend, "get", lambda key, default=None, version=None: default)
        outage.setattr(backend, "set", lambda *args, **kwargs: None)
        municipality = Municipality.objects.get(slug="hengelo")
        municipality.name = "Hengeloo"
        municipality.save()
    identities.request_ended()
    assert current_municipality().name == "Hengeloo"  # this process's next request
    # Another process, which read the identity before the change.
    identities._identities["hengelo"] = (token, before)
    identities.request_ended()
    assert current_municipality().name == "Hengeloo"

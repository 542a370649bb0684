"""The agenda for the municipal website's iframe: filters, languages, no scripts, and framing
allowed for EMBED_ALLOWED_ORIGINS on this page only."""

import pytest
from django.test import override_settings
from django.urls import reverse

from core.constants import Visibility
from tests.factories import EventFactory, three_languages

pytestmark = pytest.mark.django_db

EMBED = reverse("agenda:event-embed")
HENGELO_NL = "https://www.hengelo.nl"


def frame_ancestors(response):
    policy = response["Content-Security-Policy"]
    [directive] = [part.strip() for part in policy.split(";") if "frame-ancestors" in part]
    return directive


def test_embed_lists_upcoming_events_with_filters_and_no_script(client):
    EventFactory(slug="in-gronau", translations=three_languages("In Gronau"), city="Gronau",
                 country="DE")  # fmt: skip
    EventFactory(slug="thuis", translations={"nl": {"title": "Thuis"}})
    EventFactory(slug="geheim", translations={"nl": {"title": "Geheim"}},
                 visibility=Visibility.DRAFT)  # fmt: skip
    content = client.get(EMBED).content.decode()
    assert "In Gronau (nl)" in content and "Thuis" in content and "Geheim" not in content
    assert "<script" not in content
    assert 'target="_blank"' in content and "/agenda/in-gronau/" in content
    assert "<header" not in content.split("<body")[0]
    filtered = client.get(EMBED, {"where": "duitsland"}).content.decode()
    assert "In Gronau (nl)" in filtered and "Thuis" not in filtered
    german = client.get("/de" + EMBED, {"where": "duitsland"}).content.decode()
    assert '<html lang="de">' in german and "In Gronau (de)" in german
    assert client.get(EMBED, {"where": "mars"}).status_code == 400


def test_without_allowed_origins_nothing_may_frame_it(client):
    response = client.get(EMBED)
    assert frame_ancestors(response) == "frame-ancestors 'none'"
    assert response["X-Frame-Options"] == "DENY"


@override_settings(EMBED_ALLOWED_ORIGINS=[HENGELO_NL])
def test_allowed_origins_may_frame_the_embed_and_nothing_else(client):
    EventFactory()
    for _ in range(2):  # rendered, then from the cache: the same headers
        response = client.get("/en" + EMBED)
        assert response.status_code == 200
        assert frame_ancestors(response) == f"frame-ancestors 'self' {HENGELO_NL}"
        assert "X-Frame-Options" not in response
    for url in (reverse("agenda:event-list"), "/", reverse("agenda:partner-list")):
        other = client.get(url)
        assert frame_ancestors(other) == "frame-ancestors 'none'"
        assert other["X-Frame-Options"] == "DENY"


def test_embed_queries_do_not_grow_with_the_events(client, django_assert_max_num_queries):
    EventFactory.create_batch(30, translations=three_languages("Veel"))
    with django_assert_max_num_queries(10):  # as the agenda page: most are the filters' choices
        response = client.get(EMBED)
    assert response.content.decode().count('class="border-bottom py-2"') == 10


@pytest.mark.html_checker
def test_embed_page_is_valid_html(client, assert_valid_html):
    EventFactory(translations=three_languages("Geldig"))
    assert_valid_html(client.get(EMBED), client.get("/de" + EMBED, {"where": "hengelo"}))


def test_the_event_json_for_sites_that_render_it_themselves(client):
    EventFactory(slug="json", translations=three_languages("Als JSON"))
    [event] = client.get("/api/v1/evenementen", {"taal": "en"}).json()["results"]
    assert event["titel"] == "Als JSON (en)"

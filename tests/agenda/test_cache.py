"""The anonymous page cache: hits, conditional GET, clearing on change, CSRF on cached pages."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.agenda.factories import EventFactory, page_of, three_languages
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db

LIST = reverse("agenda:event-list")


def test_second_anonymous_request_is_served_from_the_cache(client, django_assert_num_queries):
    EventFactory(translations={"nl": {"title": "In de cache"}})
    first = client.get(LIST)
    assert first["X-Agenda-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = Client().get(LIST)
    assert second["X-Agenda-Cache"] == "hit"
    assert "In de cache" in second.content.decode()
    assert second["ETag"] == first["ETag"]
    assert "no-cache" in second["Cache-Control"]


@pytest.mark.parametrize("url", [LIST, reverse("agenda:calendar-feed"), reverse("agenda:rss-feed")])
def test_conditional_get_answers_304_while_nothing_changed(client, url):
    event = EventFactory(translations={"nl": {"title": "Voor de ETag"}})
    etag = client.get(url)["ETag"]
    assert etag
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    response = client.get(page_of(event))
    assert client.get(page_of(event), headers={"if-none-match": response["ETag"]}).status_code == (
        304
    )


def test_a_change_to_an_event_clears_the_cache_and_the_etag(client):
    event = EventFactory(translations={"nl": {"title": "Oude titel"}})
    first = client.get(LIST)
    event.set_current_language("nl")
    event.title = "Nieuwe titel"
    event.save()
    response = client.get(LIST, headers={"if-none-match": first["ETag"]})
    assert response.status_code == 200
    assert response["X-Agenda-Cache"] == "miss"
    assert "Nieuwe titel" in response.content.decode()
    assert response["ETag"] != first["ETag"]


def test_adding_a_theme_to_an_event_clears_the_cache(client):
    event = EventFactory(translations={"nl": {"title": "Met thema"}})
    client.get(page_of(event))
    event.themes.add(ThemeFactory(name="Toegevoegd thema", code="toegevoegd"))
    assert "Toegevoegd thema" in client.get(page_of(event)).content.decode()


def test_publishing_through_the_form_shows_up_at_once(client, communications_user):
    event = EventFactory(translations={"nl": {"title": "Nog geheim"}}, visibility="concept")
    assert "Nog geheim" not in client.get(LIST).content.decode()
    client.force_login(communications_user)
    client.post(reverse("agenda:event-publish", args=[event.slug]))
    client.logout()
    assert "Nog geheim" in client.get(LIST).content.decode()


def test_logged_in_users_are_not_served_from_the_cache(client, council_member):
    EventFactory(translations={"nl": {"title": "Voor iedereen"}})
    Client().get(LIST)
    client.force_login(council_member)
    response = client.get(LIST)
    assert "X-Agenda-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "Uitloggen (raadslid)" in response.content.decode()


def test_languages_are_cached_separately(client):
    EventFactory(
        translations={"nl": {"title": "Titel nl"}, "de": {"title": "Titel de"}},
    )
    assert "Titel nl" in client.get(LIST).content.decode()
    assert "Titel de" in client.get("/de" + LIST).content.decode()
    assert "Titel nl" in client.get(LIST).content.decode()


def test_cached_pages_carry_no_visitor_token_and_switch_language_with_links(client):
    event = EventFactory(translations=three_languages("Taalkeuze"))
    for url in (LIST, page_of(event), reverse("agenda:partner-list")):
        Client().get(url)
        response = client.get(url)
        assert response["X-Agenda-Cache"] == "hit"
        content = response.content.decode()
        assert "csrfmiddlewaretoken" not in content
        assert "csrftoken" not in response.cookies
        assert f'<a href="http://testserver/de{url}" hreflang="de" lang="de"' in content
        assert f'<a href="http://testserver/en{url}" hreflang="en" lang="en"' in content
    german = client.get("/de" + page_of(event)).content.decode()
    assert "Taalkeuze (de)" in german
    assert 'hreflang="de" lang="de" class="btn btn-sm btn-primary me-1" aria-current="true"' in (
        german
    )


def test_a_page_with_a_visitor_token_is_never_cached(rf, settings):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from agenda.caching import cache_for_anonymous

    calls = []

    @cache_for_anonymous
    def view(request):
        calls.append(1)
        return HttpResponse('<input name="csrfmiddlewaretoken" value="geheim">')

    for _ in range(2):
        request = rf.get("/agenda/")
        request.user = AnonymousUser()
        assert "X-Agenda-Cache" not in view(request)
    assert len(calls) == 2

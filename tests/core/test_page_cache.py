"""The page cache of the public pages: hits, conditional GET, clearing on change, CSRF,
the per-process layer and a cache outage."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import EventFactory, ThemeFactory, page_of, three_languages

pytestmark = pytest.mark.django_db

LIST = reverse("agenda:event-list")


def test_second_anonymous_request_is_served_from_the_cache(client, django_assert_num_queries):
    EventFactory(translations={"nl": {"title": "In de cache"}})
    first = client.get(LIST)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = Client().get(LIST)
    assert second["X-Page-Cache"] == "hit"
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
    assert response["X-Page-Cache"] == "miss"
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
    assert "X-Page-Cache" not in response
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
        assert response["X-Page-Cache"] == "hit"
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


def run_middleware(request, view):
    from core.page_cache import PublicPageCacheMiddleware

    return PublicPageCacheMiddleware(view)(request)


def test_a_page_with_a_visitor_token_is_never_cached(rf):
    from django.http import HttpResponse

    calls = []

    def view(request):
        calls.append(1)
        return HttpResponse('<input name="csrfmiddlewaretoken" value="geheim">')

    for _ in range(2):
        assert "X-Page-Cache" not in run_middleware(rf.get("/agenda/"), view)
    assert len(calls) == 2


def test_a_private_or_failed_response_is_never_cached(rf):
    from django.http import HttpResponse

    calls = []

    def view(request):
        calls.append(1)
        if len(calls) == 2:
            return HttpResponse("niet gevonden", status=404)
        response = HttpResponse("voor één bezoeker")
        response["Cache-Control"] = "private" if len(calls) == 1 else "no-store"
        return response

    for _ in range(3):
        assert "X-Page-Cache" not in run_middleware(rf.get("/iets/"), view)
    assert len(calls) == 3


@pytest.mark.parametrize(
    "url",
    [
        reverse("portal:home"),
        reverse("proposals:councilproposal-list"),
        reverse("networks:network-list"),
        reverse("budget:overview"),
        "/de" + reverse("proposals:councilproposal-list"),
    ],
)
def test_every_public_page_is_cached_and_a_change_shows_at_once(hengelo, client, url):
    from networks.models import Network

    assert client.get(url)["X-Page-Cache"] == "miss"
    hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit"
    assert "csrfmiddlewaretoken" not in hit.content.decode()
    Network.objects.filter(pk=Network.objects.first().pk).first().save()
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_a_hit_keeps_the_views_framing_and_csp_decisions(rf):
    from csp.decorators import csp_update
    from django.http import HttpResponse
    from django.views.decorators.clickjacking import xframe_options_exempt

    @xframe_options_exempt
    @csp_update({"frame-ancestors": ["https://www.hengelo.nl"]})
    def view(request):
        return HttpResponse("ingesloten")

    assert run_middleware(rf.get("/ingesloten/"), view)["X-Page-Cache"] == "miss"
    hit = run_middleware(rf.get("/ingesloten/"), view)
    assert hit["X-Page-Cache"] == "hit"
    assert hit.xframe_options_exempt is True
    assert hit._csp_update == {"frame-ancestors": ["https://www.hengelo.nl"]}


def test_the_process_layer_serves_a_hit_without_the_shared_entry(client, hengelo):
    from django.core.cache import cache

    from core.page_cache import version_key

    url = reverse("proposals:councilproposal-list")
    client.get(url)
    # Only the version stays in the shared cache: the page comes from this process's layer.
    version = cache.get(version_key())
    cache.clear()
    cache.set(version_key(), version, None)
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_with_the_cache_down_pages_render_without_it(client, hengelo, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # A closed port: every cache call fails.
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    for url in (reverse("portal:home"), reverse("agenda:event-list"), "/agenda/feed.ics"):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response


@pytest.mark.parametrize("prefix", ["", "/de"])
def test_the_embedded_agenda_is_cached_like_the_agenda(client, council_member, prefix):
    """The municipal website's iframe: anonymous hits without a query, a change visible on the
    next request, and never a stored page for a signed-in user."""
    url = prefix + reverse("agenda:event-embed")
    event = EventFactory(translations=three_languages("Ingesloten"))
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    event.set_current_language("nl")
    event.title = "Ingesloten en gewijzigd"
    event.save()
    changed = client.get(url)
    assert changed["X-Page-Cache"] == "miss"
    if not prefix:
        assert "Ingesloten en gewijzigd" in changed.content.decode()
    client.force_login(council_member)
    response = client.get(url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_staff_reading_a_persons_record_leaves_the_public_pages_cached(client, account_manager):
    """Opening a record writes the access log (contacts.AccessLog); that is no content change."""
    from contacts.models import AccessLog
    from tests.factories import PersonFactory

    person = PersonFactory()
    staff = Client()
    staff.force_login(account_manager)
    assert client.get(LIST)["X-Page-Cache"] == "miss"
    assert staff.get(reverse("contacts:person-detail", args=[person.pk])).status_code == 200
    assert AccessLog.objects.filter(person=person, user=account_manager).exists()
    assert Client().get(LIST)["X-Page-Cache"] == "hit"


def test_a_page_kept_from_one_database_is_never_served_for_another(client, monkeypatch):
    """Two databases sharing one cache (a test database beside the portal's, the 100x copy):
    a page rendered from one is not served to a process reading the other (issue 17, e)."""
    from django.db import connection

    EventFactory(translations={"nl": {"title": "Uit de eerste database"}})
    assert client.get(LIST)["X-Page-Cache"] == "miss"
    assert Client().get(LIST)["X-Page-Cache"] == "hit"
    monkeypatch.setitem(connection.settings_dict, "NAME", "another_database")
    assert Client().get(LIST)["X-Page-Cache"] == "miss"


def test_a_part_kept_from_one_database_is_never_served_for_another(monkeypatch):
    from django.db import connection

    from core.kept import kept_each

    kept_each(["probe"], lambda missing: {"probe": "from the first database"})
    monkeypatch.setitem(connection.settings_dict, "NAME", "another_database")
    found = kept_each(["probe"], lambda missing: {"probe": "from the other database"})
    assert found["probe"] == "from the other database"


def test_a_change_saved_while_the_cache_skipped_writes_shows_once_it_is_back(client, monkeypatch):
    """core.cache.FailSafeRedisCache skips every call for a few seconds after a failure: a change
    saved then could not bump the version, and the page kept before it was served again once
    the cache answered (issue 17, b)."""
    from django.core.cache import caches

    event = EventFactory(translations={"nl": {"title": "Voor de storing"}})
    assert client.get(LIST)["X-Page-Cache"] == "miss"
    backend = caches["default"]
    with monkeypatch.context() as outage:  # what the fail-safe cache answers while it pauses
        outage.setattr(backend, "get", lambda key, default=None, version=None: default)
        outage.setattr(backend, "get_many", lambda *args, **kwargs: {})
        outage.setattr(backend, "set", lambda *args, **kwargs: None)
        outage.setattr(backend, "add", lambda *args, **kwargs: False)
        event.set_current_language("nl")
        event.title = "Tijdens de storing"
        event.save()
    response = client.get(LIST)
    assert "Tijdens de storing" in response.content.decode()


def test_a_migrate_makes_the_pages_kept_before_it_stale(client):
    # A migration's code may change rows without a save (an update, RunSQL); after `migrate`
    # (which sends post_migrate, as flush does) nothing kept before it is served.
    from django.core.management.sql import emit_post_migrate_signal
    from django.db import connection

    from networks.models import Theme

    theme = ThemeFactory(name="Voor de migratie")
    # A first migrate gives the role groups what they lack here; the second, below, changes no
    # permission (as a deploy's migrate mostly does), so no saved row makes the pages stale.
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    assert client.get(reverse("networks:theme-list"))["X-Page-Cache"] == "miss"
    assert Client().get(reverse("networks:theme-list"))["X-Page-Cache"] == "hit"
    Theme.objects.filter(pk=theme.pk).update(name="Na de migratie")  # no signal, as in RunPython
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    response = Client().get(reverse("networks:theme-list"))
    assert response["X-Page-Cache"] == "miss"
    assert "Na de migratie" in response.content.decode()

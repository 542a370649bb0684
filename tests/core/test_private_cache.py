"""The page cache of signed-in users (core.private_cache): each session gets its own pages and
nobody else's, changes and role changes show at once, forms still post, the people list's
access log is written on every view, and with the cache down the pages render without it."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from contacts.models import AccessLog
from core import private_cache
from core.constants import Role
from tests.factories import InteractionFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

FOLLOW_UPS = reverse("contacts:follow-up-list")
PEOPLE = reverse("contacts:person-list")
ORGANISATIONS = reverse("contacts:organisation-list")
PROPOSALS = reverse("proposals:councilproposal-list")
GRIFFIE = reverse("proposals:document-list")
BUDGET_LINES = reverse("budget:line-list")


def signed_in(user, **client_options):
    """A client signed in as the user, which has its CSRF cookie (as a browser has after its
    first page)."""
    client = Client(**client_options)
    client.force_login(user)
    client.get(PROPOSALS)
    return client


def follow_up(user, name, on="2024-04-01"):
    return InteractionFactory(
        organisation=OrganisationFactory(name=name), logged_by=user, follow_up_on=on
    )


def test_the_second_request_is_served_from_the_users_own_copy(account_manager):
    follow_up(account_manager, "Stadtwerke Bocholt")
    client = signed_in(account_manager)
    first = client.get(FOLLOW_UPS)
    assert first["X-Page-Cache"] == "miss"
    second = client.get(FOLLOW_UPS)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Stadtwerke Bocholt" in second.content.decode()
    assert "private" in second["Cache-Control"]
    assert "public" not in second["Cache-Control"]
    assert client.get(FOLLOW_UPS, headers={"if-none-match": second["ETag"]}).status_code == 304


def test_a_user_never_gets_another_users_page(account_manager, make_user):
    colleague = make_user("collega", Role.ACCOUNT_MANAGER)
    follow_up(account_manager, "Alleen voor de eerste")
    mine = signed_in(account_manager)
    mine.get(FOLLOW_UPS)
    assert mine.get(FOLLOW_UPS)["X-Page-Cache"] == "hit"
    other = signed_in(colleague)
    # Even with the first user's CSRF cookie the colleague's own session decides.
    other.cookies["csrftoken"] = mine.cookies["csrftoken"].value
    response = other.get(FOLLOW_UPS)
    assert response["X-Page-Cache"] == "miss"
    assert "Alleen voor de eerste" not in response.content.decode()


def test_signed_in_and_anonymous_pages_never_mix(council_member):
    anonymous = Client()
    anonymous.get(PROPOSALS)
    assert anonymous.get(PROPOSALS)["X-Page-Cache"] == "hit"  # the public cache
    member = signed_in(council_member)
    member.get(PROPOSALS)
    response = member.get(PROPOSALS)
    assert response["X-Page-Cache"] == "hit"
    assert reverse("logout") in response.content.decode()
    # An anonymous visitor with the member's CSRF cookie and a session cookie of its own
    # gets neither the member's page nor a cached one.
    stranger = Client()
    stranger.cookies["csrftoken"] = member.cookies["csrftoken"].value
    stranger.cookies["sessionid"] = "nobody"
    response = stranger.get(PROPOSALS)
    assert response.get("X-Page-Cache") is None
    assert reverse("logout") not in response.content.decode()


def test_signing_out_and_in_again_never_sees_the_old_copy(account_manager, make_user):
    follow_up(account_manager, "Van de vorige sessie")
    client = signed_in(account_manager)
    client.get(FOLLOW_UPS)
    assert client.get(FOLLOW_UPS)["X-Page-Cache"] == "hit"
    client.logout()
    client.force_login(make_user("opvolger", Role.ACCOUNT_MANAGER))
    response = client.get(FOLLOW_UPS)
    assert response.get("X-Page-Cache") != "hit"
    assert "Van de vorige sessie" not in response.content.decode()


def test_a_new_session_of_the_same_user_starts_without_a_copy(account_manager):
    client = signed_in(account_manager)
    client.get(FOLLOW_UPS)
    assert client.get(FOLLOW_UPS)["X-Page-Cache"] == "hit"
    csrf = client.cookies["csrftoken"].value
    client.logout()
    client.force_login(account_manager)
    client.cookies["csrftoken"] = csrf  # even with the same CSRF cookie: a new session key
    assert client.get(FOLLOW_UPS)["X-Page-Cache"] == "miss"


def test_a_role_change_shows_at_once(council_member):
    client = signed_in(council_member)
    client.get(PROPOSALS)
    assert GRIFFIE not in client.get(PROPOSALS).content.decode()
    council_member.groups.add(Group.objects.get(name=Role.CLERK.value))
    response = client.get(PROPOSALS)
    assert response["X-Page-Cache"] == "miss"
    assert GRIFFIE in response.content.decode()
    council_member.groups.remove(Group.objects.get(name=Role.CLERK.value))
    assert GRIFFIE not in client.get(PROPOSALS).content.decode()


def test_the_permission_is_asked_also_for_a_cached_page(account_manager):
    client = signed_in(account_manager)
    client.get(FOLLOW_UPS)
    assert client.get(FOLLOW_UPS)["X-Page-Cache"] == "hit"
    account_manager.groups.clear()
    assert client.get(FOLLOW_UPS).status_code == 403


def test_a_change_shows_on_the_next_request(account_manager):
    client = signed_in(account_manager)
    client.get(FOLLOW_UPS)
    client.get(FOLLOW_UPS)
    follow_up(account_manager, "Zojuist toegevoegd")
    response = client.get(FOLLOW_UPS)
    assert response["X-Page-Cache"] == "miss"
    assert "Zojuist toegevoegd" in response.content.decode()


def test_a_form_on_a_cached_page_still_posts_and_its_message_is_shown_once(account_manager):
    interaction = follow_up(account_manager, "Af te ronden")
    client = signed_in(account_manager, enforce_csrf_checks=True)
    client.get(FOLLOW_UPS)
    cached = client.get(FOLLOW_UPS)
    assert cached["X-Page-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', cached.content.decode())[1]
    response = client.post(
        reverse("contacts:follow-up-done", args=[interaction.pk]),
        {"csrfmiddlewaretoken": token, "next": FOLLOW_UPS},
    )
    assert response.status_code == 302
    with_message = client.get(FOLLOW_UPS)
    assert with_message.get("X-Page-Cache") is None  # a pending message: never from the cache
    assert "De opvolging is afgerond." in with_message.content.decode()
    after = client.get(FOLLOW_UPS)
    assert "De opvolging is afgerond." not in after.content.decode()
    assert "Af te ronden" not in after.content.decode()


def test_the_access_log_is_written_for_every_view_of_the_people_list(account_manager):
    people = PersonFactory.create_batch(3)
    client = signed_in(account_manager)
    for expected in ("miss", "hit", "hit"):
        assert client.get(PEOPLE)["X-Page-Cache"] == expected
    etag = client.get(PEOPLE)["ETag"]
    assert client.get(PEOPLE, headers={"if-none-match": etag}).status_code == 304
    for person in people:
        assert AccessLog.objects.filter(person=person, user=account_manager).count() == 5


def test_entries_expire_at_midnight():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 23, 59, 30, tzinfo=datetime.UTC)):
        # 00:59:30 in Hengelo: a few minutes
        assert private_cache.seconds_to_keep() == 300
    with time_machine.travel(datetime.datetime(2026, 3, 2, 22, 59, 30, tzinfo=datetime.UTC)):
        # 23:59:30 in Hengelo
        assert private_cache.seconds_to_keep() == 30


def test_a_copy_from_yesterday_is_not_served(account_manager):
    client = signed_in(account_manager)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 22, 59, 0, tzinfo=datetime.UTC)):
        client.get(FOLLOW_UPS)
        assert client.get(FOLLOW_UPS)["X-Page-Cache"] == "hit"
    with time_machine.travel(datetime.datetime(2026, 3, 2, 23, 0, 1, tzinfo=datetime.UTC)):
        assert client.get(FOLLOW_UPS)["X-Page-Cache"] == "miss"


def test_with_the_cache_down_pages_render_without_it(account_manager, monkeypatch):
    follow_up(account_manager, "Zonder cache")
    client = signed_in(account_manager)
    client.get(FOLLOW_UPS)
    # core.cache.FailSafeRedisCache with Redis down: reads miss, writes are skipped.
    monkeypatch.setattr(cache, "get", lambda key, default=None, version=None: default)
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
    monkeypatch.setattr(cache, "set", lambda *args, **kwargs: None)
    private_cache.local_layer.clear()
    for _ in range(2):
        response = client.get(FOLLOW_UPS)
        assert response.status_code == 200
        assert response.get("X-Page-Cache") is None
        assert "Zonder cache" in response.content.decode()


def test_a_failing_cache_read_renders_the_page(account_manager, monkeypatch):
    client = signed_in(account_manager)
    client.get(FOLLOW_UPS)

    def fails(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(private_cache, "read", fails)
    response = client.get(FOLLOW_UPS)
    assert response.status_code == 200
    assert response.get("X-Page-Cache") is None


def test_a_copy_in_this_process_is_not_served_while_the_version_is_unknown(
    account_manager, monkeypatch
):
    client = signed_in(account_manager)
    client.get(FOLLOW_UPS)
    assert client.get(FOLLOW_UPS)["X-Page-Cache"] == "hit"  # now in the per-process layer
    monkeypatch.setattr(cache, "get", lambda key, default=None, version=None: default)
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
    assert client.get(FOLLOW_UPS).get("X-Page-Cache") is None


@override_settings(PRIVATE_PAGE_CACHE=False)
def test_it_can_be_switched_off(account_manager):
    client = signed_in(account_manager)
    client.get(FOLLOW_UPS)
    assert client.get(FOLLOW_UPS).get("X-Page-Cache") is None


def test_the_griffie_and_organisations_are_cached_per_session(clerk, account_manager, finance_user):
    for user, url in (
        (clerk, GRIFFIE),
        (account_manager, ORGANISATIONS),
        (account_manager, PEOPLE),
        (finance_user, BUDGET_LINES),
    ):
        client = signed_in(user)
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def views_of(resolver):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from views_of(pattern)
        elif isinstance(pattern, URLPattern):
            yield getattr(pattern.callback, "view_class", pattern.callback)


def test_the_permission_is_checked_before_the_cache_on_every_view_that_opts_in():
    from django.contrib.auth.mixins import AccessMixin

    cached = [
        view
        for view in views_of(get_resolver())
        if isinstance(view, type) and issubclass(view, private_cache.PrivateCacheMixin)
    ]
    assert len(cached) >= 5
    for view in cached:
        order = view.__mro__
        position = order.index(private_cache.PrivateCacheMixin)
        assert all(
            order.index(base) < position
            for base in order
            if isinstance(base, type) and issubclass(base, AccessMixin) and base is not AccessMixin
        ), view

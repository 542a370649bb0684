"""The layout every page shares is written once per process and reused (issue 17): the parts
in {% once %} per language and municipality, the menu per language, entries and active page, the
security policy header once. What is reused must never be another visitor's, language's or
page's: these tests render a page as one and then as the other."""

import re

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory, override_settings
from django.urls import reverse

from core.constants import Role
from core.middleware import CSPMiddleware
from core.models import Municipality
from core.municipality import current_municipality, forget

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh(client):
    """The test client with a session cookie: the public page cache stays out of it, so that
    every page is rendered."""
    client.cookies[settings.SESSION_COOKIE_NAME] = "zonder-sessie"
    return client


def menus(content):
    lists = re.findall(r'<ul class="navbar-nav([^"]*)">(.*?)</ul>', content, re.S)
    return {"staff" if "staff-menu" in classes else "public": body for classes, body in lists}


def active_links(content):
    return re.findall(r'<a class="nav-link active" aria-current="page" href="([^"]+)"', content)


def test_a_council_member_does_not_get_the_account_managers_staff_menu(client, make_user, hengelo):
    client.force_login(make_user("am", Role.ACCOUNT_MANAGER))
    account_manager = menus(client.get("/").content.decode())
    assert reverse("contacts:follow-up-list") in account_manager["staff"]

    client.force_login(make_user("rl", Role.COUNCIL_MEMBER))
    council_member = menus(client.get("/").content.decode())
    assert reverse("contacts:follow-up-list") not in council_member["staff"]
    assert reverse("proposals:commitment-list") in council_member["staff"]

    client.logout()
    client.cookies[settings.SESSION_COOKIE_NAME] = "zonder-sessie"
    anonymous = client.get("/").content.decode()
    assert menus(anonymous)["staff"].strip() == ""
    assert "Uitloggen" not in anonymous and "Inloggen" in anonymous


def test_the_signed_in_header_names_each_user(client, make_user, hengelo):
    for name in ("eerste", "tweede"):
        client.force_login(make_user(name, Role.COUNCIL_MEMBER))
        content = client.get("/netwerken/").content.decode()
        assert f"Uitloggen ({name})" in content
        tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        assert tokens and tokens[0] != "", name


def test_the_active_menu_entry_follows_the_page(fresh, hengelo):
    assert active_links(fresh.get("/").content.decode()) == []
    assert active_links(fresh.get("/netwerken/").content.decode()) == ["/netwerken/"]
    assert active_links(fresh.get("/themas/").content.decode()) == ["/themas/"]
    assert active_links(fresh.get("/de/themas/").content.decode()) == ["/de/themas/"]
    assert active_links(fresh.get("/").content.decode()) == []


def test_the_login_link_returns_to_each_page(fresh, hengelo):
    for path in ("/netwerken/", "/themas/"):
        content = fresh.get(path).content.decode()
        assert f'href="{reverse("login")}?next={path}"' in content


def test_each_language_gets_its_own_layout(fresh, hengelo):
    dutch = fresh.get("/netwerken/").content.decode()
    german = fresh.get("/de/netwerken/").content.decode()
    english = fresh.get("/en/netwerken/").content.decode()
    dutch_again = fresh.get("/netwerken/").content.decode()
    assert '<html lang="nl">' in dutch and '<html lang="nl">' in dutch_again
    assert '<html lang="de">' in german and '<html lang="en">' in english
    # The menu, the skip link and the footer in each language, with its own addresses.
    assert ">Inspanningen</a>" in dutch and 'href="/inspanningen/"' in dutch
    assert ">Vorhaben</a>" in german and 'href="/de/inspanningen/"' in german
    assert ">Efforts</a>" in english and 'href="/en/inspanningen/"' in english
    assert "Direct naar de inhoud" in dutch_again and "Direct naar de inhoud" not in german
    assert "untranslated-notice" in german and "untranslated-notice" not in dutch_again
    assert 'href="/de/agenda/"' in german  # the notice's link to the agenda, in German


def test_the_language_switcher_links_the_page_itself(fresh, hengelo):
    for path in ("/netwerken/", "/partnerstad/emsdetten/"):
        content = fresh.get(path).content.decode()
        assert f'href="http://testserver/de{path}" hreflang="de"' in content
        assert f'href="http://testserver/en{path}" hreflang="en"' in content
    german = fresh.get("/de/netwerken/").content.decode()
    assert 'href="http://testserver/netwerken/" hreflang="nl"' in german
    current = 'hreflang="de" lang="de" class="btn btn-sm btn-primary me-1" aria-current="true"'
    assert current in german


def test_a_missing_page_links_its_own_address_in_every_language(fresh, hengelo):
    response = fresh.get("/bestaat-niet/?x=1")
    assert response.status_code == 404
    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" lang=', response.content.decode())
    assert [code for _href, code in links] == ["nl", "de", "en"]
    assert {href for href, _code in links} == {"http://testserver/bestaat-niet/?x=1"}
    # A page that exists but has no record: the switcher still links it in each language.
    response = fresh.get("/netwerken/bestaat-niet/")
    assert response.status_code == 404
    assert 'href="http://testserver/de/netwerken/bestaat-niet/" hreflang="de"' in (
        response.content.decode()
    )


def test_a_changed_municipality_shows_at_once(fresh, hengelo):
    assert "Gemeente Hengelo · Marktplein" not in fresh.get("/").content.decode()
    municipality = Municipality.objects.get(slug="hengelo")
    old_name, old_address = municipality.name, municipality.visiting_address
    assert old_name in fresh.get("/netwerken/").content.decode()
    try:
        municipality.name = "Hengeloo"
        municipality.visiting_address = "Marktplein 1"
        municipality.save()
        content = fresh.get("/netwerken/").content.decode()
        assert "Gemeente Hengeloo · Marktplein 1" in content  # the footer
        assert "· Gemeente Hengeloo</title>" in content
    finally:
        municipality.name, municipality.visiting_address = old_name, old_address
        municipality.save()
        forget("hengelo")
        current_municipality()
    assert "Gemeente Hengeloo" not in fresh.get("/netwerken/").content.decode()


def test_a_changed_setting_renders_the_layout_afresh(fresh, hengelo):
    assert 'href="/static/css/portal.css"' in fresh.get("/netwerken/").content.decode()
    with override_settings(STATIC_URL="/andere-static/"):
        content = fresh.get("/netwerken/").content.decode()
        assert 'href="/andere-static/css/portal.css"' in content
    assert 'href="/static/css/portal.css"' in fresh.get("/netwerken/").content.decode()


def test_once_takes_no_block():
    with pytest.raises(TemplateSyntaxError, match="block"):
        Template("{% load once %}{% once %}{% block x %}{% endblock %}{% endonce %}")


def test_once_renders_its_first_rendering_in_the_same_language(hengelo):
    template = Template("{% load once %}{% once %}{{ value }}{% endonce %}")
    assert template.render(Context({"value": "eerste"})) == "eerste"
    assert template.render(Context({"value": "tweede"})) == "eerste"  # what it is for
    with override_settings(LANGUAGE_CODE="nl"):
        assert template.render(Context({"value": "derde"})) == "derde"


def csp_headers(middleware, use_nonce=False, **attributes):
    request = RequestFactory().get("/netwerken/")
    middleware.process_request(request)
    if use_nonce:
        str(request.csp_nonce)
    response = HttpResponse()
    for name, value in attributes.items():
        setattr(response, name, value)
    response = middleware.process_response(request, response)
    return response.get("Content-Security-Policy"), request


@pytest.mark.parametrize(
    "case",
    [
        {},
        {"use_nonce": True},
        {"_csp_update": {"img-src": ["https://voorbeeld.example"]}},
        {"_csp_exempt": True},
    ],
)
def test_the_security_policy_is_django_csps(case):
    import csp.middleware

    ours, _request = csp_headers(CSPMiddleware(HttpResponse), **case)
    theirs, _request = csp_headers(csp.middleware.CSPMiddleware(HttpResponse), **case)
    assert ours == theirs
    if case == {}:
        assert "script-src 'self'" in ours
    if "_csp_update" in case:
        assert "https://voorbeeld.example" in ours


def test_a_nonce_asked_after_the_policy_was_written_is_refused():
    import csp.exceptions

    _header, request = csp_headers(CSPMiddleware(HttpResponse))
    with pytest.raises(csp.exceptions.CSPNonceError):
        str(request.csp_nonce)


def test_a_changed_translation_file_makes_every_kept_rendering_stale():
    from pathlib import Path

    from django.utils.autoreload import file_changed

    from core.memo import generation

    before = generation()
    file_changed.send(sender=None, file_path=Path("locale/de/LC_MESSAGES/django.html"))
    assert generation() == before
    file_changed.send(sender=None, file_path=Path("locale/de/LC_MESSAGES/django.mo"))
    assert generation() == before + 1

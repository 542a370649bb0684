"""A second factor for local accounts: required for administrators and financien, optional else."""

import base64
import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import twofactor
from core.constants import Role
from tests.conftest import totp_code

pytestmark = pytest.mark.django_db

SETUP = "/inloggen/app-koppelen/"
VERIFY = "/inloggen/code/"
ACCOUNT = "/account/tweestapsverificatie/"


def sign_in(client, username, url="/inloggen/", **extra):
    return client.post(url, {"username": username, "password": "test-wachtwoord", **extra})


def signed_in_as(client):
    user_id = client.session.get(SESSION_KEY)
    return None if user_id is None else int(user_id)


def secret_on(page):
    match = re.search(r'class="otp-secret">([A-Z2-7 ]+)<', page.content.decode())
    return base64.b32decode(match.group(1).replace(" ", ""))


def app_for(user):
    """Link an authenticator app to the user as the setup page would; return its key."""
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return device.bin_key


def later(seconds=31):
    """A code is accepted once: the next sign-in uses the next 30-second step."""
    return time_machine.travel(timezone.now() + timedelta(seconds=seconds), tick=True)


def test_financien_links_an_app_at_the_first_sign_in_and_only_then_is_signed_in(
    client, finance_user
):
    response = sign_in(client, "financien", next="/begroting/")
    assert response.status_code == 302 and response.url == SETUP
    assert signed_in_as(client) is None  # the password alone does not sign in

    page = client.get(SETUP)
    assert "Voor uw rol is tweestapsverificatie verplicht" in page.content.decode()
    qr = client.get("/inloggen/app-koppelen/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml"
    assert qr.content.lstrip().startswith(b"<svg")
    assert b"<script" not in qr.content and b"<style" not in qr.content  # nothing for CSP to block
    assert "<script>" not in page.content.decode()  # no inline script on the page (strict CSP)
    key = secret_on(page)

    wrong = client.post(SETUP, {"token": "000000" if totp_code(key) != "000000" else "111111"})
    assert "Deze code klopt niet" in wrong.content.decode()
    assert signed_in_as(client) is None

    with later(2):  # django-otp makes the next try wait after a wrong code
        done = client.post(SETUP, {"token": totp_code(key)})
    assert done.status_code == 302 and done.url == f"{ACCOUNT}?next=/begroting/"
    assert signed_in_as(client) == finance_user.pk
    assert client.session[DEVICE_ID_SESSION_KEY]
    account = client.get(done.url).content.decode()
    codes = re.findall(r"<li>([a-z0-9]{7,})</li>", account)
    assert len(codes) == twofactor.BACKUP_CODE_COUNT
    assert 'href="/begroting/"' in account
    assert not re.findall(r"<li>([a-z0-9]{7,})</li>", client.get(ACCOUNT).content.decode())

    # Next time: password, then the code of the linked app.
    client.logout()
    with later(40):
        assert sign_in(client, "financien").url == VERIFY
        assert signed_in_as(client) is None
        response = client.post(VERIFY, {"token": totp_code(key)})
        assert response.status_code == 302 and response.url == "/"
        assert signed_in_as(client) == finance_user.pk


@pytest.mark.parametrize("url", ["/inloggen/", "/admin/login/"])
def test_an_administrator_gets_into_the_admin_only_with_the_code(client, make_user, url):
    admin = make_user("beheer", is_staff=True, is_superuser=True)
    key = app_for(admin)
    response = sign_in(client, "beheer", url=url, next="/admin/")
    assert response.url == VERIFY
    assert client.get("/admin/").status_code == 302  # not signed in yet

    wrong = client.post(VERIFY, {"token": "12345"})
    assert "Deze code klopt niet of is verlopen" in wrong.content.decode()
    assert signed_in_as(client) is None
    with later(2):  # django-otp makes the next try wait after a wrong code
        response = client.post(VERIFY, {"token": totp_code(key)})
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_backup_code_works_once(client, make_user):
    admin = make_user("beheer", is_superuser=True, is_staff=True)
    app_for(admin)
    code = twofactor.new_backup_codes(admin)[0]
    sign_in(client, "beheer")
    assert client.post(VERIFY, {"token": code}).status_code == 302
    assert signed_in_as(client) == admin.pk
    assert not StaticToken.objects.filter(token=code).exists()
    client.logout()
    sign_in(client, "beheer")
    assert "Deze code klopt niet" in client.post(VERIFY, {"token": code}).content.decode()
    assert signed_in_as(client) is None


def test_other_roles_may_switch_it_on_and_off(client, make_user):
    member = make_user("raadslid", Role.COUNCIL_MEMBER)
    assert sign_in(client, "raadslid").url == "/"  # no second step without an app
    assert "Tweestapsverificatie staat uit" in client.get(ACCOUNT).content.decode()

    key = secret_on(client.get(SETUP))
    assert client.post(SETUP, {"token": totp_code(key)}).url == ACCOUNT
    client.logout()
    with later():
        assert sign_in(client, "raadslid").url == VERIFY
        client.post(VERIFY, {"token": totp_code(key)})
        assert signed_in_as(client) == member.pk

        client.post(ACCOUNT, {"switch_off": "1"})
        assert not twofactor.has_second_factor(member)
        client.logout()
        assert sign_in(client, "raadslid").url == "/"


def test_financien_cannot_switch_it_off(client, finance_user):
    key = app_for(finance_user)
    sign_in(client, "financien")
    client.post(VERIFY, {"token": totp_code(key)})
    response = client.post(ACCOUNT, {"switch_off": "1"}, follow=True)
    assert "Voor uw rol is tweestapsverificatie verplicht" in response.content.decode()
    assert twofactor.has_second_factor(finance_user)


def test_the_second_step_expires_and_needs_a_password_first(client, make_user):
    admin = make_user("beheer", is_superuser=True, is_staff=True)
    key = app_for(admin)
    assert client.get(VERIFY).url == "/inloggen/"  # no password given
    sign_in(client, "beheer")
    with later(twofactor.PENDING_SECONDS + 1):
        response = client.post(VERIFY, {"token": totp_code(key)})
    assert response.status_code == 302 and response.url == "/inloggen/"
    assert signed_in_as(client) is None


@pytest.mark.html_checker
def test_the_pages_are_valid_html(client, make_user, assert_valid_html):
    make_user("beheer", is_superuser=True, is_staff=True)
    sign_in(client, "beheer")
    setup = client.get(SETUP)
    key = secret_on(setup)
    client.post(SETUP, {"token": totp_code(key)})
    account = client.get(ACCOUNT)
    client.logout()
    with later():
        sign_in(client, "beheer")
        assert_valid_html(setup, account, client.get(VERIFY))


@override_settings(DEBUG=True)
def test_the_demo_administrator_signs_in_with_a_printed_backup_code_or_key(client):
    out = StringIO()
    call_command("create_demo_users", stdout=out)
    printed = out.getvalue()
    codes = re.search(r"beheerder\s+sleutel ([A-Z2-7 ]+)\n\s+reservecodes ([a-z0-9 ]+)", printed)
    key = base64.b32decode(codes.group(1).replace(" ", ""))
    backup = codes.group(2).split()[0]
    assert "financien" in printed.split("Tweede stap")[1]
    assert "raadslid" not in printed.split("Tweede stap")[1]

    client.post("/inloggen/", {"username": "beheerder", "password": "beheerder-demo"})
    assert client.post(VERIFY, {"token": backup}).url == "/"
    assert client.get("/admin/").status_code == 200
    client.logout()
    with later():
        client.post("/inloggen/", {"username": "beheerder", "password": "beheerder-demo"})
        assert client.post(VERIFY, {"token": totp_code(key)}).url == "/"


# --- a session that began without the code -----------------------------------------------------


@pytest.mark.parametrize("page", ["/admin/", "/begroting/regels/importeren/", "/contacten/"])
def test_a_session_from_before_two_factor_was_required_is_signed_out(client, make_user, page):
    admin = make_user("beheer", is_staff=True, is_superuser=True)
    client.force_login_without_code(admin)  # signed in on the password alone, as before
    assert signed_in_as(client) == admin.pk

    response = client.get(page)
    assert response.status_code == 302 and response.url.startswith("/inloggen/?next=")
    assert signed_in_as(client) is None
    notice = client.get(response.url).content.decode()
    assert "Voor uw rol is tweestapsverificatie verplicht. Log opnieuw in" in notice


def test_financien_from_an_old_session_must_sign_in_again_with_the_code(client, finance_user):
    key = app_for(finance_user)
    client.force_login_without_code(finance_user)
    assert client.get("/begroting/regels/nieuw/").url == "/inloggen/?next=/begroting/regels/nieuw/"
    assert signed_in_as(client) is None
    assert sign_in(client, "financien").url == VERIFY
    client.post(VERIFY, {"token": totp_code(key)})
    assert client.get("/begroting/regels/nieuw/").status_code == 200


def test_a_role_that_requires_the_code_signs_out_a_session_without_it(client, make_user):
    member = make_user("raadslid", Role.COUNCIL_MEMBER)
    assert sign_in(client, "raadslid").url == "/"  # no app: signed in with the password
    assert client.get("/account/tweestapsverificatie/").status_code == 200
    member.groups.add(Group.objects.get(name=Role.FINANCE.value))
    with later(300):  # asked again within five minutes of a role change
        assert client.get("/begroting/regels/nieuw/").status_code == 302
        assert signed_in_as(client) is None


def test_roles_without_the_requirement_and_provider_sign_ins_keep_their_session(client, make_user):
    member = make_user("raadslid", Role.COUNCIL_MEMBER)
    client.force_login_without_code(member)
    assert client.get("/account/tweestapsverificatie/").status_code == 200
    assert signed_in_as(client) == member.pk

    client.logout()
    staff = make_user("oidc-financien", Role.FINANCE)
    client.force_login_without_code(staff, backend="accounts.oidc.RoleMappingBackend")
    assert client.get("/begroting/regels/nieuw/").status_code == 200  # the provider asked

"""Sign-in with the municipality's account, against a real OpenID Connect provider.

The provider is the certified `oidc-provider` package from npm, run with node (tests/oidc/); in
CI it always runs, locally the tests skip only when node is missing.
"""

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts import oidc
from tests.conftest import require

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.browser,
    pytest.mark.xdist_group("oidc-provider"),
]

PROVIDER_DIR = Path(__file__).resolve().parents[1] / "oidc"
NODE = shutil.which("node")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def provider_process(live_server):
    require(NODE is not None, "node is not installed (needed for the OpenID Connect provider)")
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"], cwd=PROVIDER_DIR, check=True, timeout=300
        )
    port = free_port()
    process = subprocess.Popen(
        [
            NODE,
            "provider.mjs",
            str(port),
            f"{live_server.url}/oidc/callback/",
            f"{live_server.url}/",
        ],
        cwd=PROVIDER_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    issuer = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            process.kill()
            pytest.fail(f"the OpenID Connect provider did not start: {process.stdout.read()}")
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def provider(provider_process, settings):
    settings.OIDC_RP_CLIENT_ID = "hengelo-portaal"
    settings.OIDC_RP_CLIENT_SECRET = "alleen-voor-de-tests"
    settings.OIDC_OP_DISCOVERY_URL = f"{provider_process}/.well-known/openid-configuration"
    settings.OIDC_RP_SCOPES = "openid email profile groups"
    settings.OIDC_ROLE_MAP = {
        "portal-fin": "financien",
        "portal-griffie": "griffie",
        "portal-beheer": "beheerder",
    }
    oidc._discovery.clear()
    return provider_process


def sign_in_at_provider(page, live_server, login, next_url=""):
    page.goto(f"{live_server.url}/inloggen/{next_url}")
    page.get_by_role("link", name="Inloggen met gemeente-account").click()
    page.wait_for_url("**/interaction/**")
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("wat-dan-ook")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()  # consent for the portal
    page.wait_for_url(f"{live_server.url}/**")


def test_a_mapped_group_gives_the_role_and_no_second_factor_is_asked(page, live_server, provider):
    sign_in_at_provider(page, live_server, "anna.financien", "?next=/begroting/")
    assert page.url == f"{live_server.url}/begroting/"
    assert "Uitloggen (anna.financien)" in page.content()

    anna = get_user_model().objects.get(username="anna.financien")
    assert list(anna.groups.values_list("name", flat=True)) == ["financien"]
    assert anna.is_staff and not anna.is_superuser
    assert not anna.has_usable_password()
    assert anna.email == "anna@gemeente.example"
    assert anna.has_perm("budget.change_budgetline")


def test_roles_are_set_again_at_every_sign_in(page, live_server, provider):
    bert = get_user_model().objects.create(
        username="bert.griffie", is_staff=True, is_superuser=True, password="!oidc"
    )
    bert.groups.set([Group.objects.get(name="financien")])
    sign_in_at_provider(page, live_server, "bert.griffie")
    bert.refresh_from_db()
    assert list(bert.groups.values_list("name", flat=True)) == ["griffie"]
    assert not bert.is_superuser


def test_a_person_without_a_mapped_group_has_no_staff_rights(page, live_server, provider):
    sign_in_at_provider(page, live_server, "carla.zonder")
    assert "Uitloggen (carla.zonder)" in page.content()
    carla = get_user_model().objects.get(username="carla.zonder")
    assert not carla.is_staff and not carla.is_superuser
    assert not carla.groups.exists()
    page.goto(f"{live_server.url}/begroting/regels/importeren/")
    assert "Geen toegang" in page.content() or "/inloggen/" in page.url
    page.goto(f"{live_server.url}/admin/")
    assert "/admin/login/" in page.url or "/inloggen/" in page.url


def test_a_local_account_is_never_taken_over(page, live_server, provider, make_user):
    make_user("anna.financien")  # a local account with a password, same name
    sign_in_at_provider(page, live_server, "anna.financien")
    assert "/inloggen/" in page.url
    assert "Inloggen met uw gemeente-account is niet gelukt" in page.content()
    assert not get_user_model().objects.get(username="anna.financien").groups.exists()


def test_signing_out_also_ends_the_provider_session(page, live_server, provider):
    sign_in_at_provider(page, live_server, "anna.financien")
    page.get_by_role("button", name="Uitloggen (anna.financien)").click()
    page.wait_for_url("**/session/end**")
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{live_server.url}/")
    assert "Uitloggen" not in page.content()

    # Signing in again asks for the login at the provider: its session has ended too.
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_role("link", name="Inloggen met gemeente-account").click()
    page.wait_for_url("**/interaction/**")
    assert page.locator("input[name=login]").is_visible()


def test_the_button_shows_only_when_configured(client, settings):
    settings.OIDC_RP_CLIENT_ID = ""
    assert "gemeente-account" not in client.get("/inloggen/").content.decode()
    assert client.get("/oidc/inloggen/").status_code == 404
    settings.OIDC_RP_CLIENT_ID = "hengelo-portaal"
    assert "Inloggen met gemeente-account" in client.get("/inloggen/").content.decode()

"""In a real browser, with the portal's strict CSP: linking an app and the lock-out page."""

import base64

import pytest
from django.conf import settings

from tests.conftest import totp_code

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_financien_scans_the_qr_code_and_signs_in(
    page, live_server, finance_user, assert_accessible
):
    page.goto(f"{live_server.url}/inloggen/?next=/begroting/")
    page.get_by_label("Gebruikersnaam").fill("financien")
    page.get_by_label("Wachtwoord").fill("test-wachtwoord")
    page.get_by_role("button", name="Inloggen").last.click()
    page.wait_for_url("**/inloggen/app-koppelen/")
    qr = page.get_by_role("img", name="QR-code met de sleutel voor uw authenticator-app")
    assert qr.evaluate("(img) => img.complete && img.naturalWidth > 100")  # loaded under the CSP
    assert_accessible(page)

    secret = page.locator(".otp-secret").inner_text().replace(" ", "")
    page.get_by_label("Code").fill(totp_code(base64.b32decode(secret)))
    page.get_by_role("button", name="Koppelen").click()
    page.wait_for_url("**/account/tweestapsverificatie/**")
    assert page.locator(".backup-codes li").count() == 10
    assert_accessible(page)
    page.get_by_role("link", name="Verder").click()
    page.wait_for_url("**/begroting/")
    assert "Uitloggen (financien)" in page.content()


def test_the_lock_out_page_is_accessible(page, live_server, make_user, assert_accessible):
    make_user("griffie")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        page.goto(f"{live_server.url}/inloggen/")
        page.get_by_label("Gebruikersnaam").fill("griffie")
        page.get_by_label("Wachtwoord").fill(f"fout-{attempt}")
        page.get_by_role("button", name="Inloggen").last.click()
        page.wait_for_load_state()
    assert page.get_by_role("heading", name="Inloggen tijdelijk geblokkeerd").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Terug naar inloggen").click()
    page.wait_for_url("**/inloggen/")

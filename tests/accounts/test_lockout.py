"""Password guessing is stopped: django-axes locks out an account and an address."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import override_settings

pytestmark = pytest.mark.django_db

LOGIN_FORMS = [
    ("/inloggen/", {}),
    ("/admin/login/", {"next": "/admin/"}),
]


def attempt(client, url, username, password, address="192.0.2.10", forwarded=None, **extra):
    meta = {"REMOTE_ADDR": address}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(url, {"username": username, "password": password, **extra}, **meta)


@pytest.mark.parametrize(("url", "extra"), LOGIN_FORMS)
def test_fifty_wrong_passwords_lock_the_account_and_the_right_one_is_then_refused(
    client, make_user, url, extra
):
    make_user("beheer", is_staff=True, is_superuser=True)
    statuses = [
        attempt(client, url, "beheer", f"geraden-{n}", **extra).status_code for n in range(50)
    ]
    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[: limit - 1] == [200] * (limit - 1)  # the form again, with its error
    assert set(statuses[limit:]) == {429}

    response = attempt(client, url, "beheer", "test-wachtwoord", **extra)
    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    page = response.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in page
    assert "U kunt het opnieuw proberen vanaf" in page
    assert "functioneel beheerder" in page
    assert 'href="/inloggen/"' in page and 'href="/"' in page


def test_the_lock_out_page_is_valid_html(client, make_user, assert_valid_html):
    for n in range(settings.AXES_FAILURE_LIMIT):
        response = attempt(client, "/inloggen/", "niemand", f"fout-{n}")
    assert response.status_code == 429
    assert_valid_html(response)


def test_the_account_stays_locked_from_another_address(client, make_user):
    make_user("financien")
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "/inloggen/", "financien", f"fout-{n}", address="192.0.2.10")
    response = attempt(client, "/inloggen/", "financien", "test-wachtwoord", "198.51.100.7")
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_an_address_that_tries_many_accounts_is_locked_for_all(client, make_user):
    make_user("griffie")
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "/inloggen/", f"gok-{n}", "wachtwoord", address="203.0.113.5")
    response = attempt(client, "/inloggen/", "griffie", "test-wachtwoord", "203.0.113.5")
    assert response.status_code == 429
    assert (
        attempt(client, "/inloggen/", "griffie", "test-wachtwoord", "192.0.2.99").status_code == 302
    )


def test_the_lock_ends_after_the_cool_off(client, make_user):
    make_user("raadslid")
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "/inloggen/", "raadslid", f"fout-{n}")
    assert attempt(client, "/inloggen/", "raadslid", "test-wachtwoord").status_code == 429

    # Let the cool-off pass: the failures are now older than it.
    past = settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    for row in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=row.pk).update(attempt_time=row.attempt_time - past)
    response = attempt(client, "/inloggen/", "raadslid", "test-wachtwoord")
    assert response.status_code == 302
    assert client.session[SESSION_KEY]


def test_a_few_mistakes_do_not_lock_and_a_success_forgets_them(client, make_user):
    make_user("communicatie")
    for _round in range(3):
        for n in range(settings.AXES_FAILURE_LIMIT - 1):
            assert attempt(client, "/inloggen/", "communicatie", f"fout-{n}").status_code == 200
        assert attempt(client, "/inloggen/", "communicatie", "test-wachtwoord").status_code == 302
        client.logout()


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_client_address_counts_not_the_proxy(client, make_user):
    """Every request comes from the proxy: locking its address would lock everybody out."""
    make_user("accountmanager")
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(
            client,
            "/inloggen/",
            f"gok-{n}",
            "x",
            address="10.0.0.2",
            forwarded="203.0.113.5",
        )
    # Another client behind the same proxy signs in; a made-up header does not help the first.
    ok = attempt(
        client,
        "/inloggen/",
        "accountmanager",
        "test-wachtwoord",
        address="10.0.0.2",
        forwarded="192.0.2.44",
    )
    assert ok.status_code == 302
    client.logout()
    spoofed = attempt(
        client,
        "/inloggen/",
        "accountmanager",
        "test-wachtwoord",
        address="10.0.0.2",
        forwarded="192.0.2.44, 203.0.113.5",
    )
    assert spoofed.status_code == 429

"""A signed-in session ends after a working day without activity, not after two weeks."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, make_user):
    make_user("griffie", is_staff=True)
    response = client.post("/inloggen/", {"username": "griffie", "password": "test-wachtwoord"})
    assert response.status_code == 302
    return response


def test_the_session_lasts_a_working_day_not_two_weeks(client, signed_in):
    assert settings.SESSION_COOKIE_AGE == 9 * 3600
    assert signed_in.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 9 * 3600
    session = Session.objects.get()
    left = session.expire_date - timezone.now()
    assert timedelta(hours=8, minutes=59) < left <= timedelta(hours=9)


def is_signed_in(client):
    response = client.get("/admin/")
    if response.status_code == 200:
        return True
    assert response.status_code == 302 and "/login/" in response.url
    return False


def test_a_working_day_of_inactivity_ends_the_session(client, make_user):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        make_user("griffie", is_staff=True)
        client.post("/inloggen/", {"username": "griffie", "password": "test-wachtwoord"})
        assert is_signed_in(client)
        traveller.shift(timedelta(hours=8, minutes=50))
        assert is_signed_in(client)  # activity keeps the session alive ...
        traveller.shift(timedelta(hours=8, minutes=50))
        assert is_signed_in(client)  # ... well past the first working day
        traveller.shift(timedelta(hours=9, minutes=1))
        assert not is_signed_in(client)  # but a working day without a request ends it


def test_a_page_view_right_after_signing_in_does_not_write_the_session(client, signed_in):
    """Refreshing at most every few minutes keeps page views free of a session write."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/admin/").status_code == 200
    writes = [
        query["sql"]
        for query in captured.captured_queries
        if "django_session" in query["sql"] and not query["sql"].startswith("SELECT")
    ]
    assert writes == []


def test_signing_out_of_a_local_account_returns_to_the_home_page(client, signed_in):
    assert client.get("/uitloggen/").status_code == 405  # only by the form's POST
    response = client.post("/uitloggen/")
    assert response.status_code == 302 and response.url == "/"
    assert not is_signed_in(client)

"""The change log of the budget lines honours a date (?sinds=)."""

from datetime import datetime

import pytest
from django.utils import timezone

from budget.models import BudgetLine
from tests.factories import BudgetLineFactory

pytestmark = pytest.mark.django_db

URL = "/begroting/wijzigingen/"


def test_since_shows_only_the_changes_from_that_day(client):
    old = BudgetLineFactory(name="Oude regel")
    new = BudgetLineFactory(name="Nieuwe regel")
    zone = timezone.get_current_timezone()
    BudgetLine.history.filter(id=old.pk).update(history_date=datetime(2018, 2, 28, 23, tzinfo=zone))
    BudgetLine.history.filter(id=new.pk).update(history_date=datetime(2018, 3, 1, 0, tzinfo=zone))

    everything = client.get(URL).content.decode()
    since = client.get(URL, {"sinds": "2018-03-01"}).content.decode()

    assert "Oude regel" in everything and "Nieuwe regel" in everything
    assert "Nieuwe regel" in since
    assert "Oude regel" not in since


def test_a_bad_date_gets_a_dutch_message_and_the_whole_log(client):
    BudgetLineFactory(name="Een regel")

    html = client.get(URL, {"sinds": "2018-13-45"}).content.decode()

    assert "Vul een datum in als jjjj-mm-dd, bijvoorbeeld 2018-03-01." in html
    assert "Een regel" in html

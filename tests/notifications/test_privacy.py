"""Subscriptions in the AVG export and erasure of the contact registry's people."""

import json

import pytest

from contacts.constants import ErasureReason
from contacts.services import erase_person, person_data_csv, person_data_json
from notifications.constants import Frequency, Topic
from notifications.models import Subscriber, Subscription
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def public_subscription(email):
    subscriber = Subscriber.objects.create(email=email, language="de")
    return Subscription.objects.create(
        subscriber=subscriber, topic=Topic.AGENDA, frequency=Frequency.WEEKLY
    )


def test_the_export_of_a_person_lists_the_subscriptions_of_their_address(account_manager):
    person = PersonFactory(email="Anna.Voorbeeld@example.org")
    public_subscription("anna.voorbeeld@example.org")
    public_subscription("iemand.anders@example.org")

    data = json.loads(person_data_json(person))

    assert len(data["abonnementen"]) == 1
    assert data["abonnementen"][0]["onderwerp"] == "De internationale agenda"
    assert data["abonnementen"][0]["taal"] == "de"
    assert "abonnementen;1;onderwerp;De internationale agenda" in person_data_csv(person)


def test_erasing_a_person_removes_the_subscriptions_of_their_address(account_manager):
    person = PersonFactory(email="anna.voorbeeld@example.org")
    public_subscription("ANNA.voorbeeld@example.org")
    kept = public_subscription("iemand.anders@example.org")

    erase_person(person, account_manager, ErasureReason.REQUEST)

    assert list(Subscription.objects.all()) == [kept]
    assert not Subscriber.objects.filter(email__iexact="anna.voorbeeld@example.org").exists()

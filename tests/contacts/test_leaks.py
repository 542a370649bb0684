"""Smaller leaks: an internal network named on the public list, person pages not logged."""

import pytest
from django.urls import reverse

from contacts.constants import AccessAction
from contacts.models import AccessLog
from networks.models import Network
from tests.factories import NetworkFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_public_contact_list_does_not_name_an_internal_network(client):
    NetworkFactory(name="Geheim overleg", slug="geheim", visibility="intern")
    NetworkFactory(name="Open netwerk", slug="open", visibility="openbaar")
    page = client.get(reverse("contacts:organisation-list")).content.decode()
    assert "Open netwerk" in page
    assert "Geheim overleg" not in page
    internal = Network.objects.get(slug="geheim")
    response = client.get(reverse("contacts:organisation-list"), {"networks": internal.pk})
    assert "Geheim overleg" not in response.content.decode()


def test_the_person_edit_page_and_the_people_list_are_logged(client, account_manager):
    people = [PersonFactory(organisation=OrganisationFactory()) for _ in range(3)]
    client.force_login(account_manager)
    client.get(reverse("contacts:person-update", args=[people[0].pk]))
    assert AccessLog.objects.filter(person=people[0], action=AccessAction.VIEWED).count() == 1
    client.get(reverse("contacts:person-list"))
    for person in people:
        assert AccessLog.objects.filter(person=person, user=account_manager).exists()


def test_the_person_history_in_the_admin_and_its_list_are_logged(admin_client, admin_user):
    person = PersonFactory(organisation=OrganisationFactory())
    admin_client.get(reverse("admin:contacts_person_history", args=[person.pk]))
    logged = AccessLog.objects.filter(person=person, action=AccessAction.VIEWED_IN_ADMIN)
    assert logged.count() == 1
    version = person.history.first().history_id
    admin_client.get(reverse("admin:contacts_person_simple_history", args=[person.pk, version]))
    assert logged.count() == 2
    admin_client.get(reverse("admin:contacts_person_changelist"))
    assert logged.count() == 3

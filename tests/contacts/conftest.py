"""Fixtures of the contact registry tests, including the registry at scale (see scale.py)."""

import pytest

from tests.factories import ColleagueFactory, OrganisationFactory, PersonFactory

from .scale import registry_rolled_back


@pytest.fixture
def manager_client(client, account_manager):
    """The test client signed in as the accountmanager internationaal."""
    client.force_login(account_manager)
    return client


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="WTC Twente", city="Hengelo", is_public_partner=True)


@pytest.fixture
def private_organisation(db):
    return OrganisationFactory(name="Regio Twente", city="Enschede", is_public_partner=False)


@pytest.fixture
def person(organisation):
    return PersonFactory(
        organisation=organisation,
        first_name="Sanne",
        last_name="Voorbeeld",
        email="sanne.voorbeeld@example.org",
        phone="+31 74 000 0101",
    )


@pytest.fixture
def colleague(db):
    return ColleagueFactory(name="Inge Subsidiedemo")


@pytest.fixture(scope="module")
def registry_at_scale(django_db_setup, django_db_blocker):
    """10,000 people and 50,000 interactions for the whole module, never committed."""
    with django_db_blocker.unblock(), registry_rolled_back() as records:
        yield records

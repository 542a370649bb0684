"""One rule for names in history: staff read who saved a version, nobody else does."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from core.constants import Role
from core.history import editor_name
from proposals.constants import ProposalStatus
from proposals.models import Proposal
from tests.factories import BudgetLineFactory

pytestmark = pytest.mark.django_db

NAME = "Fien Financiën"
ANONYMOUS = "een medewerker van de gemeente"


@pytest.fixture
def editor(make_user):
    return make_user("fien", Role.FINANCE, first_name="Fien", last_name="Financiën")


@pytest.fixture
def viewers(make_user):
    """Who opens the page -> whether they read the name."""
    return {
        None: False,
        make_user("zonder-rol"): False,
        make_user("raadslid", Role.COUNCIL_MEMBER): True,
        make_user("beheer", is_staff=True): True,
    }


def page(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url).content.decode()


def test_the_budget_history_names_the_editor_to_staff_only(client, editor, viewers):
    line = BudgetLineFactory(name="Lidmaatschap Eurocities")
    line.amount = Decimal("2000")
    line._history_user = editor
    line.save()
    for url in (line.get_absolute_url(), reverse("budget:changes")):
        for viewer, sees_names in viewers.items():
            content = page(client, viewer, url)
            assert "Lidmaatschap Eurocities" in content, url
            assert (NAME in content) == sees_names, (url, viewer)
            assert ("fien" in content) is False, (url, viewer)
            assert (ANONYMOUS in content) != sees_names, (url, viewer)


def test_the_proposals_status_history_follows_the_same_rule(client, hengelo, editor, viewers):
    proposal = Proposal.objects.get(number=4)
    proposal.status = ProposalStatus.ADOPTED
    proposal._history_user = editor
    proposal.save()
    for viewer, sees_names in viewers.items():
        content = page(client, viewer, proposal.get_absolute_url())
        assert (NAME in content) == sees_names, viewer
        assert (ANONYMOUS in content) != sees_names, viewer


def test_a_version_without_a_user_was_a_data_load(make_user):
    assert editor_name(None, AnonymousUser()) == "systeem (gegevens geladen)"
    assert editor_name(make_user("x"), None) == ANONYMOUS

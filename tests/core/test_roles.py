"""The role groups exist with the permissions each needs; demo users only in DEBUG."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import override_settings

from core.constants import Role

pytestmark = pytest.mark.django_db


def codenames(role):
    return set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))


def test_every_role_group_exists():
    assert set(Group.objects.values_list("name", flat=True)) >= {role.value for role in Role}


def test_council_members_may_view_but_not_change_the_domain():
    perms = codenames("raadslid")
    assert {"view_proposal", "view_network", "view_effort", "view_budgetline"} <= perms
    assert not {p for p in perms if p.startswith(("change_", "add_", "delete_"))}


def test_the_clerk_edits_proposals_and_finance_edits_the_budget():
    assert {"change_proposal", "change_councilproposal", "add_decisionpoint"} <= codenames(
        "griffie"
    )
    assert "change_budgetline" not in codenames("griffie")
    assert {"change_budgetline", "add_budgetline", "change_staffposition"} <= codenames("financien")
    assert "change_proposal" not in codenames("financien")


def test_demo_users_are_refused_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("create_demo_users", stdout=StringIO())
    assert not get_user_model().objects.exists()


@override_settings(DEBUG=True)
def test_demo_users_one_per_role_and_their_logins_are_printed(client):
    out = StringIO()
    call_command("create_demo_users", stdout=out)
    call_command("create_demo_users", stdout=StringIO())  # twice is fine
    users = get_user_model().objects.all()
    assert users.count() == len(Role) + 1
    for role in Role:
        user = users.get(username=role.value)
        assert list(user.groups.values_list("name", flat=True)) == [role.value]
        assert not user.is_superuser
        assert f"{role.value}-demo" in out.getvalue()
    assert users.get(username="beheerder").is_superuser
    response = client.post("/inloggen/", {"username": "raadslid", "password": "raadslid-demo"})
    assert response.status_code == 302
    assert client.get("/").context["user"].username == "raadslid"

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.urls import NoReverseMatch, reverse

from core import navigation
from core.constants import Role

ROOT = Path(__file__).resolve().parents[2]


def test_the_menu_links_every_entry_for_an_administrator(django_user_model):
    admin = django_user_model(username="beheer", is_superuser=True, is_active=True)
    items = navigation.menu_for(admin)
    assert len(items) == len(navigation.MENU)
    assert all(item["url"].startswith("/") for item in items)


def test_a_broken_menu_entry_fails_instead_of_vanishing(monkeypatch):
    monkeypatch.setattr(navigation, "MENU", [("proposals:bestaat-niet", "Kapot", None)])
    with pytest.raises(NoReverseMatch):
        navigation.menu_for(AnonymousUser())


# Pages anybody may open, that show more to a role: the menu offers them to that role only.
# (The public's view of the organisations is 'Partners', agenda:partner-list.)
SHOWN_TO_A_ROLE_ONLY = {"contacts:organisation-list"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, "", "superuser", *Role.values])
def test_the_menu_shows_exactly_the_pages_the_user_may_open(client, make_user, role):
    """None: an anonymous visitor; "": signed in without a role."""
    user = AnonymousUser()
    if role is not None:
        superuser = role == "superuser"
        user = make_user("gebruiker", None if superuser else role or None, is_superuser=superuser)
        client.force_login(user)
    shown = [item["url"] for item in client.get(reverse("portal:home")).context["menu"]]
    for name, label, permission in navigation.MENU:
        url = reverse(name)
        status = client.get(url).status_code
        assert status in (200, 302, 403), (url, status)
        if name in SHOWN_TO_A_ROLE_ONLY and url not in shown:
            assert status == 200 and not user.has_perm(permission)
            continue
        assert (url in shown) == (status == 200), (role, str(label), status)


def test_the_menu_of_a_council_member_and_the_griffie(db, make_user):
    council_member = make_user("raadslid", Role.COUNCIL_MEMBER)
    clerk = make_user("griffie", Role.CLERK)
    account_manager = make_user("accountmanager", Role.ACCOUNT_MANAGER)
    labels = {
        user.username: {str(item["label"]) for item in navigation.menu_for(user)}
        for user in (council_member, clerk, account_manager)
    }
    assert {"Contacten", "Toezeggingen"} <= labels["raadslid"]
    assert not {"Griffie", "Mijn opvolging"} & labels["raadslid"]
    assert "Griffie" in labels["griffie"] and "Mijn opvolging" not in labels["griffie"]
    assert "Mijn opvolging" in labels["accountmanager"]
    assert "Griffie" not in labels["accountmanager"]
    anonymous = {str(item["label"]) for item in navigation.menu_for(AnonymousUser())}
    assert not {"Contacten", "Toezeggingen", "Griffie", "Mijn opvolging"} & anonymous


# Who may do what is a permission (core.roles gives the groups theirs): views, menus and templates
# ask `user.has_perm` or Django's permission mixins and decorators, never a group's name.
GROUP_CHECKS = re.compile(
    r"user\.groups\b|\bgroups\.(?:filter|all|values|values_list|exists)\b|groups__name"
    r"|\bGroup\b|\bRole\b|user_roles|\bin roles\b"
)
# In Python also a role's name as a string ('griffie'); templates use such words as HTML ids.
ROLE_NAMES = re.compile("|".join(rf"[\"']{re.escape(role)}[\"']" for role in Role.values))


def view_and_menu_files():
    for app in (path.parent for path in ROOT.glob("*/apps.py")):
        yield from app.glob("views*.py")
        yield from app.glob("views/*.py")
    yield ROOT / "core" / "navigation.py"
    yield ROOT / "core" / "context_processors.py"
    yield from (ROOT / "templates").rglob("*.html")


def checks_a_group(path, line):
    return GROUP_CHECKS.search(line) or (path.suffix == ".py" and ROLE_NAMES.search(line))


def test_no_view_menu_or_template_checks_a_group_name():
    files = list(view_and_menu_files())
    assert len(files) > 50 and ROOT / "budget" / "views" / "lines.py" in files
    offending = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if checks_a_group(path, line)
    ]
    assert offending == []


def test_the_group_check_pattern_finds_what_it_looks_for():
    python = Path("views.py")
    for line in (
        'if "griffie" in roles:',
        "user.groups.filter(name='financien')",
        "request.user.groups.values_list('name', flat=True)",
        "User.objects.filter(groups__name=name)",
        "Role.CLERK in names",
        "if audience in roles:",
    ):
        assert checks_a_group(python, line), line
    assert checks_a_group(Path("x.html"), "{% if 'accountmanager' in user_roles %}")
    assert not checks_a_group(python, 'user.has_perm("proposals.export_documentexport")')
    assert not checks_a_group(python, "for group in block.groups:")


def test_the_menu_reads_a_users_permissions_in_one_query(
    db, make_user, django_assert_num_queries, django_user_model
):
    """The menu on every signed-in page costs one query, as the group lookup it replaced."""
    make_user("griffie", Role.CLERK)
    user = django_user_model.objects.get(username="griffie")
    with django_assert_num_queries(1):
        labels = {str(item["label"]) for item in navigation.menu_for(user)}
        assert user.has_perm("proposals.change_proposal")
    assert "Griffie" in labels
    own = make_user("zelf")
    own.user_permissions.add(Permission.objects.get(codename="view_commitment"))
    own = django_user_model.objects.get(pk=own.pk)
    assert {str(item["label"]) for item in navigation.menu_for(own)} >= {"Toezeggingen"}
    assert own.get_all_permissions() == {"proposals.view_commitment"}


@pytest.mark.django_db
def test_the_staff_pages_sit_apart_from_the_public_menu(client, hengelo, make_user):
    def menus(content):
        lists = re.findall(r'<ul class="navbar-nav([^"]*)">(.*?)</ul>', content, re.S)
        return {
            "staff" if "staff-menu" in classes else "public": re.findall(r'href="([^"]+)"', body)
            for classes, body in lists
        }

    anonymous = menus(client.get("/").content.decode())
    assert reverse("networks:network-list") in anonymous["public"]
    assert anonymous["staff"] == []

    client.force_login(make_user("am", Role.ACCOUNT_MANAGER))
    signed_in = menus(client.get("/").content.decode())
    assert reverse("contacts:follow-up-list") in signed_in["staff"]
    assert reverse("contacts:follow-up-list") not in signed_in["public"]
    assert signed_in["public"] == anonymous["public"]

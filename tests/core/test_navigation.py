import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import NoReverseMatch

from core import navigation


def test_the_menu_links_every_entry_for_an_administrator(django_user_model):
    admin = django_user_model(username="beheer", is_superuser=True)
    items = navigation.menu_for(admin, roles=set())
    assert len(items) == len(navigation.MENU)
    assert all(item["url"].startswith("/") for item in items)


def test_a_broken_menu_entry_fails_instead_of_vanishing(monkeypatch):
    monkeypatch.setattr(navigation, "MENU", [("proposals:bestaat-niet", "Kapot", "all")])
    with pytest.raises(NoReverseMatch):
        navigation.menu_for(AnonymousUser(), roles=set())

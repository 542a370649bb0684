"""The registry at scale leaves no committed row behind for the tests that run after it."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from contacts.models import Interaction, Person

from .scale import registry_rolled_back


def row_counts():
    """Rows in every table of the project, historical tables included."""
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def test_after_the_registry_at_scale_every_table_is_as_it_was(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        before = row_counts()
        with registry_rolled_back(n_people=100, n_interactions=120, n_organisations=8) as records:
            assert Person.objects.count() == before["contacts.Person"] + 100
            assert Interaction.objects.count() == before["contacts.Interaction"] + 120
            assert get_user_model().objects.filter(pk=records["manager"].pk).exists()
        after = row_counts()

    assert after == before
    for label in ("Organisation", "Person", "Interaction", "Opportunity", "AccessLog"):
        assert after[f"contacts.{label}"] == 0, label


def test_a_failure_inside_leaves_nothing_behind_either(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        before = row_counts()
        with (
            pytest.raises(RuntimeError),
            registry_rolled_back(n_people=100, n_interactions=10, n_organisations=2),
        ):
            raise RuntimeError("a test failed")
        after = row_counts()

    assert after == before

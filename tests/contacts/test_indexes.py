"""The contact registry's long lists read their first page from an index, not by sorting every
row (issue 17: at 100,000 people the people list sorted them all for 50 rows). PostgreSQL only:
the plan is asked with sequential scans and sorts made expensive, so a plan that still sorts means
the order and the index no longer match."""

import pytest
from django.db import connection

from contacts.models import Interaction, Organisation, Person
from tests.contacts.scale import build_registry

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def plan(queryset):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
    return queryset.explain()


def test_people_list_reads_its_page_from_the_name_index():
    build_registry(n_people=200, n_interactions=400, n_organisations=10)
    page = Person.objects.select_related("organisation")[:50]
    assert "person_name_idx" in plan(page)


def test_my_follow_ups_read_from_the_open_follow_up_index():
    registry = build_registry(n_people=200, n_interactions=400, n_organisations=10)
    page = Interaction.objects.follow_ups_for(registry["manager"])[:50]
    text = plan(page)
    assert "interaction_open_follow_up_idx" in text
    assert "Sort" not in text


def test_organisation_list_reads_its_page_from_the_order_index():
    build_registry(n_people=200, n_interactions=400, n_organisations=10)
    assert "organisation_order_idx" in plan(Organisation.objects.all()[:50])

"""The agenda's queries over all events are read from their indexes (issue 17: at 10,000 events
the months of the filter converted each event's start to the time zone, 9 ms, and the count read
every row). PostgreSQL only: the plan is asked with sequential scans and sorts made expensive, so
a plan that still reads the table or sorts means that the query and the index no longer match."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.utils import timezone

from agenda.choices import month_rows
from agenda.models import Event
from tests.factories import EventFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def plan(queryset):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_hashagg = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_incremental_sort = off")
    return queryset.explain()


@pytest.fixture
def events():
    start = timezone.now()
    for days in (-40, -1, 1, 40):
        EventFactory(starts_at=start + timedelta(days=days))


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_months_are_read_from_the_month_index_in_their_order(events, signed_in, request):
    user = request.getfixturevalue("account_manager") if signed_in else AnonymousUser()
    visible = Event.objects.visible_to(user)
    for events_asked in (visible, visible.filter(finishes_at__gte=timezone.now())):
        text = plan(month_rows(events_asked))
        assert "Index Only Scan using event_month_idx" in text
        assert "Sort" not in text
        assert "HashAggregate" not in text


def test_the_months_read_from_the_index_are_those_of_the_events(events):
    start = timezone.localtime().replace(month=3, day=31, hour=23, minute=30)
    EventFactory(starts_at=start.replace(year=2031))  # in March here, in UTC too
    EventFactory(starts_at=start.replace(year=2031, month=5, day=1, hour=0, minute=30))
    months = [month for month, _first, _last in month_rows(Event.objects.published())]
    assert months == sorted(months)
    assert {"2031-03", "2031-05"} <= set(months)
    assert "2031-04" not in months  # 1 May 00:30 here is 30 April in UTC


def test_the_count_and_the_page_are_read_from_the_index_alone(events):
    # An index-only scan also needs a vacuumed table, which a test's transaction never has: the
    # plan shows the index that includes what the query asks. The index of finishes_at alone
    # (the field's db_index) would cost the planner as much here, so it goes for this test (the
    # test's transaction takes it back).
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Event._meta.db_table)
        for name, constraint in constraints.items():
            if constraint["index"] and constraint["columns"] == ["finishes_at"]:
                if name != "event_finishes_idx":
                    cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    upcoming = Event.objects.published().upcoming()
    assert "using event_finishes_idx" in plan(upcoming.order_by().values("pk"))
    for page in (upcoming, Event.objects.published().past()):
        text = plan(page.values("pk")[:20])
        assert "using event_starts_idx" in text
        assert "Sort" not in text

"""Indexes for the agenda's pages at 10,000 events (issue 17), on PostgreSQL only.

The months of the filter (agenda.choices.month_rows) group the events by the month they start
in, in the site's time zone: each row's conversion to the time zone cost more than the rest of
the query (9 ms for 7,500 events), so that month is indexed with the moment the event is over,
and read from the index in its order. The index names the time zone the migration ran with
(settings.TIME_ZONE), as the query does. The count of the upcoming (or past) events and the
ids of a page are read from the index alone: the columns they filter on are included (which
SQLite's indexes cannot, and where the month is computed in Python, which no index can hold).
"""

from django.conf import settings
from django.db import migrations

INDEXES = ["event_month_idx", "event_finishes_idx", "event_starts_idx"]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    zone = schema_editor.quote_value(settings.TIME_ZONE)
    schema_editor.execute(
        "CREATE INDEX event_month_idx ON agenda_event "
        f"((date_trunc('month', starts_at AT TIME ZONE {zone})), finishes_at) "
        "INCLUDE (starts_at, visibility) WHERE date_precision <> 'jaar'"
    )
    schema_editor.execute(
        "CREATE INDEX event_finishes_idx ON agenda_event (finishes_at) INCLUDE (visibility)"
    )
    schema_editor.execute(
        "CREATE INDEX event_starts_idx ON agenda_event (starts_at, id) "
        "INCLUDE (finishes_at, visibility)"
    )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [("agenda", "0005_search_vectors_per_language")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]

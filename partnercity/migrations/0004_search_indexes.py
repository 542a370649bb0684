"""GIN indexes on the texts the search reads (core.search, issue 17): an activity's own texts (its
partner city's name is read from that small table)."""

from django.db import migrations

from core.search import search_indexes


class Migration(migrations.Migration):
    dependencies = [("partnercity", "0003_alter_activity_activity_ends_after_start")]

    operations = [
        search_indexes(
            "partnercity",
            [
                ("Activity", "activity_search_idx", ["title", "description"], "dutch"),
            ],
        )
    ]

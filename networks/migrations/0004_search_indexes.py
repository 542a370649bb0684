"""GIN indexes on the texts the search reads (core.search, issue 17): the networks' and the
efforts' vectors, matched as they are."""

from django.db import migrations

from core.search import search_indexes


class Migration(migrations.Migration):
    dependencies = [("networks", "0003_own_municipality_labels")]

    operations = [
        search_indexes(
            "networks",
            [
                (
                    "Network",
                    "network_search_idx",
                    ["name", "full_name", "description", "theme_summary"],
                    "dutch",
                ),
                (
                    "Effort",
                    "effort_search_idx",
                    ["title", "description", "expected_yield"],
                    "dutch",
                ),
            ],
        )
    ]

"""GIN indexes on the texts the search reads (core.search, issue 17): a budget line's own texts
(its product's name is read from that small table)."""

from django.db import migrations

from core.search import search_indexes


class Migration(migrations.Migration):
    dependencies = [("budget", "0005_budgetline_actual")]

    operations = [
        search_indexes(
            "budget",
            [
                ("BudgetLine", "budgetline_search_idx", ["name", "note"], "dutch"),
            ],
        )
    ]

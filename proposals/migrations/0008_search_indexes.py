"""GIN indexes on the texts the search reads (core.search, issue 17): the proposals' vector,
matched as it is."""

from django.db import migrations

from core.search import search_indexes


class Migration(migrations.Migration):
    dependencies = [("proposals", "0007_document_export_of_a_year")]

    operations = [
        search_indexes(
            "proposals",
            [
                ("Proposal", "proposal_search_idx", ["title", "summary", "owner"], "dutch"),
            ],
        )
    ]

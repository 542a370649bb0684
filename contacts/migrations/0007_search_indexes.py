"""GIN indexes on the texts the search reads (core.search, issue 17): an organisation's own texts,
and its international activities with each language's configuration."""

from django.db import migrations

from core.search import search_indexes


class Migration(migrations.Migration):
    dependencies = [("contacts", "0006_partner_activities_per_language")]

    operations = [
        search_indexes(
            "contacts",
            [
                (
                    "Organisation",
                    "organisation_search_idx",
                    ["name", "description", "city"],
                    "dutch",
                ),
                (
                    "OrganisationTranslation",
                    "org_activities_dutch_idx",
                    ["international_activities"],
                    "dutch",
                ),
                (
                    "OrganisationTranslation",
                    "org_activities_german_idx",
                    ["international_activities"],
                    "german",
                ),
                (
                    "OrganisationTranslation",
                    "org_activities_english_idx",
                    ["international_activities"],
                    "english",
                ),
            ],
        )
    ]

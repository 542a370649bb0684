"""GIN indexes on the texts the search reads (core.search, issue 17): an event's city, and its
translated texts with each language's configuration (a German page reads the German texts with
`german`, the Dutch ones with `dutch`, and a Dutch organiser in place of an empty German one
with `german`). And the vectors themselves, stored with each event and translation (generated
columns): every event the search finds is ranked, and at 100x one word found 5,000 of them.
"""

from django.db import migrations

from core.search import search_indexes

# The same vectors as core.search computes from the texts: the city's, and the texts' in the
# translation's language's configuration (EventQuerySet.with_search_vector reads them).
STORED = [
    """
    ALTER TABLE agenda_event ADD COLUMN search_vector tsvector GENERATED ALWAYS AS
        (to_tsvector('dutch'::regconfig, COALESCE(city, ''))) STORED
    """,
    """
    ALTER TABLE agenda_event_translation ADD COLUMN search_vector tsvector GENERATED ALWAYS AS
        (to_tsvector(
            CASE language_code
                WHEN 'de' THEN 'german'::regconfig
                WHEN 'en' THEN 'english'::regconfig
                ELSE 'dutch'::regconfig
            END,
            COALESCE(title, '') || ' ' || COALESCE(text, '') || ' ' || COALESCE(organiser, '')
        )) STORED
    """,
]
DROP_STORED = [
    "ALTER TABLE agenda_event DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE agenda_event_translation DROP COLUMN IF EXISTS search_vector",
]


def run_on_postgresql(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply



class Migration(migrations.Migration):
    dependencies = [("agenda", "0003_organiser_per_language")]

    operations = [
        search_indexes(
            "agenda",
            [
                ("Event", "event_search_idx", ["city"], "dutch"),
                (
                    "EventTranslation",
                    "event_texts_dutch_idx",
                    ["title", "text", "organiser"],
                    "dutch",
                ),
                (
                    "EventTranslation",
                    "event_texts_german_idx",
                    ["title", "text", "organiser"],
                    "german",
                ),
                (
                    "EventTranslation",
                    "event_texts_english_idx",
                    ["title", "text", "organiser"],
                    "english",
                ),
            ],
        ),
        migrations.RunPython(run_on_postgresql(STORED), run_on_postgresql(DROP_STORED)),
    ]

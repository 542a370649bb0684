"""The whole vector the search reads for an event on a page in each language (core.search,
issue 17), stored with the event and kept by PostgreSQL itself, with a GIN index per language.

At 100x one word ("emsdetten") found 5,000 events, and each was ranked on its city's vector
joined to its translation's, computed row by row (`||` and the borrowed organiser): 45 ms. Now
the search reads `search_nl`, `search_de` or `search_en` as it is, through its index, and
`translated_de` or `translated_en` (whether the event has its texts in that language, which
says how its words are read). They hold exactly what agenda.search computed before from the
stored vectors of migration 0004: the city read with `dutch`, then the texts in the page's
language with its configuration (an empty organiser being the Dutch one), or else the Dutch texts
with `dutch`, or nothing.

They take the place of what migration 0004 built for the events, which nothing reads any more:
the generated `search_vector` columns of the events and their translations, and the GIN indexes
on the events' city and on the translations' texts (which found the events to rank).

Triggers keep them, so that every way of writing keeps them right (admin, forms, bulk_create,
loaders, fixtures, parler's translation saves, a deleted translation): an event's own row before
it is written (its city), and after each statement on the translations the events whose texts
it wrote. PostgreSQL only; SQLite searches word by word.
"""

import importlib

from django.db import migrations

LANGUAGES = (("nl", "dutch"), ("de", "german"), ("en", "english"))
TARGETS = [code for code, _config in LANGUAGES if code != "nl"]

COLUMNS = ["search_nl", "search_de", "search_en", "translated_de", "translated_en"]


def texts(alias, config, organiser):
    return (
        f"to_tsvector('{config}'::regconfig, COALESCE({alias}.title, '') || ' ' || "
        f"COALESCE({alias}.text, '') || ' ' || COALESCE({organiser}, ''))"
    )


# The Dutch texts' vector, or nothing; a translation's texts with its own organiser, or else the
# Dutch one (as its page shows it).
DUTCH = f"CASE WHEN nl.id IS NULL THEN ''::tsvector ELSE {texts('nl', 'dutch', 'nl.organiser')} END"


def in_language(code, config):
    organiser = f"COALESCE(NULLIF({code}.organiser, ''), nl.organiser)"
    return f"CASE WHEN {code}.id IS NULL THEN {DUTCH} ELSE {texts(code, config, organiser)} END"


VECTORS = ",\n        ".join(
    [f"place || {DUTCH}"]
    + [f"place || {in_language(code, config)}" for code, config in LANGUAGES if code != "nl"]
    + [f"{code}.id IS NOT NULL" for code in TARGETS]
)
JOINS = "\n    ".join(
    f"LEFT JOIN agenda_event_translation {code} "
    f"ON {code}.master_id = event AND {code}.language_code = '{code}'"
    for code, _config in LANGUAGES
)

CREATE = [
    *(f"ALTER TABLE agenda_event ADD COLUMN search_{code} tsvector" for code, _ in LANGUAGES),
    *(f"ALTER TABLE agenda_event ADD COLUMN translated_{code} boolean" for code in TARGETS),
    f"""
    CREATE FUNCTION agenda_event_search_vectors(event bigint, city text)
    RETURNS TABLE (search_nl tsvector, search_de tsvector, search_en tsvector,
                   translated_de boolean, translated_en boolean)
    LANGUAGE sql STABLE AS $$
    SELECT
        {VECTORS}
    FROM (SELECT to_tsvector('dutch'::regconfig, COALESCE(city, '')) AS place) AS event_city
    {JOINS}
    $$
    """,
    f"""
    CREATE FUNCTION agenda_event_search_vectors_of_event() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        SELECT * INTO {", ".join(f"NEW.{column}" for column in COLUMNS)}
        FROM agenda_event_search_vectors(NEW.id, NEW.city);
        RETURN NEW;
    END;
    $$
    """,
    """
    CREATE TRIGGER agenda_event_search_vectors
    BEFORE INSERT OR UPDATE OF city ON agenda_event
    FOR EACH ROW EXECUTE FUNCTION agenda_event_search_vectors_of_event()
    """,
    f"""
    CREATE FUNCTION agenda_event_search_vectors_of_texts() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        events bigint[];
    BEGIN
        IF TG_OP = 'INSERT' THEN
            SELECT array_agg(DISTINCT master_id) INTO events FROM new_rows;
        ELSIF TG_OP = 'UPDATE' THEN
            SELECT array_agg(DISTINCT master_id) INTO events
            FROM (SELECT master_id FROM new_rows UNION SELECT master_id FROM old_rows) AS written;
        ELSE
            SELECT array_agg(DISTINCT master_id) INTO events FROM old_rows;
        END IF;
        UPDATE agenda_event
        SET ({", ".join(COLUMNS)}) = (
            SELECT * FROM agenda_event_search_vectors(agenda_event.id, agenda_event.city)
        )
        WHERE id = ANY(events);
        RETURN NULL;
    END;
    $$
    """,
    """
    CREATE TRIGGER agenda_event_search_vectors_inserted
    AFTER INSERT ON agenda_event_translation REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION agenda_event_search_vectors_of_texts()
    """,
    """
    CREATE TRIGGER agenda_event_search_vectors_updated
    AFTER UPDATE ON agenda_event_translation
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION agenda_event_search_vectors_of_texts()
    """,
    """
    CREATE TRIGGER agenda_event_search_vectors_deleted
    AFTER DELETE ON agenda_event_translation REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION agenda_event_search_vectors_of_texts()
    """,
    # The events already there: their own trigger fills them in.
    "UPDATE agenda_event SET city = city",
    *(
        f"CREATE INDEX event_search_{code}_idx ON agenda_event USING gin (search_{code})"
        for code, _ in LANGUAGES
    ),
]

# What migration 0004 built for the events, which these replace.
DROP_BEFORE = [
    "DROP INDEX IF EXISTS event_search_idx",
    *(f"DROP INDEX IF EXISTS event_texts_{config}_idx" for _, config in LANGUAGES),
    "ALTER TABLE agenda_event DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE agenda_event_translation DROP COLUMN IF EXISTS search_vector",
]

DROP = [
    *(f"DROP INDEX IF EXISTS event_search_{code}_idx" for code, _ in LANGUAGES),
    "DROP TRIGGER IF EXISTS agenda_event_search_vectors_inserted ON agenda_event_translation",
    "DROP TRIGGER IF EXISTS agenda_event_search_vectors_updated ON agenda_event_translation",
    "DROP TRIGGER IF EXISTS agenda_event_search_vectors_deleted ON agenda_event_translation",
    "DROP TRIGGER IF EXISTS agenda_event_search_vectors ON agenda_event",
    "DROP FUNCTION IF EXISTS agenda_event_search_vectors_of_texts()",
    "DROP FUNCTION IF EXISTS agenda_event_search_vectors_of_event()",
    "DROP FUNCTION IF EXISTS agenda_event_search_vectors(bigint, text)",
    *(f"ALTER TABLE agenda_event DROP COLUMN IF EXISTS {column}" for column in COLUMNS),
]


def run_on_postgresql(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


def build_before(apps, schema_editor):
    """Back: migration 0004's columns and indexes again."""
    before = importlib.import_module("agenda.migrations.0004_search_indexes").Migration
    for operation in before.operations:
        operation.code(apps, schema_editor)


def replace(apps, schema_editor):
    run_on_postgresql(DROP_BEFORE + CREATE)(apps, schema_editor)


def restore(apps, schema_editor):
    run_on_postgresql(DROP)(apps, schema_editor)
    build_before(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("agenda", "0004_search_indexes")]

    operations = [migrations.RunPython(replace, restore)]

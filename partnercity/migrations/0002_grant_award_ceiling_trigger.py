"""Let the database refuse grant awards above the scheme's yearly ceiling, however they arrive."""

from django.db import migrations

SQLITE = [
    """
    CREATE TRIGGER partnercity_grantaward_ceiling_insert
    BEFORE INSERT ON partnercity_grantaward
    WHEN (SELECT COALESCE(SUM(amount), 0) FROM partnercity_grantaward
          WHERE scheme_id = NEW.scheme_id AND year = NEW.year) + NEW.amount
         > (SELECT yearly_ceiling FROM partnercity_grantscheme WHERE id = NEW.scheme_id)
    BEGIN
        SELECT RAISE(ABORT, 'grant_award_above_ceiling');
    END;
    """,
    """
    CREATE TRIGGER partnercity_grantaward_ceiling_update
    BEFORE UPDATE ON partnercity_grantaward
    WHEN (SELECT COALESCE(SUM(amount), 0) FROM partnercity_grantaward
          WHERE scheme_id = NEW.scheme_id AND year = NEW.year AND id != OLD.id) + NEW.amount
         > (SELECT yearly_ceiling FROM partnercity_grantscheme WHERE id = NEW.scheme_id)
    BEGIN
        SELECT RAISE(ABORT, 'grant_award_above_ceiling');
    END;
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS partnercity_grantaward_ceiling_insert;",
    "DROP TRIGGER IF EXISTS partnercity_grantaward_ceiling_update;",
]

POSTGRES = [
    """
    CREATE OR REPLACE FUNCTION partnercity_grantaward_check_ceiling() RETURNS trigger AS $$
    DECLARE
        awarded numeric;
        ceiling numeric;
    BEGIN
        -- Serialise awards per scheme so two concurrent awards cannot both pass the check.
        SELECT yearly_ceiling INTO ceiling FROM partnercity_grantscheme
            WHERE id = NEW.scheme_id FOR UPDATE;
        SELECT COALESCE(SUM(amount), 0) INTO awarded FROM partnercity_grantaward
            WHERE scheme_id = NEW.scheme_id AND year = NEW.year
              AND (TG_OP = 'INSERT' OR id <> OLD.id);
        IF awarded + NEW.amount > ceiling THEN
            RAISE EXCEPTION 'grant_award_above_ceiling' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER partnercity_grantaward_ceiling
    BEFORE INSERT OR UPDATE ON partnercity_grantaward
    FOR EACH ROW EXECUTE FUNCTION partnercity_grantaward_check_ceiling();
    """,
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS partnercity_grantaward_ceiling ON partnercity_grantaward;",
    "DROP FUNCTION IF EXISTS partnercity_grantaward_check_ceiling();",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("partnercity", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]

"""The test database: built from the models, plus what the migrations add to an empty database.

Running the 76 migrations took every pytest-xdist process 35 to 55 s (Django renders the models'
state again for each operation). The suite builds its tables from the models instead
(`--nomigrations` in pyproject.toml) and then runs the migrations' own functions that build
something the models do not describe (`BUILT_BY_MIGRATIONS`), so the migrations stay the one
source of it. tests/core/test_migrations.py migrates an empty database with the real migrations
and compares it with this one, and checks that every migration that runs code is listed here.
"""

import importlib
import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps as global_apps
from django.conf import settings
from django.db import migrations
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import override_settings

# The project's migration modules, read before pytest-django switches them off (tests/conftest.py
# imports this module before the test database is set up).
REAL_MIGRATION_MODULES = settings.MIGRATION_MODULES

# Migrations whose code builds something in an empty database that the models do not describe.
BUILT_BY_MIGRATIONS = [
    ("core", "0001_roles"),  # the role groups
    ("partnercity", "0002_grant_award_ceiling_trigger"),  # the trigger on grant awards
    # The search's GIN indexes and stored vectors, on PostgreSQL only (core.search).
    ("agenda", "0004_search_indexes"),
    ("agenda", "0005_search_vectors_per_language"),  # and the triggers that keep them
    # The agenda's indexes for its months, count and page, on PostgreSQL only (issue 17).
    ("agenda", "0006_list_indexes"),
    ("budget", "0006_search_indexes"),
    ("contacts", "0007_search_indexes"),
    ("networks", "0004_search_indexes"),
    ("partnercity", "0004_search_indexes"),
    ("proposals", "0008_search_indexes"),
]

# Migrations whose code only moves rows an older database held: in an empty database they do
# nothing, and the functions of some of them need columns the models no longer have.
ONLY_MOVE_ROWS = [
    ("agenda", "0003_organiser_per_language"),
    ("auth", "0011_update_proxy_permissions"),
    ("axes", "0007_alter_accessattempt_unique_together"),
    ("contacts", "0006_partner_activities_per_language"),
    ("contenttypes", "0002_remove_content_type_name"),
    ("results", "0002_effort_status_to_results"),
]


def migration(app_label, name):
    package = global_apps.get_app_config(app_label).module.__name__
    return importlib.import_module(f"{package}.migrations.{name}").Migration


def build_what_migrations_add(connection):
    """Run the code of BUILT_BY_MIGRATIONS on a database whose tables the models built."""
    with connection.schema_editor() as schema_editor:
        for app_label, name in BUILT_BY_MIGRATIONS:
            for operation in migration(app_label, name).operations:
                if isinstance(operation, migrations.RunPython):
                    operation.code(global_apps, schema_editor)
                elif isinstance(operation, migrations.RunSQL):
                    operation._run_sql(schema_editor, operation.sql)
                else:
                    raise TypeError(
                        f"{app_label}.{name}: {type(operation).__name__} is not run on the test "
                        "database; let the migration build it with RunPython or RunSQL"
                    )


@contextmanager
def real_migrations(connection):
    """The project's migrations, recorded as applied to the tables the models built, so that a
    test can migrate back and forth through them; afterwards every migration is applied again
    and the records are gone."""
    with override_settings(MIGRATION_MODULES=REAL_MIGRATION_MODULES):
        executor = MigrationExecutor(connection)
        executor.recorder.ensure_schema()
        applied = executor.recorder.applied_migrations()
        for key in executor.loader.graph.nodes:
            if key not in applied:
                executor.recorder.record_applied(*key)
        try:
            yield
        finally:
            # A test that failed halfway leaves the tables as the models describe them.
            executor = MigrationExecutor(connection)
            targets = executor.loader.graph.leaf_nodes()
            if executor.migration_plan(targets):
                executor.migrate(targets)
            executor.recorder.flush()


# --- what a database holds ---------------------------------------------------------------------


def describe(connection):
    """The tables, their columns and constraints, the triggers and functions, and the number of
    rows in each table of a database, in a form two databases can be compared by."""
    introspection = connection.introspection
    # Names Django makes up for a constraint or index may differ after a column was renamed;
    # the names the models give must be the same.
    declared = {
        item.name
        for model in global_apps.get_models(include_auto_created=True)
        for item in [*model._meta.constraints, *model._meta.indexes]
    }
    with connection.cursor() as cursor:
        tables = {}
        for table in introspection.get_table_list(cursor):
            if table.name == "django_migrations":
                continue
            columns = {
                column.name: {
                    "type": str(column.type_code),
                    "null": column.null_ok,
                    "default": column.default,
                    "size": column.internal_size,
                    "precision": column.precision,
                    "scale": column.scale,
                    "collation": column.collation,
                }
                for column in introspection.get_table_description(cursor, table.name)
            }
            constraints = sorted(
                json.dumps(
                    {key: value for key, value in constraint.items() if key != "orders"}
                    | {
                        "columns": list(constraint["columns"] or []),
                        "name": name if name in declared else None,
                    },
                    sort_keys=True,
                    default=str,
                )
                for name, constraint in introspection.get_constraints(cursor, table.name).items()
            )
            quoted = connection.ops.quote_name(table.name)
            cursor.execute(f"SELECT COUNT(*) FROM {quoted}")
            tables[f"{table.type} {table.name}"] = {
                "columns": columns,
                "constraints": constraints,
                "rows": cursor.fetchone()[0],
            }
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master "
                "WHERE type IN ('trigger', 'view') ORDER BY name"
            )
            routines = [list(row) for row in cursor.fetchall()]
        else:
            cursor.execute(
                "SELECT 'trigger', tgname, tgrelid::regclass::text, pg_get_triggerdef(oid) "
                "FROM pg_trigger WHERE NOT tgisinternal "
                "UNION ALL SELECT 'function', p.proname, '', pg_get_functiondef(p.oid) "
                "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE n.nspname = current_schema() "
                "UNION ALL SELECT 'extension', extname, '', extversion FROM pg_extension "
                "UNION ALL SELECT 'text search configuration', c.cfgname, '', '' "
                "FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace "
                "WHERE n.nspname = current_schema() "
                "UNION ALL SELECT 'text search dictionary', d.dictname, '', '' "
                "FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace "
                "WHERE n.nspname = current_schema() "
                "ORDER BY 1, 2"
            )
            routines = [list(row) for row in cursor.fetchall()]
    return {"tables": tables, "routines": routines}


def migrate_and_describe(database_url):
    """Migrate an empty database with the real migrations in a process of its own (as
    `manage.py migrate` does, post_migrate included) and describe it."""
    # Its own cache in memory and no broker: the signals of what migrate saves (the role groups)
    # must not mark the pages stale in, or send tasks to, the Redis databases of the test
    # processes (without PYTEST_XDIST_WORKER it would take the first process's cache database).
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PYTEST_") and key != "CELERY_BROKER_URL"
    }
    environment["CACHE_URL"] = "locmemcache://migrations"
    result = subprocess.run(
        [sys.executable, "-m", "tests.database"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=Path(settings.BASE_DIR),
        env=environment
        | {"DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "hengelo_intl.settings_test"},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


if __name__ == "__main__":
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, stdout=StringIO())
    print(json.dumps(describe(connection), default=str))

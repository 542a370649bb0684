"""The suite builds its database from the models (tests/database.py); the real migrations must
build the same database from nothing, on SQLite and on PostgreSQL."""

from urllib.parse import quote

import pytest
from django.db import connection, migrations
from django.db.migrations.loader import MigrationLoader
from django.test.utils import override_settings

from tests.database import (
    BUILT_BY_MIGRATIONS,
    ONLY_MOVE_ROWS,
    REAL_MIGRATION_MODULES,
    describe,
    migrate_and_describe,
)


def runs_code(operation):
    """Whether an operation may do more to a database than the models' tables describe."""
    if isinstance(operation, migrations.RunPython | migrations.RunSQL):
        return True
    return not type(operation).__module__.startswith("django.db.migrations.operations")


def test_every_migration_that_runs_code_is_listed_for_the_test_database():
    with override_settings(MIGRATION_MODULES=REAL_MIGRATION_MODULES):
        loader = MigrationLoader(None, ignore_no_migrations=True)
    running_code = {
        key
        for key, migration in loader.disk_migrations.items()
        if any(runs_code(operation) for operation in migration.operations)
    }
    assert running_code == set(BUILT_BY_MIGRATIONS) | set(ONLY_MOVE_ROWS), (
        "Say in tests/database.py whether each migration's code builds something in an empty "
        "database (BUILT_BY_MIGRATIONS, run on the test database) or only moves rows "
        "(ONLY_MOVE_ROWS)"
    )


def throwaway_database_url(tmp_path):
    """An empty database next to the test database, and how to drop it afterwards."""
    data = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'migrated.sqlite3'}", lambda: None
    name = f"{data['NAME']}_migrated"
    quoted = connection.ops.quote_name(name)
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
        cursor.execute(f"CREATE DATABASE {quoted}")

    def drop():
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")

    credentials = quote(data["USER"] or "")
    if data.get("PASSWORD"):
        credentials += ":" + quote(data["PASSWORD"])
    host = data.get("HOST") or "127.0.0.1"
    port = data.get("PORT") or 5432
    return f"postgres://{credentials}@{host}:{port}/{name}", drop


# Django's migration state knows no app's default_auto_field: the many-to-many tables of
# django.contrib.auth's first migration get the project's DEFAULT_AUTO_FIELD there (bigint on
# PostgreSQL), and the app's AutoField (integer) from the models. Only their id's type may differ.
AUTH_MANY_TO_MANY = {
    "t auth_group_permissions",
    "t auth_user_groups",
    "t auth_user_user_permissions",
}


def comparable(table, part, value):
    if table in AUTH_MANY_TO_MANY and part == "columns":
        id_column = {k: v for k, v in value["id"].items() if k not in ("type", "size")}
        return value | {"id": id_column}
    return value


def differences(migrated, built):
    found = []
    for table in sorted(migrated["tables"].keys() | built["tables"].keys()):
        if table not in built["tables"]:
            found.append(f"only the migrations build {table}")
        elif table not in migrated["tables"]:
            found.append(f"the migrations do not build {table}")
        else:
            for part in ("columns", "constraints", "rows"):
                if comparable(table, part, migrated["tables"][table][part]) != comparable(
                    table, part, built["tables"][table][part]
                ):
                    found.append(
                        f"{table} {part}: migrated {migrated['tables'][table][part]}, "
                        f"tests {built['tables'][table][part]}"
                    )
    if migrated["routines"] != built["routines"]:
        found.append(f"triggers etc.: migrated {migrated['routines']}, tests {built['routines']}")
    return found


@pytest.mark.long
@pytest.mark.django_db
def test_the_migrations_build_from_nothing_the_database_the_tests_use(tmp_path):
    """The migrations, run on an empty database, leave the tables, constraints, triggers and rows
    of the database the suite built from the models (and from BUILT_BY_MIGRATIONS)."""
    url, drop = throwaway_database_url(tmp_path)
    try:
        migrated = migrate_and_describe(url)
    finally:
        drop()
    built = describe(connection)
    assert differences(migrated, built) == []
    # What the migrations' code builds is there, and was compared.
    assert built["tables"]["t auth_group"]["rows"] >= 5
    assert any("partnercity_grantaward" in routine[2] for routine in built["routines"])

"""core.postgresql: Django's PostgreSQL backend with its timestamps read in C (issue 17). Every
value must come out as Django's own loader gives it: the same moment, wall-clock time and time
zone object, or the same error."""

import psycopg
import pytest
from django.db import DataError, connection, connections
from django.db.backends.postgresql.psycopg_any import register_tzloader
from psycopg.pq import Format

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db]

VALUES = [
    "2027-03-04 10:30:00+00",
    "2027-03-04 10:30:00.5+00",
    "2027-03-04 10:30:00.123456+05:30",
    "2027-10-31 02:30:00+02",  # the hour that happens twice in Amsterdam
    "1890-01-01 00:00:00+00",  # before time zones had whole hours
    "0001-01-01 00:00:00+00",
    "9999-12-31 23:59:59.999999+00",
]
FAILING = ["infinity", "-infinity", "0044-03-15 10:00:00+00 BC"]


def read(sql, value, djangos_loader):
    with connection.cursor() as cursor:
        if djangos_loader:
            register_tzloader(connection.timezone, cursor.cursor)
        cursor.execute(sql, [value])
        return cursor.fetchone()[0]


def outcome(sql, value, djangos_loader):
    try:
        return read(sql, value, djangos_loader)
    except DataError as error:
        return str(error)


def same_as_djangos(value, sql="SELECT %s::timestamptz"):
    ours, djangos = outcome(sql, value, False), outcome(sql, value, True)
    if isinstance(djangos, str):  # an error: 9999-12-31 is the year 10000 in Amsterdam
        assert ours == djangos
        return
    assert ours == djangos
    assert ours.tzinfo is djangos.tzinfo
    assert ours.timetuple() == djangos.timetuple() and ours.microsecond == djangos.microsecond


def test_the_portal_runs_on_this_backend():
    assert type(connections["default"]).__module__ == "core.postgresql.base"
    assert connection.connection.info.parameter_status("TimeZone") == "UTC"
    oid = psycopg.postgres.types["timestamptz"].oid
    loader = connection.connection.adapters.get_loader(oid, Format.TEXT)
    assert loader(oid, connection.connection).iso_in_utc  # read by fromisoformat


@pytest.mark.parametrize("value", VALUES)
def test_a_timestamp_reads_as_djangos_loader_reads_it(value):
    same_as_djangos(value)


@pytest.mark.parametrize("value", VALUES)
def test_in_another_session_time_zone_djangos_loader_reads_it(value):
    with connection.cursor() as cursor:
        cursor.execute("SET TIME ZONE 'Europe/Amsterdam'")
    try:
        same_as_djangos(value)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET TIME ZONE 'UTC'")


@pytest.mark.parametrize("value", FAILING)
def test_what_python_cannot_hold_fails_as_with_djangos_loader(value):
    for djangos_loader in (False, True):
        with pytest.raises(DataError):
            read("SELECT %s::timestamptz", value, djangos_loader)

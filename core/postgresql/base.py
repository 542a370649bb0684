"""Django's PostgreSQL backend, with timestamps read by Python's own ISO 8601 parser (issue 17).

Django reads every timestamptz through psycopg's loader written in Python (a regular expression
and a dozen calls a value: `BaseTzLoader` in django/db/backends/postgresql/psycopg_any.py), to
give each the time zone of the connection; the agenda's calendar feed reads 2,500 of them at
100x the data. With the session in UTC, as Django sets it, and PostgreSQL's ISO date style (its
default), `datetime.fromisoformat` reads the same moment in C; the time zone is then set as
Django's loader sets it. Any other session or date style, and anything fromisoformat cannot
read (a year before 1 or after 9999, infinity), goes to Django's loader.
"""

from datetime import UTC, datetime

from django.db.backends.postgresql import base, psycopg_any
from psycopg.types.datetime import TimestamptzLoader

from_iso = datetime.fromisoformat


class TzLoader(psycopg_any.BaseTzLoader):
    def __init__(self, oid, context=None):
        super().__init__(oid, context)
        self.iso_in_utc = (
            self._timezone is UTC
            and getattr(self, "_load_method", None) is TimestamptzLoader._load_iso
        )

    def load(self, data):
        if self.iso_in_utc:
            try:
                return from_iso(bytes(data).decode()).replace(tzinfo=self.timezone)
            except ValueError:
                pass
        return super().load(data)


def register_tzloader(tz, context):
    class SpecificTzLoader(TzLoader):
        timezone = tz

    context.adapters.register_loader("timestamptz", SpecificTzLoader)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        # Django's adapters (shared by its connections), with this loader for timestamptz.
        context = psycopg_any.adapt.AdaptersMap(params["context"])
        register_tzloader(self.timezone, context)
        params["context"] = context
        return params

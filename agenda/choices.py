"""The choices of the agenda's filters, kept until the site's content changes (issue 17).

At 10,000 events, finding the months with events and the themes, networks and partner cities
with a published event cost more than the rest of the page. They change only when a record
does, so they are kept in the shared cache under the page cache's content version
(`core.page_cache.content_version`): a saved record, or a bulk write that bumps the version,
makes them stale (core/kept.py). A month keeps the first and the last moment its events are
over, so that the agenda's and the archive's months follow the clock without a new query.
"""

from datetime import UTC, date, datetime, timedelta

from django.db import connection
from django.db.models import (
    BigIntegerField,
    BooleanField,
    CharField,
    DateField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber, TruncMonth
from django.utils import formats, timezone
from django.utils.dates import MONTHS
from django.utils.translation import get_language

from core.compiled import compiled_sql, database_key, fetch, once
from core.constants import Visibility
from core.kept import kept_each

from .constants import DatePrecision
from .models import Event

RELATED_FIELDS = ("themes", "network", "partner_city")
UPCOMING_MARGIN = timedelta(days=1)


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


class MonthText(Func):
    """A month (a date) as YYYY-MM, written after the grouping by that month: grouped by
    neither itself nor what it reads, so that the query groups and orders by the month itself,
    which PostgreSQL reads from its index (migration 0006) in that order."""

    function = "to_char"
    template = "to_char(%(expressions)s, 'YYYY-MM')"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="substr(%(expressions)s, 1, 7)")

    def get_group_by_cols(self):
        return []


class Microseconds(Func):
    """A timestamp as microseconds since the epoch, an integer (read in C, where a timestamp
    costs a few calls in Python)."""

    template = "(EXTRACT(EPOCH FROM %(expressions)s) * 1000000)::bigint"
    output_field = BigIntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        # Django writes a moment in UTC as 'YYYY-MM-DD HH:MM:SS[.ffffff]'.
        template = (
            "(CAST(round((julianday(substr(%(expressions)s, 1, 19)) - 2440587.5) * 86400)"
            " AS INTEGER) * 1000000 + CAST(substr(%(expressions)s, 21, 6) AS INTEGER))"
        )
        return super().as_sql(compiler, connection, template=template)


def microseconds(moment):
    """What Microseconds reads from the database for this moment."""
    return (moment - EPOCH) // MICROSECOND


def month_summary(events):
    """(YYYY-MM, name of the month, first and last moment one of its events is over, as
    microseconds since the epoch) for each month in which one of the events starts, oldest
    first; events known by their year only belong to no month."""
    return named_months(month_rows(events))


def named_months(months):
    """month_summary of the rows of month_rows (`months`).

    The database writes the month as YYYY-MM and the moments as integers (issue 17): read in C,
    where a date and two timestamps per month cost a dozen calls in Python, for ~330 months."""
    if formats.get_format("YEAR_MONTH_FORMAT") == "F Y":  # nl, de, en: 'maart 2027'
        # What DateFormat's F and Y write, without a formatter per month.
        names = {f"{number:02}": str(name) for number, name in MONTHS.items()}
        return [
            (month, f"{names[month[5:]]} {month[:4].lstrip('0')}", first, last)
            for month, first, last in months
        ]
    return [
        (month, formats.date_format(month_date(month), "YEAR_MONTH_FORMAT"), first, last)
        for month, first, last in months
    ]


def month_rows(events):
    """(YYYY-MM, first and last moment one of its events is over) for each month in which one of
    the events starts, oldest first; events known by their year only belong to no month.

    Grouped and ordered by the month, as the index of migration 0006 holds it: PostgreSQL reads
    the month and the moments from the index in its order, instead of converting each row's
    start to the time zone (9 ms of 7,500 events at 100x); the month is written as text only
    for the months found. The month as a date: the local midnight of its first day would cost a
    time zone per row."""
    return (
        events.exclude(date_precision=DatePrecision.YEAR)
        .order_by()
        .annotate(start=TruncMonth("starts_at", output_field=DateField()))
        .values("start")
        .annotate(first=Microseconds(Min("finishes_at")), last=Microseconds(Max("finishes_at")))
        .order_by("start")
        .values_list(MonthText(F("start")), "first", "last")
    )


def month_date(month):
    year, number = month.split("-")
    return date(int(year), int(number), 1)


def filter_choices(user, past=False, now=None):
    """What the agenda's filter offers (EventFilter's `choices`): the months in which the events
    the user may see start, as (YYYY-MM, 'maart 2027'), of the upcoming events soonest first or
    of the past ones (`past`) most recent first; per related field the ids of the themes,
    networks and partner cities with a published event; and under "options" per related field
    the options the filter offers, (value, name) in order (published_ids)."""
    # visible_to() gives the public events to a visitor and all of them to a signed-in user.
    scope = "all" if user is not None and user.is_authenticated else "public"
    now = now or timezone.now()
    if past:
        months = f"months-at:{scope}:{get_language()}"

        def build_months():
            return named_months(compiled_months(user, scope))
    else:
        # The upcoming agenda asks only of the events not over a day ago (half of them at
        # 10,000, and each row's month costs the database a time zone conversion). A month's
        # last moment is then that of those events, which is what the clock is compared with:
        # the kept list still follows it, and serves a clock up to a day behind this one.
        months = f"upcoming-months-at:{scope}:{get_language()}"

        def build_months():
            return named_months(compiled_months(user, scope, since=now - UPCOMING_MARGIN))

    def build(missing):
        values = published_ids([name for name in missing if name != months])
        if months in missing:
            values[months] = build_months()
        return values

    kept = kept_each([months, *PUBLISHED], build)
    summary = kept[months]
    values = {field: kept[name][0] for field, name in zip(RELATED_FIELDS, PUBLISHED, strict=True)}
    values["options"] = {
        field: kept[name][1] for field, name in zip(RELATED_FIELDS, PUBLISHED, strict=True)
    }
    moment = microseconds(now)
    if past:
        values["months"] = [
            (value, name) for value, name, first, _ in summary[::-1] if first < moment
        ]
    else:
        values["months"] = [(value, name) for value, name, _, last in summary if last >= moment]
    return values


# What the filter offers of each related field (agenda.filters): the field that is an option's
# value, and which of the records with a published event (networks: the public ones).
OFFERED = {
    "themes": ("code", None),
    "network": ("slug", Q(visibility=Visibility.PUBLIC)),
    "partner_city": ("slug", None),
}
PUBLISHED = [f"published:{field}" for field in RELATED_FIELDS]  # their names in core.kept


def published(field, kind=0):
    """The themes, networks or partner cities (`field` of Event) that have a published event,
    as (`kind`, id, value and name of its option, whether the filter offers it, its place in the
    model's order): `kind` tells the fields apart in published_ids.

    Asked per theme, network or partner city (its first published event, through the index on
    the event's foreign key or the themes' link table) rather than as the distinct values of
    every published event: at 10,000 events the database joined and grouped all of them, 19,000
    theme links for the themes (issue 17). A scalar subquery, as an EXISTS was planned as that
    same join."""
    related = Event._meta.get_field(field).related_model
    value, offered = OFFERED[field]
    first = Event.objects.published().filter(**{field: OuterRef("pk")}).order_by()
    order = [F(name[1:]).desc() if name.startswith("-") else F(name) for name in ordering(related)]
    return (
        related._base_manager.annotate(first_event=Subquery(first.values("pk")[:1]))
        .filter(first_event__isnull=False)
        .annotate(
            published_field=Value(kind, output_field=IntegerField()),
            offered=(
                Value(True) if offered is None else ExpressionWrapper(offered, BooleanField())
            ),
            place=Window(RowNumber(), order_by=order),
        )
        .order_by()
        .values_list("published_field", "pk", value, "name", "offered", "place")
    )


def ordering(model):
    return model._meta.ordering or ["pk"]


def published_ids(names):
    """{name: (ids, options)} for each of `names` (of PUBLISHED), in one query compiled once per
    process (issue 17: three queries that Django built and compiled with some 2,000 calls each,
    for a few hundred ids, and three more for the filter's options): the ids of the records of
    published(field), in order, and the (value, name) of the options the filter offers, in the
    model's order, so that the filter's fields are written without a query of their own."""
    if not names:
        return {}
    fields = [RELATED_FIELDS[PUBLISHED.index(name)] for name in names]

    def union():
        first, *others = (published(field, kind) for kind, field in enumerate(fields))
        return first.union(*others, all=True) if others else first

    rows = {field: [] for field in fields}
    for kind, *row in fetch(*compiled_sql(("published", *fields), union)):
        rows[fields[kind]].append(row)
    found = {}
    for name, field in zip(names, fields, strict=True):
        ids = sorted(pk for pk, *_ in rows[field])
        offered = sorted(
            (place, value, label) for _pk, value, label, yes, place in rows[field] if yes
        )
        found[name] = (ids, [(value, label) for _place, value, label in offered])
    return found


def with_published_events(field):
    """The ids of the themes, networks or partner cities (`field` of Event) that have a
    published event."""
    name = PUBLISHED[RELATED_FIELDS.index(field)]
    return kept_each([name], published_ids)[name][0]


def compiled_months(user, scope, since=None):
    """The rows of month_rows for the events the user may see (`scope`), those over since
    `since` when it is given, from a query compiled once per process and time zone."""
    key = ("months", scope, since is not None, timezone.get_current_timezone_name())

    def months():
        events = Event.objects.visible_to(user)
        return month_rows(events.filter(finishes_at__gte=SINCE) if since else events)

    sql, params = compiled_sql(key, months)
    if since is not None:
        # The moment as the field writes it for the database, where the placeholder was.
        field = Event._meta.get_field("finishes_at")
        marker = field.get_db_prep_value(SINCE, connection)
        value = field.get_db_prep_value(since, connection)
        params = tuple(value if param == marker else param for param in params)
    return fetch(sql, params)


SINCE = datetime(1970, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)  # a placeholder of compiled_months
ID_MARKER = -917_305_221  # where rows_for_ids writes the ids into its compiled SQL


def rows_for_ids(key, rows, ids, field="pk"):
    """The rows of `rows(filter)` (a values_list) for these ids of `field` (ids_in), from SQL
    compiled once per process and `key` with the ids written in where a marker was (issue 17:
    Django built and compiled the event cards' three queries with a thousand calls each, for
    the same query every time). No query without ids, as Django's empty IN asks none."""
    if not ids:
        return []

    def make():
        compiler = rows(ids_in([ID_MARKER], field)).query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        if sql.count(f"({ID_MARKER})") != 1:
            raise ValueError(f"{key}: the ids' marker is not once in the query")
        # The values' converters (none on PostgreSQL for the cards' fields; SQLite's moments).
        converters = compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]])
        return sql, params, compiler, converters

    sql, params, compiler, converters = once((*database_key(), "ids", *key), make)
    found = fetch(sql.replace(f"({ID_MARKER})", f"({','.join(map(str, map(int, ids)))})"), params)
    if converters:
        return [tuple(row) for row in compiler.apply_converters(found, converters)]
    return found


def ids_in(ids, field="pk"):
    """A filter on these primary keys (or on a foreign key `field`) with the integers written
    into the SQL: Django prepares each value of a list with a dozen calls, and a filter offers
    hundreds of networks; and the planner reads the rows of a list through the field's index
    where it joined a subquery to a whole table (the texts of the calendar's ~640 events: 13 ms
    of 30,000 translations read, 1 ms by the index)."""
    if not ids:
        return Q(**{f"{field}__in": []})
    # map rather than a generator: no Python frame per id (the calendar's ~640 ids, 3 times)
    return Q(**{f"{field}__in": RawSQL(",".join(map(str, map(int, ids))), ())})

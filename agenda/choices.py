"""The choices of the agenda's filters, kept until the site's content changes (issue 17).

At 10,000 events, finding the months with events and the themes, networks and partner cities
with a published event cost more than the rest of the page. They change only when a record
does, so they are kept in the shared cache under the page cache's content version
(`core.page_cache.content_version`): a saved record, or a bulk write that bumps the version,
makes them stale. A month keeps the first and the last moment its events are over, so that the
agenda's and the archive's months follow the clock without a new query. With the cache down
they are asked of the database on each request.
"""

import logging

from django.core.cache import cache
from django.db.models import Max, Min, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncMonth
from django.utils import formats, timezone
from django.utils.translation import get_language

from core.page_cache import content_version

from .constants import DatePrecision
from .models import Event

logger = logging.getLogger(__name__)

RELATED_FIELDS = ("themes", "network", "partner_city")
KEEP = 24 * 60 * 60  # seconds; a change of content makes an entry stale long before


def kept(builds):
    """{name: build()} for each of `builds`, kept in the shared cache for the current content
    version: one round trip to the cache when they are there."""
    try:
        version = content_version()
        keys = {f"agenda:choices:{name}:{version}": name for name in builds}
        found = cache.get_many(keys) if version else {}
    except Exception:  # noqa: BLE001 - a cache outage must not take the agenda down
        logger.warning(
            "Cache unreachable: the agenda's choices asked of the database", exc_info=True
        )
        return {name: build() for name, build in builds.items()}
    values = {keys[key]: value for key, value in found.items()}
    missing = {key: builds[name]() for key, name in keys.items() if name not in values}
    if missing and version:
        try:
            cache.set_many(missing, KEEP)
        except Exception:  # noqa: BLE001
            logger.warning("Cache unreachable: the agenda's choices not kept", exc_info=True)
    values.update({keys[key]: value for key, value in missing.items()})
    return values


def month_summary(events):
    """(YYYY-MM, name of the month, first and last moment one of its events is over) for each
    month in which one of the events starts, oldest first; events known by their year only
    belong to no month."""
    months = (
        events.exclude(date_precision=DatePrecision.YEAR)
        .order_by()
        .annotate(month=TruncMonth("starts_at"))
        .values("month")
        .annotate(first=Min("finishes_at"), last=Max("finishes_at"))
        .order_by("month")
    )
    return [
        (
            row["month"].strftime("%Y-%m"),
            formats.date_format(row["month"], "YEAR_MONTH_FORMAT"),
            row["first"],
            row["last"],
        )
        for row in months
    ]


def filter_choices(user, past=False, now=None):
    """What the agenda's filter offers (EventFilter's `choices`): the months in which the events
    the user may see start, as (YYYY-MM, 'maart 2027'), of the upcoming events soonest first or
    of the past ones (`past`) most recent first; and per related field the ids of the themes,
    networks and partner cities with a published event."""
    # visible_to() gives the public events to a visitor and all of them to a signed-in user.
    scope = "all" if user is not None and user.is_authenticated else "public"
    months = f"months:{scope}:{get_language()}"
    builds = {months: lambda: month_summary(Event.objects.visible_to(user))}
    builds.update({field: published(field) for field in RELATED_FIELDS})
    values = kept(builds)
    summary = values.pop(months)
    now = now or timezone.now()
    if past:
        values["months"] = [(value, name) for value, name, first, _ in summary[::-1] if first < now]
    else:
        values["months"] = [(value, name) for value, name, _, last in summary if last >= now]
    return values


def published(field):
    """A build of the ids of the themes, networks or partner cities (`field` of Event) that have
    a published event."""

    def build():
        return sorted(
            Event.objects.published()
            .filter(**{f"{field}__isnull": False})
            .order_by()
            .values_list(field, flat=True)
            .distinct()
        )

    return build


def with_published_events(field):
    """The ids of the themes, networks or partner cities (`field` of Event) that have a
    published event."""
    return kept({field: published(field)})[field]


def ids_in(ids):
    """A filter on these primary keys with the integers written into the SQL: Django prepares
    each value of a list with a dozen calls, and a filter offers hundreds of networks."""
    if not ids:
        return Q(pk__in=[])
    return Q(pk__in=RawSQL(",".join(str(int(pk)) for pk in ids), ()))

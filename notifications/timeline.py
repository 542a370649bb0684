"""One timeline of changes across the portal, read from the simple-history tables.

Each history-tracked model that belongs in the timeline is registered once (see kinds.py) with
the kind it is filed under and the lookups that tie it to themes, networks and proposals. The
timeline is a UNION ALL of the registered history tables, filtered by what the user may see,
sorted and paged in the database; only the rows of one page are then read in full, with their
previous versions, a fixed number of queries per registered model however many rows are shown.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connection
from django.db.models import (
    CharField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.constants import Visibility
from core.history import describe_changes

CREATED, CHANGED, DELETED = "+", "~", "-"

# Fields that change with every save and say nothing to a reader.
NOISE_FIELDS = ("created_at", "updated_at", "sequence", "text_updated_at")

KINDS = {}  # key -> label, in the order of registration
SOURCES = {}  # "app_label.model_name" -> Source


@dataclass(frozen=True)
class Source:
    """A history-tracked model in the timeline."""

    model: type
    kind: str
    themes: str | None = None
    networks: str | None = None
    proposals: str | None = None
    permission: str | None = None
    link: object = None
    exclude: tuple = ()
    select_related: tuple = ()
    prefetch_related: tuple = ()

    @property
    def key(self):
        return self.model._meta.label_lower

    @property
    def history_model(self):
        return self.model.history.model

    @property
    def label(self):
        return self.model._meta.verbose_name

    def allowed(self, user):
        """Say whether the user may see changes of this model at all."""
        if self.permission is None:
            return True
        return user is not None and user.is_authenticated and user.has_perm(self.permission)

    def visible_objects(self, user):
        """The current records the user may see: the model's own visible_to where it has one."""
        queryset = self.model._default_manager.all()
        if hasattr(queryset, "visible_to"):
            return queryset.visible_to(user)
        return queryset

    def related_ids(self, lookup, value):
        value = getattr(value, "pk", value)
        return self.model._default_manager.filter(**{lookup: value}).values("pk")

    def history(self, user, *, since=None, until=None, theme=None, network=None, proposal=None):
        """The history rows the user may see that match the filters, or None if none can."""
        if not self.allowed(user):
            return None
        rows = self.history_model.objects.all()
        signed_in = user is not None and user.is_authenticated
        # "id + 0": the database then walks the history_date index newest first and stops at
        # a page (0.1 ms on SQLite at 25,000 versions) instead of reading every version of the
        # visible records through the id index and sorting them (110 ms).
        rows = rows.alias(timeline_id=ExpressionWrapper(F("id") + 0, output_field=IntegerField()))
        visible = Q(timeline_id__in=self.visible_objects(user).values("pk"))
        # A deleted record has no current version to ask; only signed-in users see deletions.
        rows = rows.filter(visible | Q(history_type=DELETED) if signed_in else visible)
        if not signed_in and _has_field(self.history_model, "visibility"):
            # A version saved while the record was a draft or internal stays hidden.
            rows = rows.filter(visibility=Visibility.PUBLIC)
        if since is not None:
            rows = rows.filter(history_date__gte=since)
        if until is not None:
            rows = rows.filter(history_date__lt=until)
        for lookup, value in ((self.themes, theme), (self.networks, network)):
            if value is None:
                continue
            if lookup is None:
                return None
            rows = rows.filter(id__in=self.related_ids(lookup, value))
        if proposal is not None:
            if self.proposals is None:
                return None
            rows = rows.filter(id__in=self.related_ids(self.proposals, proposal))
        return rows

    def url_for(self, obj):
        """The page of a record; every source has one (register() checks), and a broken link
        fails instead of showing the entry without one."""
        return self.link(obj) if self.link else obj.get_absolute_url()


def _has_field(model, name):
    return any(f.name == name for f in model._meta.get_fields())


def register_kind(key, label):
    KINDS[key] = label


def register(model, kind, **options):
    """Put a history-tracked model in the timeline under a kind (one line per model).

    The model may be given as "app_label.ModelName", so that this app need not import an app
    that itself calls notifications (the contact registry). Every entry links to a page: the
    model's get_absolute_url(), or `link=` (a function of the record) for a model without a page
    of its own, which names the page that shows it.
    """
    if kind not in KINDS:
        raise ValueError(f"Unknown timeline kind {kind!r}; register_kind() it first.")
    if isinstance(model, str):
        model = apps.get_model(model)
    if options.get("link") is None and not hasattr(model, "get_absolute_url"):
        raise ImproperlyConfigured(
            f"{model._meta.label} has no get_absolute_url(); give register() a link=."
        )
    source = Source(model=model, kind=kind, **options)
    SOURCES[source.key] = source
    return source


def kinds_for(user):
    """The kinds of which the user may see at least one model, in registration order."""
    allowed = {source.kind for source in SOURCES.values() if source.allowed(user)}
    return {key: label for key, label in KINDS.items() if key in allowed}


def sources(kinds=None):
    return [s for s in SOURCES.values() if kinds is None or s.kind in kinds]


@dataclass
class Filters:
    kinds: list | None = None
    since: datetime | None = None
    until: datetime | None = None
    theme: object = None
    network: object = None
    proposal: object = None


def rows_for(user, filters=None):
    """The (source, history_id, history_date) rows newest first, as TimelineRows, or None."""
    filters = filters or Filters()
    parts = []
    for source in sources(filters.kinds):
        rows = source.history(
            user,
            since=filters.since,
            until=filters.until,
            theme=filters.theme,
            network=filters.network,
            proposal=filters.proposal,
        )
        if rows is None:
            continue
        parts.append(
            rows.order_by()
            .annotate(timeline_source=Value(source.key, output_field=CharField()))
            .values_list("timeline_source", "history_id", "history_date")
        )
    return TimelineRows(parts) if parts else None


NEWEST_FIRST = ("-history_date", "-history_id")


class TimelineRows:
    """The rows of every source, newest first, sliced the way a paginator and a feed slice.

    A slice asks each source for its own newest rows up to the end of the slice (an index walk)
    and merges them in one query, instead of sorting the union of every version there is.
    """

    def __init__(self, parts):
        self.parts = parts
        self._count = None

    def union(self):
        first, *rest = self.parts
        return first.union(*rest, all=True) if rest else first

    def count(self):
        if self._count is None:
            self._count = self.union().count()
        return self._count

    def __len__(self):
        return self.count()

    def __iter__(self):
        return iter(self.union().order_by(*NEWEST_FIRST))

    def __getitem__(self, key):
        if isinstance(key, int):
            return self[key : key + 1][0]
        start, stop = key.start or 0, key.stop
        if stop is None or key.step is not None:
            return list(self)[key]
        if stop <= start:
            return []
        return self.newest(start, stop)

    def newest(self, start, stop):
        selects, params = [], []
        for index, part in enumerate(self.parts):
            try:
                sql, part_params = part.order_by(*NEWEST_FIRST)[:stop].query.sql_with_params()
            except EmptyResultSet:  # nothing the user may see
                continue
            selects.append(f"SELECT * FROM ({sql}) AS part{index}")
            params.extend(part_params)
        if not selects:
            return []
        sql = (
            f"SELECT * FROM ({' UNION ALL '.join(selects)}) AS timeline "
            "ORDER BY 3 DESC, 2 DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, stop - start, start])
            rows = cursor.fetchall()
        # The cursor returns the dates as the database stores them; read them as the ORM does.
        model = self.parts[0].model
        date = model._meta.get_field("history_date").get_col(model._meta.db_table)
        converters = connection.ops.get_db_converters(date) + date.get_db_converters(connection)
        converted = []
        for source, history_id, value in rows:
            for converter in converters:
                value = converter(value, date, connection)
            converted.append((source, history_id, value))
        return converted


@dataclass
class Entry:
    """One change: a history record, the version before it and what changed between them."""

    source: Source
    record: object
    previous: object = None
    obj: object = None
    changes: list = field(default_factory=list)

    @property
    def action(self):
        return self.record.history_type

    @property
    def date(self):
        return self.record.history_date

    @property
    def kind_label(self):
        return KINDS[self.source.kind]

    @property
    def title(self):
        target = self.obj if self.obj is not None else self.record.instance
        return str(target)

    @cached_property
    def url(self):
        """Worked out once: a digest run shows the same entry to many subscribers."""
        if self.obj is None:
            return ""
        return self.source.url_for(self.obj)

    @property
    def key(self):
        return (self.source.key, self.record.history_id)

    @property
    def action_label(self):
        if self.action == CREATED:
            return _("Toegevoegd")
        if self.action == DELETED:
            return _("Verwijderd")
        return _("Gewijzigd")


def entries(rows, user):
    """Read the history rows of one page in full: a fixed number of queries per source."""
    rows = list(rows)
    by_source = defaultdict(list)
    for source_key, history_id, _date in rows:
        by_source[source_key].append(history_id)
    loaded = {}
    pairs = []
    for source_key, ids in by_source.items():
        source = SOURCES[source_key]
        history = source.history_model
        earlier = (
            history.objects.filter(id=OuterRef("id"))
            .filter(
                Q(history_date__lt=OuterRef("history_date"))
                | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
            )
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        records = list(
            history.objects.filter(history_id__in=ids)
            .select_related("history_user")
            .annotate(previous_id=Subquery(earlier))
        )
        previous = history.objects.in_bulk(
            [record.previous_id for record in records if record.previous_id]
        )
        current = (
            source.visible_objects(user)
            .select_related(*source.select_related)
            .prefetch_related(*source.prefetch_related)
            .in_bulk({record.id for record in records})
        )
        for record in records:
            entry = Entry(
                source=source,
                record=record,
                previous=previous.get(record.previous_id),
                obj=current.get(record.id),
            )
            loaded[(source_key, record.history_id)] = entry
            if entry.action == CHANGED and entry.previous is not None:
                pairs.append(entry)
    noise = {source.model: {*NOISE_FIELDS, *source.exclude} for source in SOURCES.values()}
    described = describe_changes(
        [(entry.record, entry.previous) for entry in pairs],
        user,
        excluded_fields=lambda model: noise.get(model, NOISE_FIELDS),
    )
    for entry, changes in zip(pairs, described, strict=True):
        entry.changes = changes
    found = [(key, history_id) for key, history_id, _date in rows]
    return [loaded[key] for key in found if key in loaded]

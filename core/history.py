"""Readable history: what changed between two simple-history records, as "field: old → new"."""

from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from django.db import connections, router
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.money import format_euro

EMPTY = "–"
HISTORY_TYPES = {
    "+": gettext_lazy("Aangemaakt"),
    "~": gettext_lazy("Gewijzigd"),
    "-": gettext_lazy("Verwijderd"),
}


def shows_editor_names(viewer):
    """Say whether the viewer may read who saved a version: staff (Django's is_staff, or a role,
    that is any permission) may; anonymous visitors and signed-in users without a role may not."""
    if viewer is None or not viewer.is_authenticated:
        return False
    return viewer.is_staff or bool(viewer.get_all_permissions())


def editor_name(editor, viewer):
    """Who saved a version, as the viewer may read it: one rule for every history in the portal.

    The name for staff (shows_editor_names); 'een medewerker van de gemeente' for everyone else;
    a version without a user was saved by a data load."""
    if editor is None:
        return _("systeem (gegevens geladen)")
    if shows_editor_names(viewer):
        return editor.get_full_name() or editor.get_username()
    return _("een medewerker van de gemeente")


class Change(NamedTuple):
    """One changed field; unpacks in a template as `{% for label, old, new in changes %}`."""

    label: str
    old: str
    new: str


def history_rows(records, **options):
    """History records newest first, each as {"record", "type", "changes"}: what it changed
    against the next older record given (options as for describe_changes)."""
    records = sorted(records, key=lambda record: (record.history_date, record.history_id))
    pairs = list(zip(records, [None, *records], strict=False))
    rows = [
        {
            "record": record,
            "type": HISTORY_TYPES.get(record.history_type, record.history_type),
            "changes": changes,
        }
        for (record, _previous), changes in zip(
            pairs, describe_changes(pairs, **options), strict=True
        )
    ]
    rows.reverse()
    return rows


def describe_changes(pairs, user=None, fields=None, excluded_fields=(), created=True):
    """For (record, previous) history pairs: a list of Change per pair, in the pairs' order.

    Compares with simple-history's diff_against. A record that created the object (with
    `created`) lists the fields that were filled in, with old ""; any other record without a
    previous one lists nothing, since what it changed is unknown. `fields` limits the comparison to
    those fields, in that order; `excluded_fields` leaves fields out (or gives them per model,
    as a function of the model). Related records are named with one query per related model;
    given a user, a related record they may not see (its visible_to) is not named.
    """
    excluded_for = excluded_fields if callable(excluded_fields) else lambda model: excluded_fields
    diffs = []
    related_ids = {}
    for record, previous in pairs:
        excluded = set(excluded_for(record.instance_type))
        changed = _changed_fields(record, previous, fields, excluded, created)
        for field, old, new in changed:
            if field.is_relation:
                ids = related_ids.setdefault(field.related_model, set())
                ids.update(value for value in (old, new) if value is not None)
        diffs.append((previous is None, changed))

    related = {}
    for model, ids in related_ids.items():
        queryset = model._default_manager.all()
        if user is not None and hasattr(queryset, "visible_to"):
            queryset = queryset.visible_to(user)
        related[model] = queryset.in_bulk(ids)

    def readable(field, value):
        if value is None or value == "":
            return EMPTY
        if field.is_relation:
            found = related.get(field.related_model, {}).get(value)
            return str(found) if found is not None else _("(niet openbaar of verwijderd)")
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("ja") if value else _("nee")
        if isinstance(value, Decimal) and getattr(field, "decimal_places", None) == 2:
            return format_euro(value)
        if isinstance(value, datetime):
            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return value.strftime("%d-%m-%Y %H:%M")
        if isinstance(value, date):
            return value.strftime("%d-%m-%Y")
        return str(value)

    return [
        [
            Change(
                str(field.verbose_name),
                "" if created else readable(field, old),
                readable(field, new),
            )
            for field, old, new in changed
        ]
        for created, changed in diffs
    ]


def _changed_fields(record, previous, fields, excluded, created):
    """(field, old, new) for each field the record changed, raw values as stored."""
    model = record.instance_type
    if previous is not None:
        delta = record.diff_against(previous, excluded_fields=excluded, included_fields=fields)
        changed = [(model._meta.get_field(c.field), c.old, c.new) for c in delta.changes]
        if fields:
            changed.sort(key=lambda item: fields.index(item[0].name))
        return changed
    if not (created and record.history_type == "+"):
        return []
    names = fields or [field.name for field in model._meta.fields]
    changed = []
    for name in names:
        field = model._meta.get_field(name)
        value = getattr(record, field.attname)
        if name not in excluded and value is not None and value != "":
            changed.append((field, None, value))
    return changed


def copy_to_history(model, pks, *, history_type, reason, user=None, batch_size=500):
    """Write the simple-history record of each row of `model` with one of these pks, copied
    by the database (INSERT ... SELECT, one statement per batch) instead of one model instance
    and one set of values per row: for a bulk write of thousands of rows (the budget import).

    The records are those simple-history's bulk_history_create writes: the tracked fields as
    saved, history_type "+" (created) or "~" (changed), the change reason, the user (by default
    the one of the request, as simple-history finds it) and one history_date for the batch.
    """
    history = model.history.model
    using = router.db_for_write(history)
    connection = connections[using]
    quote = connection.ops.quote_name
    if user is None:
        user = history.get_default_history_user(None)
    tracked = [field.column for field in history.tracked_fields]
    extra = ["history_date", "history_change_reason", "history_type", "history_user"]
    targets = [history._meta.get_field(field.name).column for field in history.tracked_fields]
    targets += [history._meta.get_field(name).column for name in extra]
    values = [
        history._meta.get_field("history_date").get_db_prep_save(timezone.now(), connection),
        reason,
        history_type,
        getattr(user, "pk", None),
    ]
    pks = list(pks)
    if None in pks:
        raise ValueError("copy_to_history needs saved rows: bulk_create gave no ids here.")
    with connection.cursor() as cursor:
        for start in range(0, len(pks), batch_size):
            batch = pks[start : start + batch_size]
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} "  # noqa: S608 - names from _meta
                f"({', '.join(quote(column) for column in targets)}) "
                f"SELECT {', '.join(quote(column) for column in tracked)}, %s, %s, %s, %s "
                f"FROM {quote(model._meta.db_table)} "
                f"WHERE {quote(model._meta.pk.column)} IN ({', '.join(['%s'] * len(batch))})",
                [*values, *batch],
            )

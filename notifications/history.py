"""What changed between two versions of a record, in words a reader understands."""

from decimal import Decimal

from django.utils.translation import gettext as _

from core.money import format_euro


def describe_changes(entries, user, noise=()):
    """Give each entry its changed fields as (label, old, new), reading related names in bulk.

    Uses simple-history's diff_against; a related record the user may not see is not named.
    """
    related_ids = {}
    diffs = []
    for entry in entries:
        model = entry.source.model
        excluded = set(noise) | set(entry.source.exclude)
        changes = []
        for change in entry.record.diff_against(entry.previous, excluded_fields=excluded).changes:
            field = model._meta.get_field(change.field)
            changes.append((field, change.old, change.new))
            if field.is_relation:
                ids = related_ids.setdefault(field.related_model, set())
                ids.update(value for value in (change.old, change.new) if value is not None)
        diffs.append((entry, changes))
    related = {}
    for model, ids in related_ids.items():
        if not ids:
            continue
        queryset = model._default_manager.all()
        if hasattr(queryset, "visible_to"):
            queryset = queryset.visible_to(user)
        related[model] = queryset.in_bulk(ids)

    def readable(field, value):
        if value is None or value == "":
            return "–"
        if field.is_relation:
            found = related.get(field.related_model, {}).get(value)
            return str(found) if found is not None else _("(niet openbaar of verwijderd)")
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("ja") if value else _("nee")
        if isinstance(value, Decimal) and getattr(field, "decimal_places", None) == 2:
            return format_euro(value)
        return str(value)

    for entry, changes in diffs:
        entry.changes = [
            (str(field.verbose_name), readable(field, old), readable(field, new))
            for field, old, new in changes
        ]

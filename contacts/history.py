"""Turn django-simple-history versions into a readable list of changes, without extra queries."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _


def _display(model, name, value, labels):
    if value is None or value == "":
        return "–"
    if name.endswith("_id"):
        return labels.get((name, value), f"#{value}")
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    return str(value)


def _label(model, name):
    field_name = name[:-3] if name.endswith("_id") else name
    return str(model._meta.get_field(field_name).verbose_name).capitalize()


HISTORY_TYPES = {"+": _("Aangemaakt"), "~": _("Gewijzigd"), "-": _("Verwijderd")}


def history_changes(versions, fields, model):
    """List each version (oldest first in, newest first out) with the fields it changed.

    Related records are named by looking them up once per field, not once per version.
    """
    labels = {}
    for name in fields:
        if not name.endswith("_id"):
            continue
        ids = {getattr(version, name) for version in versions} - {None}
        if not ids:
            continue
        related = model._meta.get_field(name[:-3]).related_model
        for obj in related._default_manager.filter(pk__in=ids):
            labels[(name, obj.pk)] = getattr(obj, "name", None) or str(obj)
    changes = []
    previous = None
    for version in versions:
        changed = []
        for name in fields:
            new = getattr(version, name)
            old = getattr(previous, name) if previous is not None else None
            if previous is None and (new is None or new == ""):
                continue
            if previous is None or old != new:
                changed.append(
                    {
                        "field": _label(model, name),
                        "old": _display(model, name, old, labels) if previous else "",
                        "new": _display(model, name, new, labels),
                    }
                )
        changes.append(
            {
                "date": version.history_date,
                "user": version.history_user,
                "type": HISTORY_TYPES.get(version.history_type, version.history_type),
                "changes": changed,
            }
        )
        previous = version
    changes.reverse()
    return changes

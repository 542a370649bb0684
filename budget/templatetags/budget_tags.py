from django import template

from core.money import format_signed_euro

register = template.Library()


@register.filter
def get(mapping, key):
    """Look a key up in a dict: {{ row.cells|get:year }}."""
    if mapping is None:
        return None
    return mapping.get(key)


@register.filter
def signed_euro(value):
    return format_signed_euro(value)


@register.filter
def absolute(value):
    return abs(value) if value is not None else None

from django import template

from core.templatetags.portal import format_euro

register = template.Library()


@register.filter
def get(mapping, key):
    """Look a key up in a dict: {{ row.cells|get:year }}."""
    if mapping is None:
        return None
    return mapping.get(key)


@register.filter
def signed_euro(value):
    """An amount with its sign, for balances: + € 610 or - € 56.000."""
    if value is None or value == "":
        return ""
    text = format_euro(value)
    return f"+\u00a0{text}" if value > 0 else text.replace("€\u00a0-", "−\u00a0€\u00a0")


@register.filter
def absolute(value):
    return abs(value) if value is not None else None


@register.filter
def data_value(value):
    """A number for a data attribute: plain digits with a point, the same on chart and table."""
    return "" if value is None else f"{value:.2f}"

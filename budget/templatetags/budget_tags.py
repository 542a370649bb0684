from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.money import format_euro, format_signed_euro

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


@register.filter
def data_value(value):
    """A number for a data attribute: plain digits with a point, the same on chart and table."""
    return "" if value is None else f"{value:.2f}"


@register.simple_tag
def amount_link(line):
    """An amount linked to what it pays for, with its planning and one-off marks.

    A tag rather than an include: the overview renders it for every line of every year.
    """
    if line.link_target is not None:
        html = format_html(
            '<a href="{}" title="{}">{}</a>',
            line.link_url,
            _("Betaalt voor: %(target)s") % {"target": line.link_target},
            format_euro(line.amount),
        )
    else:
        html = format_html('<a href="{}">{}</a>', line.link_url, format_euro(line.amount))
    if line.is_planning():
        html += format_html(
            '<abbr class="mark-planning" title="{}">p</abbr>',
            _("planning: meerjarenraming, geen vastgestelde begroting"),
        )
    if line.is_one_off():
        html += format_html('<abbr class="mark-one-off" title="{}">i</abbr>', _("incidenteel"))
    return mark_safe(html)  # every part above is escaped by format_html

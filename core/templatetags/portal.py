from django import template

from core.history import editor_name as _editor_name
from core.money import format_euro, format_fte

register = template.Library()


@register.filter
def euro(value):
    return format_euro(value)


@register.filter
def euro_cents(value):
    return format_euro(value, cents=True)


@register.filter
def fte(value):
    return format_fte(value)


@register.filter
def page_numbers(page_obj):
    """The page numbers to link: the first, the last and two either side of the current one,
    with Paginator.ELLIPSIS between (a list of 200 pages stays a short row)."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.filter
def editor_name(editor, viewer):
    """`{{ record.history_user|editor_name:user }}`: core.history's one rule for names."""
    return _editor_name(editor, viewer)

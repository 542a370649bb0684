from django import template

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

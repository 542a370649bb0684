from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()


def format_euro(value, cents=None):
    """Format an amount the Dutch way: € 56.610 or € 1.234,50.

    Cents are shown when the amount has them, or always when cents is True.
    """
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    whole, fraction = divmod(amount, 1)
    grouped = f"{int(whole):,}".replace(",", ".")
    show_cents = cents if cents is not None else fraction != 0
    text = f"{grouped},{int(fraction * 100):02d}" if show_cents else grouped
    return f"€\u00a0{sign}{text}"


@register.filter
def euro(value):
    return format_euro(value)


@register.filter
def euro_cents(value):
    return format_euro(value, cents=True)


@register.filter
def fte(value):
    """Format an fte with a decimal comma: 0,5 fte."""
    if value is None:
        return ""
    text = f"{Decimal(value).normalize():f}".replace(".", ",")
    return f"{text}\u00a0fte"

"""Amounts and FTE as the portal writes them, on pages, in PDFs and in history: one format.

A negative amount is written with a minus sign before the euro sign: "− € 56.000".
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NBSP = "\u00a0"
MINUS = "\u2212"


def format_euro(value, cents=None):
    """Format an amount the Dutch way: € 56.610, € 1.234,50 or − € 56.000.

    Cents are shown when the amount has them, or always when cents is True.
    """
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    sign = f"{MINUS}{NBSP}" if amount < 0 else ""
    amount = abs(amount)
    whole, fraction = divmod(amount, 1)
    grouped = f"{int(whole):,}".replace(",", ".")
    show_cents = cents if cents is not None else fraction != 0
    text = f"{grouped},{int(fraction * 100):02d}" if show_cents else grouped
    return f"{sign}€{NBSP}{text}"


def format_signed_euro(value):
    """An amount with its sign, for balances and differences: + € 610 or − € 56.000."""
    if value is None or value == "":
        return ""
    text = format_euro(value)
    return f"+{NBSP}{text}" if Decimal(value) > 0 else text


def format_fte(value):
    """Format an FTE with a decimal comma: 0,5 fte."""
    if value is None:
        return ""
    text = f"{Decimal(value).normalize():f}".replace(".", ",")
    return f"{text}{NBSP}fte"

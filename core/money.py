"""Amounts and FTE as the portal writes them, on pages, in PDFs and in history: one format.

A negative amount is written with a minus sign before the euro sign: "− € 56.000". The digits
are grouped and the cents separated as the active language does it (Django's formats): Dutch and
German read "€ 179.793" and "€ 1.234,50", English "€ 179,793" and "€ 1,234.50". The PDFs
render in Dutch (`override("nl")`); a caller that needs Dutch whatever the page passes
`language="nl"`.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import get_format
from django.utils.translation import get_language

from .memo import generation

NBSP = "\u00a0"
MINUS = "\u2212"

_separators = {}  # language -> (core.memo generation, (thousands, decimal))


def separators(language=None):
    """(thousands, decimal) separators of the language, the active one by default; looked up
    once per language in a process (issue 17: an overview writes some 500 amounts), afresh
    when a setting changes (core.memo)."""
    language = language or get_language()
    known = _separators.get(language)
    if known is not None and known[0] == generation():
        return known[1]
    found = get_format("THOUSAND_SEPARATOR", language), get_format("DECIMAL_SEPARATOR", language)
    _separators[language] = (generation(), found)
    return found


CENT = Decimal("0.01")


def write_euro(value, thousands, decimal, cents=None):
    """format_euro with the separators given."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    sign = f"{MINUS}{NBSP}" if amount < 0 else ""
    whole, fraction = divmod(abs(amount), 1)
    grouped = f"{int(whole):,}".replace(",", thousands)
    show_cents = cents if cents is not None else fraction != 0
    text = f"{grouped}{decimal}{int(fraction * 100):02d}" if show_cents else grouped
    return f"{sign}€{NBSP}{text}"


def format_euro(value, cents=None, language=None):
    """Format an amount: € 56.610, € 1.234,50 or − € 56.000 (in English € 56,610).

    Cents are shown when the amount has them, or always when cents is True.
    """
    return write_euro(value, *separators(language), cents=cents)


def euro_formatter(language=None):
    """format_euro with the language's separators looked up once, for a page of many amounts."""
    thousands, decimal = separators(language)

    def euro(value):
        return write_euro(value, thousands, decimal)

    return euro


def format_signed_euro(value, language=None):
    """An amount with its sign, for balances and differences: + € 610 or − € 56.000."""
    return write_signed_euro(value, *separators(language))


def write_signed_euro(value, thousands, decimal):
    """format_signed_euro with the separators given."""
    if value is None or value == "":
        return ""
    text = write_euro(value, thousands, decimal)
    return f"+{NBSP}{text}" if Decimal(value) > 0 else text


def signed_euro_formatter(language=None):
    """format_signed_euro with the language's separators looked up once."""
    thousands, decimal = separators(language)

    def signed_euro(value):
        return write_signed_euro(value, thousands, decimal)

    return signed_euro


def format_fte(value, language=None):
    """Format an FTE with the language's decimal separator: 0,5 fte (English 0.5 fte)."""
    if value is None:
        return ""
    text = f"{Decimal(value).normalize():f}".replace(".", separators(language)[1])
    return f"{text}{NBSP}fte"

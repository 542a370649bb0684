"""The cells of a budget spreadsheet: each widget reads one column and says in Dutch what is
wrong with a cell."""

import re
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from import_export import widgets

from .models import FIRST_YEAR, LAST_YEAR

FORMULA_START = ("=", "+", "-", "@")
THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+")
NUMBER = re.compile(r"-?\d+(\.\d+)?")


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def text(value):
    """A cell as text, without the apostrophe an export puts before a formula-like value."""
    if value is None:
        return ""
    value = str(value).strip()
    if value.startswith("'") and value[1:2] in FORMULA_START:
        value = value[1:]
    return value


def parse_amount(value):
    """Read an amount the way people type it: 23500, 23500.50, 23.500,50 or € 23.500."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value))
    raw = text(value).replace("€", "").replace("\u00a0", "").replace(" ", "")
    if "," in raw and "." in raw:
        decimal_mark = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        raw = raw.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in raw:
        raw = raw.replace(",", ".")
    elif THOUSANDS.fullmatch(raw):
        raw = raw.replace(".", "")
    if not NUMBER.fullmatch(raw):
        raise InvalidOperation(raw)
    return Decimal(raw)


class YearWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            raise ValueError(_("Het jaar ontbreekt."))
        try:
            year = Decimal(text(value)) if not isinstance(value, int | float) else Decimal(value)
        except InvalidOperation as exc:
            raise ValueError(_("‘%(value)s’ is geen jaartal.") % {"value": text(value)}) from exc
        if year != year.to_integral_value():
            raise ValueError(_("‘%(value)s’ is geen jaartal.") % {"value": text(value)})
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(
                _("Het jaar %(year)s ligt buiten het bereik %(first)s-%(last)s.")
                % {"year": int(year), "first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return int(year)

    def render(self, value, obj=None, **kwargs):
        return value


def actual_too_early(year, actual, this_year=None):
    """The Dutch message for a realised amount of a year that has not begun, or None.

    An import passes this_year, read once for all its rows."""
    if actual is None or year is None:
        return None
    if this_year is None:
        this_year = timezone.localdate().year
    if year <= this_year:
        return None
    return _(
        "Het jaar %(year)s is nog niet begonnen; een gerealiseerd bedrag kan pas vanaf "
        "%(year)s worden vastgelegd."
    ) % {"year": year}


class AmountWidget(widgets.Widget):
    def __init__(self, decimal_comma=False, required=True, **kwargs):
        self.decimal_comma = decimal_comma
        self.required = required
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            if not self.required:
                return None
            raise ValueError(_("Het bedrag ontbreekt."))
        try:
            amount = parse_amount(value)
        except InvalidOperation as exc:
            raise ValueError(
                _("‘%(value)s’ is geen getal; schrijf het bedrag als 23500 of 23.500,00.")
                % {"value": text(value)}
            ) from exc
        if amount < 0:
            raise ValueError(_("Een bedrag kan niet negatief zijn."))
        if amount != amount.quantize(Decimal("0.01")):
            raise ValueError(_("Een bedrag heeft hoogstens twee cijfers achter de komma."))
        if amount >= Decimal("1e10"):
            raise ValueError(_("Dit bedrag is te groot."))
        return amount.quantize(Decimal("0.01"))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if self.decimal_comma:
            return f"{value:.2f}".replace(".", ",")
        return value


class ChoiceWidget(widgets.Widget):
    """A choice by its code or its label, case-insensitive."""

    def __init__(self, choices, what, required=True, **kwargs):
        self.choices = choices
        self.what = what
        self.required = required
        self.codes = {}  # per language: every code and label in lower case -> code
        self.active = None  # the codes of the language an import runs in (reset())
        super().__init__(**kwargs)

    def reset(self):
        """Take the codes of the active language once, for every cell of one import."""
        self.active = self.lookup()

    def lookup(self):
        language = get_language()
        if language not in self.codes:
            codes = {}
            for code, label in reversed(self.choices.choices):
                codes[str(label).lower()] = code
                codes[code.lower()] = code
            self.codes[language] = codes
        return self.codes[language]

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            if self.required:
                raise ValueError(_("De %(what)s ontbreekt.") % {"what": self.what})
            return None
        codes = self.active if self.active is not None else self.lookup()
        found = codes.get(text(value).lower())
        if found is not None:
            return found
        raise ValueError(
            _("‘%(value)s’ is geen geldige %(what)s; kies uit: %(options)s.")
            % {"value": text(value), "what": self.what, "options": ", ".join(self.choices.values)}
        )

    def render(self, value, obj=None, **kwargs):
        return value or ""


class LookupWidget(widgets.Widget):
    """A related record by a readable key, looked up in a table read once per import."""

    def __init__(self, loader, key, message, required=False, **kwargs):
        self.loader = loader
        self.key = key
        self.message = message
        self.required = required
        self.cache = None
        super().__init__(**kwargs)

    def reset(self):
        self.cache = None

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            if self.required:
                raise ValueError(self.message["missing"])
            return None
        if self.cache is None:
            self.cache = {self.key(obj).lower(): obj for obj in self.loader()}
        found = self.cache.get(text(value).lower())
        if found is None:
            raise ValueError(self.message["unknown"] % {"value": text(value)})
        return found

    def render(self, value, obj=None, **kwargs):
        return self.key(value) if value is not None else ""


class NameWidget(widgets.Widget):
    def __init__(self, max_length, required=True, **kwargs):
        self.max_length = max_length
        self.required = required
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        value = text(value)
        if self.required and not value:
            raise ValueError(_("De omschrijving ontbreekt."))
        if self.max_length and len(value) > self.max_length:
            raise ValueError(
                _("De tekst is te lang: hoogstens %(max)s tekens.") % {"max": self.max_length}
            )
        return value

    def render(self, value, obj=None, **kwargs):
        value = value or ""
        return "'" + value if value[:1] in FORMULA_START else value

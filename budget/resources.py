"""Budget lines as a spreadsheet (CSV or XLSX) with django-import-export.

The columns carry Dutch names. Every cell is checked before a row is looked up or saved, so a
bad cell comes back as a Dutch message naming its column rather than as a traceback.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.instance_loaders import BaseInstanceLoader

from networks.models import Network
from partnercity.models import PartnerCity
from proposals.models import Proposal

from .constants import Basis, LineCategory, Recurrence
from .models import FIRST_YEAR, LAST_YEAR, BudgetLine, BudgetProduct

# column -> model field, in the order of the exported sheet
COLUMNS = {
    "jaar": "year",
    "product": "product",
    "omschrijving": "name",
    "categorie": "category",
    "soort": "recurrence",
    "bedrag": "amount",
    "herkomst": "basis",
    "netwerk": "network",
    "voorstel": "proposal",
    "partnerstad": "partner_city",
    "toelichting": "note",
    "realisatie": "actual",
}
REQUIRED_COLUMNS = ["jaar", "product", "omschrijving", "categorie", "soort", "bedrag"]
FIELD_COLUMNS = {field: column for column, field in COLUMNS.items()}
FORMULA_START = ("=", "+", "-", "@")


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
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", raw):
        raw = raw.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", raw):
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


def actual_too_early(year, actual):
    """The Dutch message for a realised amount of a year that has not begun, or None."""
    this_year = timezone.localdate().year
    if actual is None or year is None or year <= this_year:
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
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            if self.required:
                raise ValueError(_("De %(what)s ontbreekt.") % {"what": self.what})
            return None
        wanted = text(value).lower()
        for code, label in self.choices.choices:
            if wanted in (code.lower(), str(label).lower()):
                return code
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


def proposal_key(proposal):
    return f"{proposal.council_proposal.case_number}-{proposal.number}"


class LineInstanceLoader(BaseInstanceLoader):
    """Find existing lines by product, year and name, all read in one query."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.lines = {
            (line.product_id, line.year, line.name.lower()): line
            for line in BudgetLine.objects.select_related("product")
        }

    def get_instance(self, row):
        fields_ = self.resource.fields
        product = fields_["product"].clean(row)
        year = fields_["year"].clean(row)
        name = fields_["name"].clean(row)
        return self.lines.get((product.pk, year, name.lower()))


class BudgetLineResource(resources.ModelResource):
    year = fields.Field(attribute="year", column_name="jaar", widget=YearWidget())
    product = fields.Field(
        attribute="product",
        column_name="product",
        widget=LookupWidget(
            BudgetProduct.objects.all,
            key=lambda product: product.code,
            message={
                "missing": _("Het product ontbreekt."),
                "unknown": _("Er is geen product met de code ‘%(value)s’."),
            },
            required=True,
        ),
    )
    name = fields.Field(
        attribute="name", column_name="omschrijving", widget=NameWidget(max_length=200)
    )
    category = fields.Field(
        attribute="category",
        column_name="categorie",
        widget=ChoiceWidget(LineCategory, _("categorie")),
    )
    recurrence = fields.Field(
        attribute="recurrence",
        column_name="soort",
        widget=ChoiceWidget(Recurrence, _("soort (structureel of incidenteel)")),
    )
    amount = fields.Field(attribute="amount", column_name="bedrag", widget=AmountWidget())
    basis = fields.Field(
        attribute="basis",
        column_name="herkomst",
        saves_null_values=False,  # an empty cell keeps the line's basis, or the default
        widget=ChoiceWidget(Basis, _("herkomst"), required=False),
    )
    network = fields.Field(
        attribute="network",
        column_name="netwerk",
        saves_null_values=True,
        widget=LookupWidget(
            Network.objects.all,
            key=lambda network: network.slug,
            message={"unknown": _("Er is geen netwerk ‘%(value)s’.")},
        ),
    )
    proposal = fields.Field(
        attribute="proposal",
        column_name="voorstel",
        saves_null_values=True,
        widget=LookupWidget(
            lambda: Proposal.objects.select_related("council_proposal"),
            key=proposal_key,
            message={
                "unknown": _(
                    "Er is geen voorstel ‘%(value)s’; schrijf zaaknummer-nummer, "
                    "bijvoorbeeld 2200511-6."
                )
            },
        ),
    )
    partner_city = fields.Field(
        attribute="partner_city",
        column_name="partnerstad",
        saves_null_values=True,
        widget=LookupWidget(
            PartnerCity.objects.all,
            key=lambda city: city.slug,
            message={"unknown": _("Er is geen partnerstad ‘%(value)s’.")},
        ),
    )
    note = fields.Field(
        attribute="note",
        column_name="toelichting",
        widget=NameWidget(max_length=None, required=False),
    )
    actual = fields.Field(
        attribute="actual",
        column_name="realisatie",
        saves_null_values=False,  # an empty cell keeps a realised amount already recorded
        widget=AmountWidget(required=False),
    )

    class Meta:
        model = BudgetLine
        fields = list(COLUMNS.values())
        export_order = list(COLUMNS.values())
        import_id_fields = ["product", "year", "name"]
        instance_loader_class = LineInstanceLoader
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True
        store_instance = True
        skip_html_diff = True

    def __init__(self, decimal_comma=False, **kwargs):
        super().__init__(**kwargs)
        self.fields["amount"].widget.decimal_comma = decimal_comma
        self.fields["actual"].widget.decimal_comma = decimal_comma
        self.seen = {}

    def get_queryset(self):
        return BudgetLine.objects.with_links().order_by("year", "product__name", "name")

    def before_import(self, dataset, **kwargs):
        self.seen = {}
        for field in self.fields.values():
            if isinstance(field.widget, LookupWidget):
                field.widget.reset()

    def before_save_instance(self, instance, row, **kwargs):
        instance._change_reason = kwargs.get("change_reason") or _("Import")
        if not is_blank(row.get("realisatie")):
            instance.actual_is_example = False  # a real figure replaces a demo one

    def before_import_row(self, row, **kwargs):
        """Check every cell first, so each bad cell is reported at its column."""
        errors = {}
        cleaned = {}
        for name, field in self.fields.items():
            if field.column_name not in row:
                continue
            try:
                cleaned[name] = field.clean(row)
            except ValueError as exc:
                errors[name] = ValidationError(str(exc))
        if "year" in cleaned and (
            early := actual_too_early(cleaned["year"], cleaned.get("actual"))
        ):
            errors["actual"] = ValidationError(early)
        if not errors:
            key = (cleaned["product"].pk, cleaned["year"], cleaned["name"].lower())
            number = kwargs.get("row_number")
            if key in self.seen:
                errors["name"] = ValidationError(
                    _(
                        "Dubbele regel: rij %(first)s heeft hetzelfde product, jaar en "
                        "dezelfde omschrijving."
                    )
                    % {"first": self.seen[key] + 1}
                )
            else:
                self.seen[key] = number
        if errors:
            raise ValidationError(errors)

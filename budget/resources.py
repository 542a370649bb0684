"""Budget lines as a spreadsheet (CSV or XLSX) with django-import-export.

The columns carry Dutch names. Every cell is checked before a row is looked up or saved, so a
bad cell comes back as a Dutch message naming its column rather than as a traceback.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.instance_loaders import BaseInstanceLoader

from core.bulk import insert_rows
from core.history import copy_to_history
from core.page_cache import bump_version
from networks.models import Network
from partnercity.models import PartnerCity
from proposals.models import Proposal

from .constants import Basis, LineCategory, Recurrence
from .models import BudgetLine, BudgetProduct
from .widgets import (
    FORMULA_START,
    AmountWidget,
    ChoiceWidget,
    LookupWidget,
    NameWidget,
    YearWidget,
    actual_too_early,
    is_blank,
    parse_amount,
    text,
)

__all__ = ["FORMULA_START", "actual_too_early", "is_blank", "parse_amount", "text"]

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
# The widgets of columns with few different values (years, codes, choices), whose cells are
# cleaned once per value in an import; amounts and texts differ per row.
REPEATED_VALUES = (YearWidget, LookupWidget, ChoiceWidget)


def proposal_key(proposal):
    return f"{proposal.council_proposal.case_number}-{proposal.number}"


class LineInstanceLoader(BaseInstanceLoader):
    """Find existing lines by product, year and name, all read in one query with their links."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.lines = {
            (line.product_id, line.year, line.name.lower()): line
            for line in BudgetLine.objects.select_related(
                "product", "network", "proposal__council_proposal", "partner_city"
            )
        }

    def get_instance(self, row):
        cleaned = self.resource.cleaned
        return self.lines.get((cleaned["product"].pk, cleaned["year"], cleaned["name"].lower()))


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
        # 12,000 rows in seconds (make bench): saved in batches, each cell cleaned once, no
        # deep copy per row (the old values for the report are kept by after_init_instance).
        use_bulk = True
        batch_size = 1000
        skip_diff = True

    def __init__(self, decimal_comma=False, **kwargs):
        super().__init__(**kwargs)
        self.fields["amount"].widget.decimal_comma = decimal_comma
        self.fields["actual"].widget.decimal_comma = decimal_comma
        self.seen = {}
        self.cleaned = {}
        self.columns = []  # (name, column, widget, cleaned cells or None), set by before_import
        self.this_year = None
        self.original = None
        self.original_example = False
        self.change_reason = None

    def get_queryset(self):
        return BudgetLine.objects.with_links().order_by("year", "product__name", "name")

    def before_import(self, dataset, **kwargs):
        """Read once what every row needs: the file's columns, the tables behind the lookups,
        the choices in the active language and the current year."""
        self.seen = {}
        self.this_year = timezone.localdate().year
        self.columns = [
            (
                name,
                field.column_name,
                field.widget,
                {} if isinstance(field.widget, REPEATED_VALUES) else None,
            )
            for name, field in self.fields.items()
            if field.column_name in dataset.headers
        ]
        for field in self.fields.values():
            if isinstance(field.widget, LookupWidget | ChoiceWidget):
                field.widget.reset()

    def before_save_instance(self, instance, row, **kwargs):
        if self.change_reason is None:
            self.change_reason = kwargs.get("change_reason") or _("Import")
        instance._change_reason = self.change_reason
        if not is_blank(row.get("realisatie")):
            instance.actual_is_example = False  # a real figure replaces a demo one

    def after_init_instance(self, instance, new, row, **kwargs):
        """Remember an existing line's values, for the report and to skip unchanged rows."""
        self.original = None if new else {name: getattr(instance, name) for name in self.fields}
        self.original_example = not new and instance.actual_is_example

    def init_instance(self, row=None):
        """A new line made with the values before_import_row cleaned: one pass over the
        model's fields instead of its defaults first and the values after. An empty cell is
        left to the field's default (None for a link: no related lookup per empty cell)."""
        return BudgetLine(
            **{name: value for name, value in self.values().items() if value is not None}
        )

    def import_instance(self, instance, row, **kwargs):
        """Set the values before_import_row cleaned, instead of cleaning each cell again
        (a new line has them from init_instance)."""
        if instance._state.adding:
            return
        for attribute, value in self.values().items():
            setattr(instance, attribute, value)

    def values(self):
        """The row's cleaned values by model attribute; an empty cell of a column that keeps
        the line's value (saves_null_values=False) is left out."""
        fields = self.fields
        return {
            fields[name].attribute: value
            for name, value in self.cleaned.items()
            if value is not None or fields[name].saves_null_values
        }

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or self.original is None:
            return False
        if self.original_example and not is_blank(row.get("realisatie")):
            return False  # the realised amount stops being an example
        return all(getattr(instance, name) == self.original[name] for name in self.fields)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # Every column was checked by its widget (before_import_row), the links were looked up
        # in this import's tables and a line's key was found by the instance loader or checked
        # against the file's other rows: what is left is the model's own rule across fields,
        # without a query per row.
        errors = dict(import_validation_errors or {})
        try:
            instance.clean()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def after_import_row(self, row, row_result, **kwargs):
        row_result.original = self.original

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run:  # a check saves nothing, not even to roll it back
            self.create_instances.clear()
            return
        try:
            lines = insert_rows(BudgetLine, self.create_instances)
            self.write_history(lines, "+")
        except Exception as exc:  # noqa: BLE001 - reported as an error of the file, as import-export
            self.handle_import_error(result, exc, raise_errors)
        finally:
            self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run:
            self.update_instances.clear()
            return
        try:
            fields = [self.fields[name].attribute for name in self.get_bulk_update_fields()]
            BudgetLine.objects.bulk_update(
                self.update_instances, [*fields, "actual_is_example"], batch_size=batch_size
            )
            self.write_history(self.update_instances, "~")
        except Exception as exc:  # noqa: BLE001
            self.handle_import_error(result, exc, raise_errors)
        finally:
            self.update_instances.clear()

    def write_history(self, lines, history_type):
        """One history record per saved line, with the import's reason and the request's user,
        copied by the database (core.history.copy_to_history): bulk_create gives the new lines'
        ids on PostgreSQL and SQLite 3.35+, the databases the portal runs on."""
        if lines:
            copy_to_history(
                BudgetLine,
                [line.pk for line in lines],
                history_type=history_type,
                reason=self.change_reason or _("Import"),
            )

    def after_import(self, dataset, result, **kwargs):
        if not kwargs.get("dry_run"):
            # Bulk writes send no save signal: mark cached pages stale now and again after
            # the commit, as content_changed does for a save (core/page_cache.py).
            bump_version()
            transaction.on_commit(bump_version)

    def before_import_row(self, row, **kwargs):
        """Check every cell first, so each bad cell is reported at its column."""
        errors = {}
        cleaned = {}
        for name, column, widget, known in self.columns:
            value = row[column]
            if known is not None:  # a column of few values: each is cleaned once per import
                key = (type(value), value)
                if key not in known:
                    try:
                        known[key] = (widget.clean(value), None)
                    except ValueError as exc:
                        known[key] = (None, str(exc))
                cleaned_value, message = known[key]
                if message is None:
                    cleaned[name] = cleaned_value
                else:
                    errors[name] = ValidationError(message)
                continue
            try:
                cleaned[name] = widget.clean(value)
            except ValueError as exc:
                errors[name] = ValidationError(str(exc))
        if "year" in cleaned and (
            early := actual_too_early(cleaned["year"], cleaned.get("actual"), self.this_year)
        ):
            errors["actual"] = ValidationError(early)
        self.cleaned = cleaned
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

"""Writes of the budget pages: importing lines from a spreadsheet, saving a scenario."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from import_export.formats.base_formats import XLSX

from core.imports import (
    ImportFileError,
    ImportReport,
    RowChange,
    RowProblem,
    describe_result,
    file_format,
    read_table,
    run_import,
)
from core.money import format_euro

from .resources import COLUMNS, FIELD_COLUMNS, REQUIRED_COLUMNS, BudgetLineResource

__all__ = ["ImportFileError", "ImportReport", "RowChange", "RowProblem"]

MAX_UPLOAD_BYTES = 1024 * 1024
FORMATS = ("csv", "xlsx")
UPLOAD_KIND = "budget-lines"


def read_upload(upload):
    """Read an uploaded file whole, refusing what is too large or of another type."""
    fmt = file_format(upload.name, FORMATS)
    if upload.size > MAX_UPLOAD_BYTES:
        raise ImportFileError(_("Het bestand is te groot: hoogstens 1 MB."))
    return upload.read(), fmt


def load_table(content, fmt):
    """The file's rows under a checked header (core.imports.read_table: caps first)."""
    return read_table(content, fmt, list(COLUMNS), REQUIRED_COLUMNS)


def describe(result, table):
    return describe_result(result, table, FIELD_COLUMNS, changes=changes)


def changes(row_result):
    """Which columns an update changes, with the old and the new value as a reader writes them."""
    old, new = row_result.original, row_result.instance
    if old is None or new is None:
        return []
    found = []
    for column, name in COLUMNS.items():
        before, after = old.get(name), getattr(new, name)
        if before != after:
            found.append((column, readable(before), readable(after)))
    return found


def readable(value):
    if value is None or value == "":
        return "–"
    if isinstance(value, Decimal):
        return format_euro(value)
    return str(value)


def check_lines(content, fmt):
    """Dry run: read the file and validate every row; nothing is saved."""
    return run_import(
        BudgetLineResource(), load_table(content, fmt), dry_run=True, describe=describe
    )


def import_lines(content, fmt, reason=""):
    """Import every row, or none: a single bad row rolls the whole file back."""
    return run_import(
        BudgetLineResource(),
        load_table(content, fmt),
        dry_run=False,
        describe=describe,
        change_reason=reason,
    )


def export_lines(queryset, fmt):
    """The lines as CSV (semicolons and decimal commas, for a Dutch spreadsheet) or XLSX."""
    resource = BudgetLineResource(decimal_comma=fmt == "csv")
    dataset = resource.export(queryset=queryset)
    if fmt == "csv":
        return "\ufeff" + dataset.export("csv", delimiter=";")
    return XLSX().export_data(dataset)


def save_scenario(form, formset, user):
    """Save a scenario and its changes together, or neither."""
    with transaction.atomic():
        scenario = form.save(commit=False)
        if scenario.pk is None:
            scenario.created_by = user
        scenario.save()
        formset.instance = scenario
        formset.save()
    return scenario

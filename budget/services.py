"""Writes of the budget pages: importing lines from a spreadsheet, saving a scenario."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

import tablib
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.utils.translation import gettext as _
from import_export.formats.base_formats import XLSX
from import_export.results import RowResult

from core.money import format_euro

from .resources import COLUMNS, FIELD_COLUMNS, REQUIRED_COLUMNS, BudgetLineResource

MAX_UPLOAD_BYTES = 1024 * 1024
FORMATS = ("csv", "xlsx")


class ImportFileError(Exception):
    """A file that cannot be read as a table of budget lines; the message is for the user."""


@dataclass
class RowProblem:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    message: str


@dataclass
class RowChange:
    row: int
    line: object
    changes: list = field(default_factory=list)  # (column, old, new)


@dataclass
class ImportReport:
    total_rows: int = 0
    problems: list = field(default_factory=list)
    new: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    saved: bool = False

    def is_valid(self):
        """Say whether every row can be imported; one bad row stops the whole file."""
        return not self.problems

    @property
    def problem_rows(self):
        return sorted({problem.row for problem in self.problems})


def file_format(filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in FORMATS:
        raise ImportFileError(_("Kies een bestand van het type .csv of .xlsx."))
    return extension


def read_upload(upload):
    """Read an uploaded file whole, refusing what is too large or of another type."""
    fmt = file_format(upload.name)
    if upload.size > MAX_UPLOAD_BYTES:
        raise ImportFileError(_("Het bestand is te groot: hoogstens 1 MB."))
    return upload.read(), fmt


def decode_csv(content):
    # UTF-16 (what Excel's "Unicode text" writes) decodes as cp1252 into text full of NULs.
    if content.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in content[:4096]:
        raise ImportFileError(
            _("Het CSV-bestand is in UTF-16 opgeslagen; sla het op als UTF-8 (CSV UTF-8).")
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("Het CSV-bestand is niet te lezen; sla het op als UTF-8."))


def load_dataset(content, fmt):
    """Turn the file into a dataset with clean headers; a wrong column is a problem on row 1."""
    try:
        if fmt == "csv":
            text = decode_csv(content)
            first_line = text.splitlines()[0] if text.strip() else ""
            delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
            rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        else:
            dataset = XLSX().create_dataset(content)
            rows = [list(dataset.headers or []), *(list(row) for row in dataset)]
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl and csv raise many kinds of errors on a broken file
        raise ImportFileError(
            _("Het bestand is niet te lezen als %(fmt)s.") % {"fmt": fmt.upper()}
        ) from exc
    rows = [row for row in rows if any(cell not in (None, "") for cell in row)]
    if not rows:
        raise ImportFileError(_("Het bestand is leeg."))
    headers = [str(cell or "").strip().lstrip("\ufeff").lower() for cell in rows[0]]
    problems = []
    for index, header in enumerate(headers, start=1):
        if header not in COLUMNS:
            problems.append(
                RowProblem(
                    1,
                    header or _("kolom %(n)s") % {"n": index},
                    _("Onbekende kolom ‘%(header)s’. Toegestaan zijn: %(columns)s.")
                    % {"header": header, "columns": ", ".join(COLUMNS)},
                )
            )
        elif headers.index(header) != index - 1:
            problems.append(RowProblem(1, header, _("Deze kolom staat er twee keer in.")))
    for column in REQUIRED_COLUMNS:
        if column not in headers:
            problems.append(RowProblem(1, column, _("De kolom ‘%(c)s’ ontbreekt.") % {"c": column}))
    width = len(headers)
    dataset = tablib.Dataset(headers=headers)
    for row in rows[1:]:
        row = list(row)[:width]
        dataset.append(row + [None] * (width - len(row)))
    return dataset, problems


def describe_result(result, dataset):
    report = ImportReport(total_rows=len(dataset))
    for invalid in result.invalid_rows:
        for name, messages in invalid.error_dict.items():
            column = "" if name == NON_FIELD_ERRORS else FIELD_COLUMNS.get(name, name)
            for message in messages:
                report.problems.append(RowProblem(invalid.number + 1, column, message))
    for number, errors in result.row_errors():
        for error in errors:
            report.problems.append(RowProblem(number + 1, "", str(error.error)))
    for number, row_result in enumerate(result.rows, start=1):
        if row_result.import_type == RowResult.IMPORT_TYPE_NEW:
            report.new.append(RowChange(number + 1, row_result.instance))
        elif row_result.import_type == RowResult.IMPORT_TYPE_UPDATE:
            report.updated.append(RowChange(number + 1, row_result.instance, changes(row_result)))
        elif row_result.import_type == RowResult.IMPORT_TYPE_SKIP:
            report.unchanged.append(RowChange(number + 1, row_result.instance))
    report.problems.sort(key=lambda problem: (problem.row, problem.column))
    return report


def changes(row_result):
    """Which columns an update changes, with the old and the new value as a reader writes them."""
    old, new = row_result.original, row_result.instance
    if old is None or new is None:
        return []
    found = []
    for column, name in COLUMNS.items():
        before, after = getattr(old, name), getattr(new, name)
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
    dataset, problems = load_dataset(content, fmt)
    if problems:
        return ImportReport(total_rows=len(dataset), problems=problems)
    result = BudgetLineResource().import_data(
        dataset, dry_run=True, raise_errors=False, use_transactions=True
    )
    return describe_result(result, dataset)


class _Rollback(Exception):
    pass


def import_lines(content, fmt, reason=""):
    """Import every row, or none: a single bad row rolls the whole file back."""
    dataset, problems = load_dataset(content, fmt)
    if problems:
        return ImportReport(total_rows=len(dataset), problems=problems)
    report = None
    try:
        with transaction.atomic():
            result = BudgetLineResource().import_data(
                dataset,
                dry_run=False,
                raise_errors=False,
                use_transactions=True,
                rollback_on_validation_errors=True,
                change_reason=reason,
            )
            report = describe_result(result, dataset)
            if not report.is_valid():
                raise _Rollback
    except _Rollback:
        return report
    report.saved = True
    return report


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

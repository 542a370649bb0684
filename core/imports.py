"""Spreadsheet imports, one way for every app: django-import-export resources, a file read
safely, and one report shape.

A file is read in this order, each step refusing what would be costly before the next:
the upload's size, the unpacked size of an XLSX (its zip directory lists it, nothing is
unpacked), the header row (a wrong header gets one clear message and no row is read), then
the rows, stopping at MAX_ROWS. The rows go to a resource's import_data(), once as a dry run
and once for real; run_import() saves every row or none.
"""

import csv
import gc
import io
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from import_export.results import RowResult

MAX_ROWS = 20_000
# What an XLSX may unpack to: 12,000 budget lines take about 4 MB of sheet XML.
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
CSV, XLSX = "csv", "xlsx"


class ImportFileError(Exception):
    """A file that cannot be read as a table; the message is for the user, at the field."""


@dataclass
class RowProblem:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    message: str


@dataclass
class RowChange:
    row: int
    line: object  # the record as it would be saved
    changes: list = field(default_factory=list)  # (column, old, new)


@dataclass
class ImportReport:
    """What a dry run or an import found: the same shape for every import of the portal."""

    total_rows: int = 0
    problems: list = field(default_factory=list)
    new: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    preview: list = field(default_factory=list)  # {"row": n, "values": [...]} of the first rows
    header_message: str = ""  # set when the header row is wrong and no row was read
    saved: bool = False

    def is_valid(self):
        """Say whether every row can be imported; one bad row stops the whole file."""
        return not self.problems

    @property
    def ok(self):
        return self.total_rows > 0 and self.is_valid()

    @property
    def problem_rows(self):
        return sorted({problem.row for problem in self.problems})


@dataclass
class Table:
    """The rows of a file under a checked header, with the row number each had in the file."""

    headers: list
    dataset: tablib.Dataset = None
    numbers: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    header_message: str = ""

    def report(self):
        return ImportReport(
            total_rows=len(self.numbers),
            problems=list(self.problems),
            header_message=self.header_message,
        )


def file_format(filename, formats=(CSV, XLSX)):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in formats:
        raise ImportFileError(
            _("Kies een bestand van het type %(types)s.")
            % {"types": _(" of ").join(f".{fmt}" for fmt in formats)}
        )
    return extension


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


def too_many_rows():
    return ImportFileError(
        _("Het bestand heeft meer dan %(max)s rijen; splits het op in delen van hoogstens %(max)s.")
        % {"max": number_format(MAX_ROWS, force_grouping=True)}
    )


def check_unpacked_size(content):
    """Refuse an XLSX that would unpack to too much, from its zip directory alone.

    The sizes in the directory bind: Python's zipfile stops a member at its listed size.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ImportFileError(_("Het bestand is niet te lezen als XLSX.")) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            _(
                "Dit Excel-bestand is uitgepakt %(size)s MB groot; hoogstens %(max)s MB past. "
                "Sla het op als CSV of splits het op."
            )
            % {"size": unpacked // (1024 * 1024), "max": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )


def rows_of(content, fmt):
    """The file's rows, one at a time, as lists of cells."""
    if fmt == CSV:
        if content.count(b"\n") > MAX_ROWS + 100:  # blank lines are allowed, not thousands
            raise too_many_rows()
        text = decode_csv(content)
        first_line = text.lstrip("\ufeff").split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
        return csv.reader(io.StringIO(text), delimiter=delimiter)
    check_unpacked_size(content)
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    return book.worksheets[0].iter_rows(values_only=True)


def is_empty(row):
    return not any(cell not in (None, "") and str(cell).strip() for cell in row)


def read_table(content, fmt, columns, required, *, extra_cells_are_problems=False):
    """Read a file into a Table: the header is checked before any row is read."""
    try:
        rows = iter(rows_of(content, fmt))
        header = next((row for row in rows if not is_empty(row)), None)
        if header is None:
            raise ImportFileError(_("Het bestand is leeg."))
        headers = [str(cell or "").strip().lstrip("\ufeff").lower() for cell in header]
        while headers and not headers[-1]:
            headers.pop()
        table = Table(headers=headers, problems=header_problems(headers, columns, required))
        if table.problems:
            table.header_message = _(
                "De kopregel (rij 1) klopt niet, dus er is nog geen rij gecontroleerd. "
                "De kolommen heten: %(columns)s; verplicht zijn: %(required)s."
            ) % {"columns": ", ".join(columns), "required": ", ".join(required)}
            return table
        table.dataset = tablib.Dataset(headers=headers)
        width = len(headers)
        for number, row in enumerate(rows, start=2):
            if is_empty(row):
                continue
            if len(table.numbers) >= MAX_ROWS:
                raise too_many_rows()
            row = list(row)
            if len(row) > width and not is_empty(row[width:]):
                if extra_cells_are_problems:
                    table.problems.append(
                        RowProblem(number, "", _("Deze rij heeft meer cellen dan de kopregel."))
                    )
                    continue
            row = row[:width]
            table.dataset.append(row + [None] * (width - len(row)))
            table.numbers.append(number)
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl and csv raise many kinds of errors on a broken file
        raise ImportFileError(
            _("Het bestand is niet te lezen als %(fmt)s.") % {"fmt": fmt.upper()}
        ) from exc
    return table


def header_problems(headers, columns, required):
    problems = []
    for index, header in enumerate(headers, start=1):
        if header not in columns:
            problems.append(
                RowProblem(
                    1,
                    header or _("kolom %(n)s") % {"n": index},
                    _("Onbekende kolom '%(column)s'. Toegestaan: %(allowed)s.")
                    % {"column": header, "allowed": ", ".join(columns)},
                )
            )
        elif headers.index(header) != index - 1:
            problems.append(RowProblem(1, header, _("Deze kolom staat er twee keer in.")))
    for column in required:
        if column not in headers:
            problems.append(
                RowProblem(1, column, _("De kolom '%(column)s' ontbreekt.") % {"column": column})
            )
    return problems


def describe_result(result, table, field_columns, changes=None, preview_columns=()):
    """Turn django-import-export's result into the portal's report, with the file's row numbers."""
    report = table.report()

    def row_number(index):  # import-export counts the dataset's rows from 1
        return table.numbers[index - 1]

    for invalid in result.invalid_rows:
        for name, messages in invalid.error_dict.items():
            column = "" if name == NON_FIELD_ERRORS else field_columns.get(name, name)
            for message in messages:
                report.problems.append(RowProblem(row_number(invalid.number), column, message))
    for number, errors in result.row_errors():
        for error in errors:
            report.problems.append(RowProblem(row_number(number), "", str(error.error)))
    kinds = {
        RowResult.IMPORT_TYPE_NEW: report.new,
        RowResult.IMPORT_TYPE_UPDATE: report.updated,
        RowResult.IMPORT_TYPE_SKIP: report.unchanged,
    }
    for index, row_result in enumerate(result.rows, start=1):
        found = kinds.get(row_result.import_type)
        if found is None:
            continue
        number = row_number(index)
        found.append(RowChange(number, row_result.instance, changes(row_result) if changes else []))
        if preview_columns and len(report.preview) < 50:
            values = dict(zip(table.headers, table.dataset[index - 1], strict=False))
            report.preview.append(
                {"row": number, "values": [values.get(c) or "" for c in preview_columns]}
            )
    report.problems.sort(key=lambda problem: (problem.row, problem.column))
    return report


class _Rollback(Exception):
    pass


@contextmanager
def garbage_collection_paused():
    """Pause Python's cycle collector while the rows are checked and saved: an import keeps
    every row's objects until its report is made, so each full collection would walk all of
    them again (a fifth of the time of 12,000 rows). It runs again afterwards, as before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run_import(resource, table, *, dry_run, describe, **kwargs):
    """Run the resource over the table: a dry run, or an import of every row or none."""
    if table.dataset is None or table.problems:
        return table.report()
    report = None
    try:
        with garbage_collection_paused(), transaction.atomic():
            result = resource.import_data(
                table.dataset,
                dry_run=dry_run,
                raise_errors=False,
                use_transactions=True,
                rollback_on_validation_errors=True,
                **kwargs,
            )
            report = describe(result, table)
            if dry_run or not report.is_valid():
                raise _Rollback
    except _Rollback:
        return report
    report.saved = True
    return report

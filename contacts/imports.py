"""CSV import of organisations and people: a dry run that names every bad row, then every
row or none.

The file is read by core.imports (caps and header first, one report shape for every import of
the portal); the rows go through the resources in contacts/resources.py (django-import-export),
which check each row with the portal's own form.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.imports import (
    CSV,
    ImportFileError,
    ImportReport,
    RowProblem,
    describe_result,
    read_table,
    run_import,
)

from .resources import OrganisationResource, PersonResource


def check_file(kind, content):
    """Dry run: read the CSV file (bytes) and check every row; nothing is saved."""
    return _run(kind, content, dry_run=True)


def import_file(kind, content):
    """Save every row of the CSV file, or none when a single row is bad."""
    return _run(kind, content, dry_run=False)


def _run(kind, content, *, dry_run):
    resource_class, _label = IMPORTERS[kind]
    columns = list(resource_class.columns)
    try:
        table = read_table(
            content, CSV, columns, resource_class.required_columns, extra_cells_are_problems=True
        )
    except ImportFileError as exc:
        return ImportReport(problems=[RowProblem(1, "", str(exc))])
    if table.dataset is not None and not table.numbers and not table.problems:
        return ImportReport(problems=[RowProblem(2, "", _("Het bestand bevat geen rijen."))])
    field_columns = {name: column for column, name in resource_class.columns.items()}

    def describe(result, table):
        return describe_result(
            result, table, field_columns, preview_columns=resource_class.preview_columns
        )

    return run_import(
        resource_class(numbers=table.numbers), table, dry_run=dry_run, describe=describe
    )


IMPORTERS = {
    "organisations": (OrganisationResource, gettext_lazy("organisaties")),
    "people": (PersonResource, gettext_lazy("personen")),
}

TEMPLATES = {
    "organisations": (
        "naam;soort;plaats;land;website;omschrijving;thema's;netwerken;openbare_partner;"
        "internationale_activiteiten\n"
        "Voorbeeldorganisatie;lokale_partner;Hengelo;NL;https://www.example.nl/;;cultuur,sport;"
        ";ja;Uitwisselingen met Emsdetten\n"
    ),
    "people": (
        "voornaam;achternaam;organisatie;plaats;functie;e-mail;telefoon;talen;doel;grondslag;"
        "herbeoordelen_op;aantekeningen\n"
        "Voorbeeld;Persoon;WTC Twente;Hengelo;Adviseur;voorbeeld@example.nl;+31 74 000 0001;"
        "nl,de;samenwerking;gerechtvaardigd_belang;;\n"
    ),
}

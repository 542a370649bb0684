"""CSV import of organisations and people, with a dry run that names every bad row.

Each row is checked by a ModelForm, so the messages are the same Dutch messages as in the
forms of the portal. The import saves either every row or none: one bad row stops it all.
"""

import csv
from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from networks.models import Network, Theme

from .constants import LegalBasis, OrganisationKind, Purpose
from .models import Language, Organisation, Person, default_review_on

MAX_ROWS = 5000
TRUE_WORDS = {"ja", "j", "1", "waar", "true", "yes", "x"}
FALSE_WORDS = {"nee", "n", "0", "onwaar", "false", "no", ""}


@dataclass
class RowProblem:
    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    kind: str
    total: int = 0
    preview: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    saved: int = 0

    @property
    def ok(self):
        return self.total > 0 and not self.problems


def split_values(text):
    """Split a cell that holds several codes: 'nl, de' or 'nl|de' or 'nl;de'."""
    for separator in (";", "|"):
        text = text.replace(separator, ",")
    return [part.strip() for part in text.split(",") if part.strip()]


def choice_value(choices, text):
    """Accept a choice by its stored value or by its label, in any case."""
    wanted = text.strip().lower()
    for value, label in choices:
        if wanted in (str(value).lower(), str(label).lower()):
            return value
    return text.strip()


class OrganisationRowForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(), to_field_name="code", required=False
    )
    networks = forms.ModelMultipleChoiceField(
        queryset=Network.objects.all(), to_field_name="slug", required=False
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "city",
            "country",
            "website",
            "description",
            "themes",
            "networks",
            "is_public_partner",
            "international_activities",
        ]


class PersonRowForm(forms.ModelForm):
    languages = forms.ModelMultipleChoiceField(
        queryset=Language.objects.all(), to_field_name="code", required=False
    )

    class Meta:
        model = Person
        fields = [
            "organisation",
            "first_name",
            "last_name",
            "job_title",
            "email",
            "phone",
            "languages",
            "purpose",
            "legal_basis",
            "review_on",
            "notes",
        ]


class Importer:
    kind = ""
    form_class = None
    # CSV column -> form field
    columns = {}
    required_columns = ()
    preview_columns = ()

    def __init__(self):
        self.problems = []

    def run(self, text, save=False):
        """Check every row; with save, store all rows in one transaction if none is bad."""
        report = ImportReport(kind=self.kind)
        rows = self.read(text, report)
        if report.problems:
            return report
        forms_ok = []
        for number, row in rows:
            before = len(report.problems)
            form = self.form_for(number, row, report)
            valid = form.is_valid()
            if not valid:
                reported = {problem.column for problem in report.problems[before:]}
                self.add_form_problems(number, form, report, skip_columns=reported)
            if valid and len(report.problems) == before:
                self.check_row(number, form, report)
                forms_ok.append(form)
                if len(report.preview) < 50:
                    report.preview.append(
                        {"row": number, "values": [row.get(c, "") for c in self.preview_columns]}
                    )
        report.total = len(rows)
        if save and report.ok:
            with transaction.atomic():
                for form in forms_ok:
                    form.save()
            report.saved = len(forms_ok)
        return report

    def read(self, text, report):
        lines = text.splitlines()
        if not lines or not lines[0].strip():
            report.problems.append(RowProblem(1, "", _("Het bestand is leeg.")))
            return []
        delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
        reader = csv.DictReader(lines, delimiter=delimiter)
        header = [name.strip().lower() for name in reader.fieldnames or []]
        reader.fieldnames = header
        for column in self.required_columns:
            if column not in header:
                report.problems.append(
                    RowProblem(
                        1, column, _("De kolom '%(column)s' ontbreekt.") % {"column": column}
                    )
                )
        unknown = [name for name in header if name and name not in self.columns]
        for column in unknown:
            report.problems.append(
                RowProblem(
                    1,
                    column,
                    _("Onbekende kolom '%(column)s'. Toegestaan: %(allowed)s.")
                    % {"column": column, "allowed": ", ".join(self.columns)},
                )
            )
        if report.problems:
            return []
        rows = []
        for number, row in enumerate(reader, start=2):
            if None in row:
                report.problems.append(
                    RowProblem(number, "", _("Deze rij heeft meer cellen dan de kopregel."))
                )
                continue
            cleaned = {key: (value or "").strip() for key, value in row.items()}
            if not any(cleaned.values()):
                continue
            rows.append((number, cleaned))
            if len(rows) > MAX_ROWS:
                report.problems.append(
                    RowProblem(
                        number,
                        "",
                        _("Het bestand heeft meer dan %(max)s rijen; splits het op.")
                        % {"max": MAX_ROWS},
                    )
                )
                return []
        if not rows and not report.problems:
            report.problems.append(RowProblem(2, "", _("Het bestand bevat geen rijen.")))
        return rows

    def form_for(self, number, row, report):
        data = {}
        for column, name in self.columns.items():
            value = row.get(column, "")
            converted = self.convert(name, value, number, column, report)
            if converted is not None:
                data[name] = converted
        return self.form_class(data=data)

    def convert(self, name, value, number, column, report):
        return value

    def column_for(self, field_name):
        for column, name in self.columns.items():
            if name == field_name:
                return column
        return ""

    def add_form_problems(self, number, form, report, skip_columns=()):
        for field_name, messages in form.errors.items():
            column = self.column_for(field_name) if field_name != "__all__" else ""
            if column and column in skip_columns:
                continue
            for message in messages:
                report.problems.append(RowProblem(number, column, message))

    def check_row(self, number, form, report):
        """Checks across rows of the same file."""


class OrganisationImporter(Importer):
    kind = "organisations"
    form_class = OrganisationRowForm
    columns = {
        "naam": "name",
        "soort": "kind",
        "plaats": "city",
        "land": "country",
        "website": "website",
        "omschrijving": "description",
        "thema's": "themes",
        "netwerken": "networks",
        "openbare_partner": "is_public_partner",
        "internationale_activiteiten": "international_activities",
    }
    required_columns = ("naam", "plaats")
    preview_columns = ("naam", "soort", "plaats", "land", "openbare_partner")

    def __init__(self):
        super().__init__()
        self.seen = {}

    def convert(self, name, value, number, column, report):
        if name == "kind":
            return choice_value(OrganisationKind.choices, value) if value else "overig"
        if name == "country":
            return value.upper() or "NL"
        if name in ("themes", "networks"):
            return split_values(value)
        if name == "is_public_partner":
            word = value.lower()
            if word in TRUE_WORDS:
                return "on"
            if word not in FALSE_WORDS:
                report.problems.append(
                    RowProblem(number, column, _("Vul 'ja' of 'nee' in, niet '%s'.") % value)
                )
            return None
        return value

    def check_row(self, number, form, report):
        key = (form.cleaned_data["name"].lower(), form.cleaned_data["city"].lower())
        if key in self.seen:
            report.problems.append(
                RowProblem(
                    number,
                    "naam",
                    _("Deze organisatie staat al in rij %(row)s van het bestand.")
                    % {"row": self.seen[key]},
                )
            )
        else:
            self.seen[key] = number


class PersonImporter(Importer):
    kind = "people"
    form_class = PersonRowForm
    columns = {
        "voornaam": "first_name",
        "achternaam": "last_name",
        "organisatie": "organisation",
        "plaats": "organisation_city",
        "functie": "job_title",
        "e-mail": "email",
        "telefoon": "phone",
        "talen": "languages",
        "doel": "purpose",
        "grondslag": "legal_basis",
        "herbeoordelen_op": "review_on",
        "aantekeningen": "notes",
    }
    required_columns = ("voornaam", "achternaam", "organisatie", "plaats", "doel")
    preview_columns = ("voornaam", "achternaam", "organisatie", "plaats", "e-mail", "doel")

    def __init__(self):
        super().__init__()
        self.organisations = {
            (name.lower(), city.lower()): pk
            for pk, name, city in Organisation.objects.values_list("pk", "name", "city")
        }
        self.language_codes = {}
        for code, name in Language.objects.values_list("code", "name"):
            self.language_codes[code.lower()] = code
            self.language_codes[name.lower()] = code

    def form_for(self, number, row, report):
        data = {}
        for column, name in self.columns.items():
            value = row.get(column, "")
            if name == "organisation_city":
                continue
            if name == "organisation":
                key = (value.lower(), row.get("plaats", "").lower())
                pk = self.organisations.get(key)
                if pk is None:
                    report.problems.append(
                        RowProblem(
                            number,
                            column,
                            _(
                                "De organisatie '%(name)s' in '%(city)s' staat niet in het "
                                "register; voeg of importeer haar eerst."
                            )
                            % {"name": value, "city": row.get("plaats", "")},
                        )
                    )
                    continue
                data[name] = pk
            elif name == "languages":
                data[name] = [self.language_codes.get(v.lower(), v) for v in split_values(value)]
            elif name == "purpose":
                data[name] = choice_value(Purpose.choices, value)
            elif name == "legal_basis":
                data[name] = (
                    choice_value(LegalBasis.choices, value)
                    if value
                    else LegalBasis.LEGITIMATE_INTEREST
                )
            elif name == "review_on":
                data[name] = value or default_review_on().isoformat()
            else:
                data[name] = value
        return self.form_class(data=data)


IMPORTERS = {
    "organisations": (OrganisationImporter, gettext_lazy("organisaties")),
    "people": (PersonImporter, gettext_lazy("personen")),
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

"""Organisations and people from a CSV file, with django-import-export (core/imports.py).

Each row is checked by the portal's own form (OrganisationForm, PersonForm), so a bad cell gets
the same Dutch message as in the form, at its column, and the import lists no field of its own:
a resource only says which column fills which form field and how a cell is read (a choice by
its code or its label, several codes in one cell, 'ja' or 'nee'). Rows of the same file are
checked against each other (the same organisation twice). core.imports.run_import saves every
row or none.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import resources

from .constants import LegalBasis, OrganisationKind, Purpose
from .forms import OrganisationForm, PersonForm
from .models import Language, Organisation, Person, default_review_on

TRUE_WORDS = {"ja", "j", "1", "waar", "true", "yes", "x"}
FALSE_WORDS = {"nee", "n", "0", "onwaar", "false", "no", ""}


def cell(row, column):
    value = row.get(column)
    return "" if value is None else str(value).strip()


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


class FormRowResource(resources.ModelResource):
    """Rows checked and saved by a ModelForm of the portal, every row or none.

    form_data() turns a row into the form's data and may report cells it cannot read;
    check_row() compares a valid row with the file's earlier rows. The resource's own fields
    are not imported (the form sets every field); Meta.fields only names the record's key.
    numbers holds each dataset row's number in the file (the header is row 1).
    """

    form_class = None
    columns = {}  # CSV column -> form field
    required_columns = ()
    preview_columns = ()
    # The form's choice fields that a file fills with codes instead of record numbers.
    codes = {}

    class Meta:
        clean_model_instances = False  # the form cleaned the instance
        use_transactions = True
        store_instance = True
        skip_diff = True
        skip_html_diff = True

    def __init__(self, numbers=(), **kwargs):
        super().__init__(**kwargs)
        self.numbers = list(numbers)
        self.form = None
        self.seen = {}

    def get_import_fields(self):
        return []  # the form sets every field

    def before_import(self, dataset, **kwargs):
        self.seen = {}

    def before_import_row(self, row, **kwargs):
        errors = {}
        form = self.form_class(data=self.form_data(row, errors))
        for name, to_field in self.codes.items():
            form.fields[name].to_field_name = to_field
        if form.is_valid():
            if not errors:
                self.check_row(form, self.numbers[kwargs["row_number"] - 1], errors)
        else:
            for name, messages in form.errors.items():
                errors.setdefault(name, messages)
        self.form = form
        if errors:
            raise ValidationError(errors)

    def get_or_init_instance(self, instance_loader, row):
        return self.form.instance, True

    def save_instance(self, instance, is_create, row, **kwargs):
        if not kwargs.get("dry_run"):
            self.form.save()

    def save_m2m(self, instance, row, **kwargs):
        """The form saved them with the record."""

    def form_data(self, row, errors):
        return {name: cell(row, column) for column, name in self.columns.items()}

    def check_row(self, form, number, errors):
        """Checks across the rows of the same file."""


class OrganisationResource(FormRowResource):
    form_class = OrganisationForm
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
    codes = {"themes": "code", "networks": "slug"}

    class Meta(FormRowResource.Meta):
        model = Organisation
        fields = ["name", "city"]

    def form_data(self, row, errors):
        data = super().form_data(row, errors)
        data["kind"] = choice_value(OrganisationKind.choices, data["kind"]) or "overig"
        data["country"] = data["country"].upper() or "NL"
        data["themes"] = split_values(data["themes"])
        data["networks"] = split_values(data["networks"])
        word = data.pop("is_public_partner").lower()
        if word in TRUE_WORDS:
            data["is_public_partner"] = "on"
        elif word not in FALSE_WORDS:
            errors["is_public_partner"] = [
                _("Vul 'ja' of 'nee' in, niet '%s'.") % cell(row, "openbare_partner")
            ]
        return data

    def check_row(self, form, number, errors):
        key = (form.cleaned_data["name"].lower(), form.cleaned_data["city"].lower())
        if key in self.seen:
            errors["name"] = [
                _("Deze organisatie staat al in rij %(row)s van het bestand.")
                % {"row": self.seen[key]}
            ]
        else:
            self.seen[key] = number


class PersonResource(FormRowResource):
    form_class = PersonForm
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
    codes = {"languages": "code"}

    class Meta(FormRowResource.Meta):
        model = Person
        fields = ["first_name", "last_name"]

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.organisations = {
            (name.lower(), city.lower()): pk
            for pk, name, city in Organisation.objects.values_list("pk", "name", "city")
        }
        self.language_codes = {}
        for code, name in Language.objects.values_list("code", "name"):
            self.language_codes[code.lower()] = code
            self.language_codes[name.lower()] = code

    def form_data(self, row, errors):
        data = super().form_data(row, errors)
        city = data.pop("organisation_city")
        name = data["organisation"]
        data["organisation"] = self.organisations.get((name.lower(), city.lower()))
        if data["organisation"] is None:
            errors["organisation"] = [
                _(
                    "De organisatie '%(name)s' in '%(city)s' staat niet in het register; "
                    "voeg of importeer haar eerst."
                )
                % {"name": name, "city": city}
            ]
        codes = self.language_codes
        data["languages"] = [codes.get(v.lower(), v) for v in split_values(data["languages"])]
        data["purpose"] = choice_value(Purpose.choices, data["purpose"])
        data["legal_basis"] = (
            choice_value(LegalBasis.choices, data["legal_basis"])
            if data["legal_basis"]
            else LegalBasis.LEGITIMATE_INTEREST
        )
        data["review_on"] = data["review_on"] or default_review_on().isoformat()
        return data

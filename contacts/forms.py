from django import forms
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import RecordNumbersMixin, VersionedFormMixin
from core.params import parse_id
from core.select import SearchableSelect, SearchableSelectMultiple
from networks.constants import NETWORK_SEARCH
from networks.models import Effort, Network, Theme

from .constants import ErasureReason, OpportunityStatus
from .models import Colleague, Interaction, Opportunity, Organisation, Person
from .models.organisations import SOURCE_LANGUAGE

# Searchable selects (core/select.py); their options: contacts/options.py
ORGANISATION_SEARCH = ("name", "city")
EFFORT_SEARCH = ("title", "network__name")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


ACTIVITIES_LANGUAGES = {"nl": _("Nederlands"), "de": _("Duits"), "en": _("Engels")}
ACTIVITIES_HELP = {
    "nl": _("Wat de organisatie internationaal doet; staat op de openbare lijst."),
    "de": _("Voor de Duitse pagina's; leeg: daar staat de Nederlandse tekst."),
    "en": _("Voor de Engelse pagina's; leeg: daar staat de Nederlandse tekst."),
}


def activities_field(code):
    """The form field's name of the international activities in one language."""
    return (
        "international_activities"
        if code == SOURCE_LANGUAGE
        else f"international_activities_{code}"
    )


def activities_label(code):
    if code == SOURCE_LANGUAGE:
        return gettext("Internationale activiteiten")
    language = ACTIVITIES_LANGUAGES[code]
    return gettext("Internationale activiteiten (%(language)s)") % {"language": language}


def activities_form_field(code):
    """The form field of the international activities in one language."""
    return forms.CharField(
        label=lazy(activities_label, str)(code),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=ACTIVITIES_HELP[code],
    )


class ActivitiesFormMixin:
    """The public description (international activities) in Dutch, German and English: the
    Dutch one in the field `international_activities`, the others in `_de` and `_en`. Saved
    with the relations (`_save_m2m`), so that the admin's save (commit=False) stores them too."""

    def add_activities_fields(self, languages=tuple(ACTIVITIES_LANGUAGES)):
        texts = self.instance.activities_texts() if self.instance.pk else {}
        for code in languages:
            name = activities_field(code)
            self.fields.setdefault(name, activities_form_field(code))
            self.initial.setdefault(name, texts.get(code, ""))

    def clean(self):
        cleaned = super().clean()
        others = [code for code in ACTIVITIES_LANGUAGES if code != SOURCE_LANGUAGE]
        if any(cleaned.get(activities_field(code)) for code in others) and not cleaned.get(
            activities_field(SOURCE_LANGUAGE)
        ):
            self.add_error(
                activities_field(SOURCE_LANGUAGE),
                _("Vul ook de Nederlandse tekst in; die staat op pagina's zonder vertaling."),
            )
        return cleaned

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.set_activities(
            {
                code: self.cleaned_data.get(activities_field(code), "")
                for code in ACTIVITIES_LANGUAGES
                if activities_field(code) in self.fields
            }
        )


class OrganisationAdminForm(ActivitiesFormMixin, forms.ModelForm):
    """The admin's form: the texts as declared fields, so that the admin's fieldsets show them."""

    international_activities = activities_form_field("nl")
    international_activities_de = activities_form_field("de")
    international_activities_en = activities_form_field("en")

    class Meta:
        model = Organisation
        fields = ["name", "kind", "city", "country", "website", "description", "themes",
                  "networks", "efforts", "is_public_partner"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_activities_fields()


class OrganisationForm(ActivitiesFormMixin, VersionedFormMixin, forms.ModelForm):
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
            "efforts",
            "is_public_partner",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "networks": SearchableSelectMultiple(
                "contacts:organisation-form-options", NETWORK_SEARCH, attrs={"size": 8}
            ),
            "description": forms.Textarea(attrs={"rows": 3}),
            "efforts": SearchableSelectMultiple(
                "contacts:organisation-form-options", EFFORT_SEARCH, attrs={"size": 8}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_activities_fields()
        # Only what the options show (issue 17).
        self.fields["themes"].queryset = Theme.objects.only("name")
        self.fields["networks"].queryset = Network.objects.only("name")
        self.fields["efforts"].queryset = Effort.objects.only("year", "number", "title")

    def clean_country(self):
        return (self.cleaned_data.get("country") or "").strip().upper()

    def clean_name(self):
        return " ".join((self.cleaned_data.get("name") or "").split())

    def clean_city(self):
        return " ".join((self.cleaned_data.get("city") or "").split())


class PersonForm(VersionedFormMixin, forms.ModelForm):
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
        widgets = {
            "organisation": SearchableSelect("contacts:person-form-options", ORGANISATION_SEARCH),
            "languages": forms.CheckboxSelectMultiple,
            "review_on": DateInput,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
        }

    def clean_phone(self):
        return " ".join((self.cleaned_data.get("phone") or "").split())


class PersonChoiceMixin:
    """Offer only the people of the chosen organisation, so the list stays short."""

    organisation_field = "organisation"
    person_field = "person"

    def limit_people(self):
        field = self.fields[self.person_field]
        organisation_id = None
        if self.is_bound:
            organisation_id = self.data.get(self.add_prefix(self.organisation_field))
        else:
            organisation_id = self.initial.get(self.organisation_field) or getattr(
                self.instance, f"{self.organisation_field}_id", None
            )
            if isinstance(organisation_id, Organisation):
                organisation_id = organisation_id.pk
        # A record number as typed: nothing that is not one, nor one beyond what SQLite can
        # compare (2**63), reaches the query.
        organisation_id = parse_id(str(organisation_id or ""))
        field.queryset = (
            Person.objects.filter(organisation_id=organisation_id).order_by(
                "last_name", "first_name"
            )
            if organisation_id
            else Person.objects.none()
        )
        field.widget.attrs["data-people-for"] = f"id_{self.add_prefix(self.organisation_field)}"
        field.widget.attrs["data-options-url"] = reverse("contacts:person-options")


class InteractionForm(VersionedFormMixin, PersonChoiceMixin, forms.ModelForm):
    class Meta:
        model = Interaction
        fields = [
            "organisation",
            "person",
            "kind",
            "occurred_on",
            "summary",
            "follow_up_on",
            "follow_up_note",
        ]
        widgets = {
            "organisation": SearchableSelect(
                "contacts:interaction-form-options", ORGANISATION_SEARCH
            ),
            "occurred_on": DateInput,
            "follow_up_on": DateInput,
            "summary": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "person": _("Kies eerst de organisatie; dan staan hier haar contactpersonen."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name", "city")
        self.limit_people()


class OpportunityForm(VersionedFormMixin, PersonChoiceMixin, forms.ModelForm):
    organisation_field = "from_organisation"
    person_field = "from_person"

    class Meta:
        model = Opportunity
        fields = [
            "kind",
            "title",
            "description",
            "received_on",
            "from_organisation",
            "from_person",
            "theme",
            "status",
            "department",
            "assigned_to",
            "outcome",
        ]
        widgets = {
            "from_organisation": SearchableSelect(
                "contacts:opportunity-form-options", ORGANISATION_SEARCH
            ),
            "received_on": DateInput,
            "description": forms.Textarea(attrs={"rows": 4}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "from_person": _("Kies eerst de organisatie; dan staan hier haar contactpersonen."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_organisation"].queryset = Organisation.objects.order_by("name", "city")
        self.fields["assigned_to"].queryset = Colleague.objects.select_related("department")
        self.limit_people()


class PassOnForm(RecordNumbersMixin, forms.Form):
    colleague = forms.ModelChoiceField(
        label=_("Collega"),
        queryset=Colleague.objects.select_related("department"),
        error_messages={"required": _("Kies de collega die de kans of vraag oppakt.")},
    )
    status = forms.ChoiceField(
        label=_("Nieuwe status"),
        choices=[
            (OpportunityStatus.PASSED_ON, OpportunityStatus.PASSED_ON.label),
            (OpportunityStatus.TAKEN_UP, OpportunityStatus.TAKEN_UP.label),
        ],
        initial=OpportunityStatus.PASSED_ON,
    )


class EraseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reden"), choices=ErasureReason.choices)
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat alle gegevens van deze persoon definitief worden gewist."),
        error_messages={"required": _("Vink aan dat u de gegevens definitief wilt wissen.")},
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_("UTF-8, met kopregel; scheidingsteken puntkomma of komma."),
        error_messages={"required": _("Kies een CSV-bestand.")},
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 5 MB."))
        raw = upload.read()
        try:
            raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("Het bestand is geen UTF-8-tekst. Sla het op als 'CSV UTF-8'.")
            ) from None
        return raw

from django import forms
from django.utils.translation import gettext_lazy as _

from core.constants import Visibility
from core.forms import VersionedFormMixin
from core.select import SearchableSelect
from networks.constants import NETWORK_SEARCH
from networks.models import Effort, Network, Theme
from partnercity.models import PartnerCity

from .constants import SOURCE_LANGUAGE, DatePrecision
from .models import Event

LANGUAGE_LABELS = {"nl": _("Nederlands"), "de": _("Duits"), "en": _("Engels")}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class EventForm(VersionedFormMixin, forms.ModelForm):
    """An event with its title and text in Dutch, German and English on one page."""

    class Meta:
        model = Event
        fields = [
            "visibility",
            "slug",
            "date_precision",
            "starts_at",
            "ends_at",
            "venue",
            "address",
            "city",
            "country",
            "website",
            "network",
            "themes",
            "partner_city",
            "effort",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "themes": forms.CheckboxSelectMultiple,
            # Options on demand: agenda/options.py
            "network": SearchableSelect("agenda:event-form-options", NETWORK_SEARCH),
            "partner_city": SearchableSelect("agenda:event-form-options", ("name", "country")),
            "effort": SearchableSelect("agenda:event-form-options", ("title", "network__name")),
        }
        help_texts = {
            "starts_at": _("Datum en tijd in Nederlandse tijd. Bij 'hele dag' telt alleen de dag."),
            "ends_at": _("Mag leeg blijven."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visibility"].label = _("Status")
        self.fields["visibility"].choices = [
            (Visibility.DRAFT, _("Concept (niet openbaar)")),
            (Visibility.PUBLIC, _("Gepubliceerd in de openbare agenda")),
            (Visibility.INTERNAL, _("Intern (alleen voor ingelogde medewerkers)")),
        ]
        if not self.instance.pk:
            self.initial.setdefault("visibility", Visibility.DRAFT)
        self.fields["network"].queryset = Network.objects.order_by("name")
        self.fields["themes"].queryset = Theme.objects.all()
        self.fields["partner_city"].queryset = PartnerCity.objects.all()
        self.fields["effort"].queryset = Effort.objects.order_by("-year", "number")
        self.fields["organiser"] = forms.CharField(
            label=_("Organisator"),
            max_length=200,
            initial=self.instance.organiser_name(SOURCE_LANGUAGE) if self.instance.pk else "",
        )
        for code, label in LANGUAGE_LABELS.items():
            translation = self.instance.translation_in(code) if self.instance.pk else None
            if code != SOURCE_LANGUAGE:
                self.fields[f"organiser_{code}"] = forms.CharField(
                    label=_("Organisator (%(language)s)") % {"language": label},
                    max_length=200,
                    required=False,
                    help_text=_("Alleen als de naam in deze taal anders is."),
                    initial=translation.organiser if translation else "",
                )
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Titel (%(language)s)") % {"language": label},
                max_length=200,
                required=False,
                initial=translation.title if translation else "",
            )
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("Korte tekst (%(language)s)") % {"language": label},
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=translation.text if translation else "",
            )

    def language_fields(self):
        """The title and text fields grouped per language, for the template."""
        return [
            (code, label, self[f"title_{code}"], self[f"text_{code}"])
            for code, label in LANGUAGE_LABELS.items()
        ]

    def organiser_fields(self):
        """The organiser's name in German and English, for the template."""
        return [self[f"organiser_{code}"] for code in LANGUAGE_LABELS if code != SOURCE_LANGUAGE]

    def texts(self):
        organisers = {
            code: self.cleaned_data.get(
                "organiser" if code == SOURCE_LANGUAGE else f"organiser_{code}", ""
            )
            for code in LANGUAGE_LABELS
        }
        return {
            code: {
                "title": self.cleaned_data.get(f"title_{code}", ""),
                "text": self.cleaned_data.get(f"text_{code}", ""),
                "organiser": organisers[code],
            }
            for code in LANGUAGE_LABELS
        }

    def clean_country(self):
        country = (self.cleaned_data.get("country") or "").strip().upper()
        if country and not (country.isascii() and country.isalpha() and len(country) == 2):
            raise forms.ValidationError(
                _("Voer een landcode van twee hoofdletters in, bijvoorbeeld NL of DE.")
            )
        return country

    def clean(self):
        cleaned = super().clean()
        # A title the field refused (too long) was filled in: it is not missing.
        refused = {code for code in LANGUAGE_LABELS if f"title_{code}" in self.errors}
        for code in LANGUAGE_LABELS:
            title = cleaned.get(f"title_{code}") or ""
            if "\n" in title or "\r" in title:
                self.add_error(f"title_{code}", _("Een titel past op één regel."))
        for code in LANGUAGE_LABELS:
            own_organiser = code != SOURCE_LANGUAGE and cleaned.get(f"organiser_{code}")
            missing = not cleaned.get(f"title_{code}") and code not in refused
            if (cleaned.get(f"text_{code}") or own_organiser) and missing:
                self.add_error(f"title_{code}", _("Vul ook de titel in deze taal in."))
        if not refused and not any(cleaned.get(f"title_{code}") for code in LANGUAGE_LABELS):
            self.add_error(f"title_{SOURCE_LANGUAGE}", _("Vul ten minste de Nederlandse titel in."))
        elif (
            cleaned.get("visibility") == Visibility.PUBLIC
            and not cleaned.get("title_nl")
            and "nl" not in refused
        ):
            self.add_error(
                "title_nl", _("Een gepubliceerd evenement heeft een Nederlandse titel nodig.")
            )
        precision = cleaned.get("date_precision")
        if cleaned.get("ends_at") and precision in (DatePrecision.MONTH, DatePrecision.YEAR):
            self.add_error(
                "ends_at", _("Laat het einde leeg als alleen de maand of het jaar bekend is.")
            )
        return cleaned

    def _post_clean(self):
        # The model checks the Dutch title too; put the titles on the instance before it does,
        # and keep the message at the title field rather than twice.
        title_nl = (self.cleaned_data.get("title_nl") or "").strip()
        if title_nl:
            self.instance.set_current_language(SOURCE_LANGUAGE)
            self.instance.title = title_nl
        super()._post_clean()
        if "title_nl" in self.errors and "visibility" in self.errors:
            del self.errors["visibility"]

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedFormMixin

from .models import Mandate, Trip

DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class MandateForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Mandate
        fields = [
            "network",
            "body",
            "role",
            "holder",
            "holder_note",
            "seats",
            "starts_on",
            "ends_on",
            "period_note",
            "source",
            "visibility",
        ]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}
        error_messages = {"body": {"required": _("Vul het orgaan in.")}}


class TripForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Trip
        fields = [
            "title",
            "destination",
            "country",
            "year",
            "starts_on",
            "ends_on",
            "date_note",
            "purpose",
            "participants",
            "participants_note",
            "costs",
            "report",
            "networks",
            "efforts",
            "source",
            "visibility",
        ]
        localized_fields = ["costs"]
        widgets = {
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "report": forms.Textarea(attrs={"rows": 4}),
            "participants": forms.CheckboxSelectMultiple,
            "networks": forms.CheckboxSelectMultiple,
            "efforts": forms.SelectMultiple(attrs={"size": 8}),
        }

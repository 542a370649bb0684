from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import SinceForm, start_of
from networks.models import Network, Theme

from .timeline import Filters, kinds_for


class TimelineFilterForm(SinceForm):
    """The timeline's filters; an invalid one is reported at its field and left out."""

    soort = forms.ChoiceField(label=_("Soort"), required=False)
    thema = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Alle thema's"),
        error_messages={"invalid_choice": _("Dit thema bestaat niet.")},
    )
    netwerk = forms.ModelChoiceField(
        label=_("Netwerk"),
        queryset=Network.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle netwerken"),
        error_messages={"invalid_choice": _("Dit netwerk bestaat niet of is niet openbaar.")},
    )

    field_order = ["soort", "thema", "netwerk", "sinds"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = kinds_for(user)
        self.fields["soort"].choices = [("", _("Alle soorten"))] + [
            (key, label) for key, label in kinds.items()
        ]
        self.fields["soort"].error_messages["invalid_choice"] = _("Deze soort bestaat niet.")
        self.fields["netwerk"].queryset = Network.objects.visible_to(user)
        for field in self.fields.values():
            css = "form-control" if isinstance(field, forms.DateField) else "form-select"
            field.widget.attrs.setdefault("class", css)

    def filters(self):
        """The valid filters; an invalid field is ignored, the others still apply."""
        if not self.is_bound:
            return Filters()
        self.is_valid()
        data = self.cleaned_data
        day = data.get("sinds")
        return Filters(
            kinds=[data["soort"]] if data.get("soort") else None,
            since=start_of(day) if day else None,
            theme=data.get("thema"),
            network=data.get("netwerk"),
        )

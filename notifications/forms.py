from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.forms import RecordNumbersMixin, SinceForm, start_of
from networks.models import Network, Theme
from proposals.models import Proposal

from .constants import PUBLIC_TOPICS, Frequency, Topic
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


class SubscriptionForm(RecordNumbersMixin, forms.Form):
    """What a signed-in user follows: only what they may see."""

    topic = forms.ChoiceField(label=_("Wat wilt u volgen?"), choices=Topic.choices)
    theme = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.all(),
        required=False,
        error_messages={"invalid_choice": _("Dit thema bestaat niet.")},
    )
    network = forms.ModelChoiceField(
        label=_("Netwerk"),
        queryset=Network.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Dit netwerk bestaat niet of u mag het niet zien.")},
    )
    proposal = forms.ModelChoiceField(
        label=_("Voorstel"),
        queryset=Proposal.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Dit voorstel bestaat niet of u mag het niet zien.")},
    )
    frequency = forms.ChoiceField(
        label=_("Hoe vaak?"), choices=Frequency.choices, initial=Frequency.WEEKLY
    )

    TARGETS = {Topic.THEME: "theme", Topic.NETWORK: "network", Topic.PROPOSAL: "proposal"}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["network"].queryset = Network.objects.visible_to(user)
        self.fields["proposal"].queryset = Proposal.objects.visible_to(user).select_related(
            "council_proposal"
        )
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select")

    def clean(self):
        data = super().clean()
        topic = data.get("topic")
        wanted = self.TARGETS.get(topic)
        for name in self.TARGETS.values():
            if name == wanted:
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Kies wat u wilt volgen."))
            else:
                data[name] = None
        if self.user is not None and not self.user.email:
            raise forms.ValidationError(
                _("Uw account heeft geen e-mailadres; vraag de beheerder er een in te vullen.")
            )
        return data


class PublicSubscriptionForm(RecordNumbersMixin, forms.Form):
    """The agenda or the public timeline by e-mail, confirmed by a link (double opt-in)."""

    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        },
    )
    topic = forms.ChoiceField(
        label=_("Wat wilt u ontvangen?"),
        choices=[(topic.value, topic.label) for topic in PUBLIC_TOPICS],
        widget=forms.RadioSelect,
        initial=Topic.AGENDA,
    )
    frequency = forms.ChoiceField(
        label=_("Hoe vaak?"),
        choices=[(f.value, f.label) for f in (Frequency.DAILY, Frequency.WEEKLY)],
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Taal van de berichten"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )

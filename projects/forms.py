from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from budget.forms import AmountField
from core.forms import VersionedFormMixin
from core.municipality import current_municipality

from .models import NOT_NEGATIVE, Project

DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def money(label):
    return AmountField(
        label=label,
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0"),
        error_messages={
            "invalid": _("Vul een bedrag in cijfers in, bijvoorbeeld 250000 of 250.000,50."),
            "min_value": NOT_NEGATIVE,
        },
    )


class ProjectForm(VersionedFormMixin, forms.ModelForm):
    total_budget = money(_("Totale begroting (€)"))
    eu_contribution = money(_("EU-bijdrage (€)"))
    co_financing = money(_("Cofinanciering (€)"))

    class Meta:
        model = Project
        fields = [
            "title",
            "acronym",
            "year",
            "programme",
            "call",
            "role",
            "status",
            "description",
            "partners",
            "total_budget",
            "eu_contribution",
            "co_financing",
            "start_date",
            "end_date",
            "deadline",
            "deadline_note",
            "efforts",
            "networks",
            "themes",
            "source",
            "visibility",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "deadline": DATE_INPUT,
            "partners": forms.SelectMultiple(attrs={"size": 8}),
            "efforts": forms.SelectMultiple(attrs={"size": 8}),
            "networks": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "year": {"required": _("Vul het jaar in."), "invalid": _("Vul een jaartal in.")},
            "programme": {"required": _("Kies een programma.")},
            "title": {"required": _("Vul de titel in.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name = current_municipality().name
        self.fields["role"].label = _("Rol van %(name)s") % {"name": name}
        self.fields["co_financing"].help_text = _("Wat %(name)s en de partners zelf bijdragen.") % {
            "name": name
        }
        self.fields["efforts"].queryset = self.fields["efforts"].queryset.order_by(
            "-year", "number"
        )

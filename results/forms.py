from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from budget.forms import AmountField
from core.forms import RecordNumbersMixin, VersionedFormMixin
from networks.models import Effort

from .models import NOT_NEGATIVE, EffortResult, WorkPlan

DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class EffortResultForm(VersionedFormMixin, forms.ModelForm):
    money_spent = AmountField(
        label=_("Besteed bedrag (€)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        help_text=_("Leeg laten als het niet bekend is."),
        error_messages={
            "invalid": _("Vul een bedrag in cijfers in, bijvoorbeeld 1500 of 1.500,50."),
            "min_value": NOT_NEGATIVE,
        },
    )

    class Meta:
        model = EffortResult
        fields = [
            "status",
            "status_date",
            "summary",
            "hours_spent",
            "money_spent",
            "evaluation",
            "eu_project",
            "event",
            "organisation",
        ]
        localized_fields = ["hours_spent"]
        widgets = {
            "status_date": DATE_INPUT,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "evaluation": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "status_date": {
                "required": _("Vul de datum in vanaf wanneer deze status geldt."),
                "invalid": _("Vul een geldige datum in."),
            },
            "hours_spent": {"min_value": NOT_NEGATIVE, "invalid": _("Vul een aantal uren in.")},
        }


def already_carried(year, efforts):
    """Refuse efforts that the plan of that year already carries over."""
    already = Effort.objects.filter(year=year, carried_over_from__in=efforts).select_related(
        "carried_over_from"
    )
    names = [str(effort.carried_over_from) for effort in already]
    if names:
        raise forms.ValidationError(
            _(
                "Al in het werkplan %(year)s: %(efforts)s. Kies alleen inspanningen die er nog "
                "niet in staan."
            )
            % {"year": year, "efforts": "; ".join(names)}
        )


class PlanYearField(forms.IntegerField):
    def __init__(self, **kwargs):
        message = _("Het jaar moet tussen 2000 en 2100 liggen.")
        super().__init__(
            min_value=2000,
            max_value=2100,
            error_messages={
                "required": _("Vul het jaar in."),
                "invalid": _("Vul een jaartal in, bijvoorbeeld 2019."),
                "min_value": message,
                "max_value": message,
            },
            **kwargs,
        )


class EffortChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number}. {obj.title}"


class WorkPlanForm(VersionedFormMixin, forms.ModelForm):
    """A new plan, optionally starting from the efforts of the year before."""

    year = PlanYearField(label=_("Jaar"))
    carry_over = EffortChoices(
        label=_("Overnemen uit het vorige werkplan"),
        queryset=Effort.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Gekozen inspanningen komen in het nieuwe plan, met een verwijzing naar vorig jaar."
        ),
    )

    class Meta:
        model = WorkPlan
        fields = ["year", "title", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, previous_year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _(
            "Leeg laten voor 'Internationale inspanningen' met het jaartal."
        )
        if previous_year is not None:
            self.fields["carry_over"].queryset = Effort.objects.filter(year=previous_year)
        else:
            del self.fields["carry_over"]

    def clean_title(self):
        return self.cleaned_data.get("title") or ""

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        carried = cleaned.get("carry_over")
        if year and carried:
            try:
                already_carried(year, carried)
            except forms.ValidationError as error:
                self.add_error("carry_over", error)
        if year and not cleaned.get("title"):
            cleaned["title"] = str(WorkPlan.default_title(year))
            self.instance.title = cleaned["title"]
        return cleaned


class CarryOverForm(RecordNumbersMixin, forms.Form):
    """Carry efforts of an earlier year into a plan; an effort comes over once."""

    efforts = EffortChoices(
        label=_("Inspanningen om over te nemen"),
        queryset=Effort.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één inspanning.")},
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["efforts"].queryset = Effort.objects.filter(year__lt=plan.year).order_by(
            "-year", "number"
        )

    def clean_efforts(self):
        efforts = self.cleaned_data["efforts"]
        already_carried(self.plan.year, efforts)
        return efforts


class WorkPlanEditForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = WorkPlan
        fields = ["title", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}


class AdoptPlanForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = WorkPlan
        fields = ["adopted_on"]
        widgets = {"adopted_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopted_on"].required = True
        self.fields["adopted_on"].error_messages["required"] = _(
            "Vul de datum in waarop het college het werkplan vaststelde."
        )


class EffortForm(VersionedFormMixin, forms.ModelForm):
    """An effort of a plan being drafted; the year and number come from the plan."""

    class Meta:
        model = Effort
        fields = [
            "title",
            "description",
            "expected_yield",
            "yield_kinds",
            "lead",
            "network",
            "forum",
            "themes",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "yield_kinds": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
        }

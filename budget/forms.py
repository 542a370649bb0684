from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.forms import VersionedFormMixin
from core.params import parse_id
from core.select import SearchableSelect
from networks.constants import NETWORK_SEARCH
from proposals.models import Proposal

from .constants import PROPOSAL_LABEL_FIELDS
from .models import (
    FIRST_YEAR,
    LAST_YEAR,
    BudgetLine,
    BudgetProduct,
    ProductBudget,
    SavingsTarget,
    Scenario,
    ScenarioChange,
    StaffPosition,
)
from .widgets import actual_too_early, parse_amount

NEGATIVE = _("Een bedrag kan niet negatief zijn.")
YEAR_RANGE = _("Het jaar moet tussen %(first)s en %(last)s liggen.") % {
    "first": FIRST_YEAR,
    "last": LAST_YEAR,
}
YEAR_MISSING = _("Vul het jaar in.")


def year_field(label, required=True, help_text=""):
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=help_text,
        error_messages={
            "required": YEAR_MISSING,
            "invalid": _("Vul een jaartal in, bijvoorbeeld 2019."),
            "min_value": YEAR_RANGE,
            "max_value": YEAR_RANGE,
        },
    )


class AmountField(forms.DecimalField):
    """An amount as people type it: 23500, 23500,50, 23.500,50 or € 23.500."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_amount(value)
        except InvalidOperation as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc


def amount_field(label, help_text=""):
    return AmountField(
        label=label,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        help_text=help_text,
        error_messages={
            "required": _("Vul een bedrag in."),
            "invalid": _("Vul een bedrag in cijfers in, bijvoorbeeld 23500 of 23.500,50."),
            "min_value": NEGATIVE,
            "max_decimal_places": _("Een bedrag heeft hoogstens twee cijfers achter de komma."),
            "max_digits": _("Dit bedrag is te groot."),
            "max_whole_digits": _("Dit bedrag is te groot."),
        },
    )


PROPOSAL_SEARCH = ("title", "council_proposal__case_number")


class ProposalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.council_proposal.case_number} – {obj.number}. {obj.title}"


PRODUCT_SEARCH = ("name", "code")
CITY_SEARCH = ("name", "country")


class BudgetLineForm(VersionedFormMixin, forms.ModelForm):
    year = year_field(_("Jaar"))
    amount = amount_field(_("Bedrag"))
    actual = amount_field(
        _("Gerealiseerd"),
        help_text=_("Wat er in het jaar werkelijk is uitgegeven; leeg zolang het niet bekend is."),
    )
    proposal = ProposalChoiceField(
        queryset=Proposal.objects.select_related("council_proposal").only(*PROPOSAL_LABEL_FIELDS),
        required=False,
        label=_("Voorstel"),
        widget=SearchableSelect("budget:line-options", PROPOSAL_SEARCH),
    )

    class Meta:
        model = BudgetLine
        fields = [
            "product",
            "year",
            "name",
            "category",
            "recurrence",
            "amount",
            "basis",
            "network",
            "proposal",
            "partner_city",
            "note",
            "actual",
        ]
        widgets = {
            "note": forms.Textarea(attrs={"rows": 3}),
            # Options on demand: budget/options.py
            "product": SearchableSelect("budget:line-options", PRODUCT_SEARCH),
            "network": SearchableSelect("budget:line-options", NETWORK_SEARCH),
            "partner_city": SearchableSelect("budget:line-options", CITY_SEARCH),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actual"].required = False
        # The choices read only their names: 50 options per select, each a model instance.
        for name in ("product", "network", "partner_city"):
            field = self.fields[name]
            field.queryset = field.queryset.only("name")

    def clean(self):
        cleaned = super().clean()
        early = actual_too_early(cleaned.get("year"), cleaned.get("actual"))
        if early:
            self.add_error("actual", early)
        if "actual" in self.changed_data:
            self.instance.actual_is_example = False  # a real figure replaces a demo one
        return cleaned


class ProductBudgetForm(VersionedFormMixin, forms.ModelForm):
    year = year_field(_("Jaar"))
    amount = amount_field(_("Bedrag"))

    class Meta:
        model = ProductBudget
        fields = ["product", "year", "amount", "source", "basis"]


class StaffPositionForm(VersionedFormMixin, forms.ModelForm):
    fte = forms.DecimalField(
        label=_("Omvang (fte)"),
        max_digits=3,
        decimal_places=2,
        localize=True,
        help_text=_("Groter dan 0 en hoogstens 1, bijvoorbeeld 0,5."),
        error_messages={
            "required": _("Vul de omvang in fte in."),
            "invalid": _("Vul de omvang in cijfers in, bijvoorbeeld 0,5."),
            "max_digits": _("De omvang moet groter dan 0 en hoogstens 1 fte zijn."),
            "max_decimal_places": _("De omvang heeft hoogstens twee cijfers achter de komma."),
        },
    )
    yearly_cost = amount_field(_("Jaarlijkse kosten"))
    start_year = year_field(_("Vanaf jaar"))
    proposal = ProposalChoiceField(
        queryset=Proposal.objects.select_related("council_proposal"),
        label=_("Voorstel"),
        widget=SearchableSelect("budget:position-options", PROPOSAL_SEARCH),
    )

    class Meta:
        model = StaffPosition
        fields = [
            "title",
            "fte",
            "yearly_cost",
            "recurrence",
            "start_year",
            "is_indicative",
            "indicative_note",
            "proposal",
        ]


class SavingsTargetForm(VersionedFormMixin, forms.ModelForm):
    amount = amount_field(_("Bedrag"))
    withdrawn_from_year = year_field(_("Ingetrokken vanaf"), required=False)
    effective_from_year = year_field(
        _("Ingevuld in de begroting vanaf"),
        required=False,
        help_text=_("Het eerste jaar waarin de bezuiniging het budget verlaagt."),
    )

    class Meta:
        model = SavingsTarget
        fields = [
            "name",
            "amount",
            "savings_round",
            "status",
            "effective_from_year",
            "withdrawn_from_year",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class ScenarioForm(VersionedFormMixin, forms.ModelForm):
    withdraw_targets_from_year = year_field(
        _("Taakstelling ingetrokken vanaf"),
        required=False,
        help_text=_("Leeg: de taakstelling blijft staan."),
    )

    class Meta:
        model = Scenario
        fields = ["name", "description", "withdraw_targets_from_year", "visibility"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        slug = slugify(name)
        if not slug:
            raise ValidationError(_("Gebruik letters of cijfers in de naam."))
        clash = Scenario.objects.filter(slug=slug).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("Er is al een scenario met deze naam."))
        return name

    def save(self, commit=True):
        self.instance.slug = slugify(self.cleaned_data["name"])
        return super().save(commit)


def change_targets():
    """The choices of a scenario change: each line (by product and name), each position."""
    lines = (
        BudgetLine.objects.order_by("product__name", "name")
        .values_list("product_id", "product__name", "name")
        .distinct()
    )
    positions = StaffPosition.objects.order_by("title")
    return [
        (
            _("Begrotingsregels"),
            [
                (f"regel:{product}:{name}", f"{product_name} – {name}")
                for product, product_name, name in lines
            ],
        ),
        (_("Functies"), [(f"functie:{p.pk}", str(p)) for p in positions]),
    ]


class ScenarioChangeForm(VersionedFormMixin, forms.ModelForm):
    target = forms.CharField(
        label=_("Begrotingsregel of functie"),
        widget=forms.Select,
        error_messages={"required": _("Kies een begrotingsregel of functie.")},
    )
    from_year = year_field(_("Vanaf jaar"))
    amount = amount_field(_("Nieuw bedrag per jaar"), help_text=_("0 schrapt de regel."))

    class Meta:
        model = ScenarioChange
        fields = ["from_year", "amount"]

    def __init__(self, *args, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].widget.choices = [("", "---------"), *(targets or [])]
        if self.instance.pk:
            if self.instance.position_id:
                self.initial["target"] = f"functie:{self.instance.position_id}"
            else:
                self.initial["target"] = (
                    f"regel:{self.instance.product_id}:{self.instance.line_name}"
                )

    def clean_target(self):
        value = self.cleaned_data["target"]
        kind, _sep, rest = value.partition(":")
        if kind == "functie":
            position_id = parse_id(rest)
            position = StaffPosition.objects.filter(pk=position_id).first() if position_id else None
            if position is None:
                raise ValidationError(_("Deze functie bestaat niet."))
            return ("position", position)
        if kind == "regel":
            product_id, _sep, name = rest.partition(":")
            product_id = parse_id(product_id)
            product = BudgetProduct.objects.filter(pk=product_id).first() if product_id else None
            if product is None or not name:
                raise ValidationError(_("Deze begrotingsregel bestaat niet."))
            return ("line", product, name)
        raise ValidationError(_("Kies een begrotingsregel of functie uit de lijst."))

    def clean(self):
        cleaned = super().clean()
        target, year = cleaned.get("target"), cleaned.get("from_year")
        if target and target[0] == "line" and year:
            _kind, product, name = target
            if not BudgetLine.objects.filter(product=product, name=name, year__gte=year).exists():
                self.add_error(
                    "target",
                    _("Er is geen begrotingsregel ‘%(name)s’ in %(year)s of later.")
                    % {"name": name, "year": year},
                )
        return cleaned

    def _post_clean(self):
        target = self.cleaned_data.get("target")
        if not target:
            return  # the form already says what is wrong; the model has nothing to check yet
        if target[0] == "position":
            self.instance.position = target[1]
            self.instance.product, self.instance.line_name = None, ""
        else:
            self.instance.position = None
            self.instance.product, self.instance.line_name = target[1], target[2]
        super()._post_clean()


class BaseScenarioChangeFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        self.targets = change_targets()
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["targets"] = self.targets
        return kwargs

    def clean(self):
        super().clean()
        seen = {}
        for index, form in enumerate(self.forms, start=1):
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            target, year = form.cleaned_data.get("target"), form.cleaned_data.get("from_year")
            if not target or not year:
                continue
            key = (target[0], *(getattr(item, "pk", item) for item in target[1:]), year)
            if key in seen:
                form.add_error(
                    "from_year",
                    _("Wijziging %(first)s gaat al over deze regel vanaf dit jaar.")
                    % {"first": seen[key]},
                )
            else:
                seen[key] = index


ScenarioChangeFormSet = forms.inlineformset_factory(
    Scenario,
    ScenarioChange,
    form=ScenarioChangeForm,
    formset=BaseScenarioChangeFormSet,
    fields=["from_year", "amount"],
    extra=3,
    can_delete=True,
)

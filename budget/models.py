from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .constants import FigureKind, LineCategory, Recurrence, TargetStatus

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


def not_negative(field, name):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 0}),
        name=name,
        violation_error_message=_("Een bedrag kan niet negatief zijn."),
    )


def year_in_range(field, name):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 2000}) & Q(**{f"{field}__lte": 2100}),
        name=name,
        violation_error_message=_("Het jaar moet tussen 2000 en 2100 liggen."),
    )


class BudgetProduct(models.Model):
    """A product of the municipal budget, such as 'strategische lobby'."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=150, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("begrotingsproduct")
        verbose_name_plural = _("begrotingsproducten")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("budget:overview")


class ProductBudget(models.Model):
    """The amount available for a budget product in one year."""

    product = models.ForeignKey(
        BudgetProduct,
        on_delete=models.CASCADE,
        related_name="yearly_budgets",
        verbose_name=_("product"),
    )
    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR_VALIDATORS)
    amount = models.DecimalField(_("bedrag"), **MONEY)
    source = models.CharField(
        _("bron"), max_length=200, blank=True, help_text=_("Bijvoorbeeld 'beleidsbegroting 2017'.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["product", "year"]
        verbose_name = _("productbudget")
        verbose_name_plural = _("productbudgetten")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "year"],
                name="productbudget_unique_year",
                violation_error_message=_("Dit product heeft al een budget voor dit jaar."),
            ),
            not_negative("amount", "productbudget_amount_not_negative"),
            year_in_range("year", "productbudget_year_in_range"),
        ]

    def __str__(self):
        return f"{self.product} {self.year}"


class BudgetLineQuerySet(models.QuerySet):
    def for_year(self, year):
        return self.filter(year=year)

    def total(self):
        return self.aggregate(total=Sum("amount"))["total"] or Decimal("0")


class BudgetLine(models.Model):
    """A line inside a budget product, linked to what it pays for."""

    product = models.ForeignKey(
        BudgetProduct, on_delete=models.PROTECT, related_name="lines", verbose_name=_("product")
    )
    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR_VALIDATORS)
    name = models.CharField(_("omschrijving"), max_length=200)
    category = models.CharField(_("categorie"), max_length=15, choices=LineCategory.choices)
    recurrence = models.CharField(
        _("structureel of incidenteel"), max_length=12, choices=Recurrence.choices
    )
    amount = models.DecimalField(_("bedrag"), **MONEY)
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("netwerk"),
    )
    proposal = models.ForeignKey(
        "proposals.Proposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("voorstel"),
    )
    partner_city = models.ForeignKey(
        "partnercity.PartnerCity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("partnerstad"),
    )
    note = models.TextField(_("toelichting"), blank=True)

    history = HistoricalRecords()
    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        ordering = ["year", "product", "category", "name"]
        verbose_name = _("begrotingsregel")
        verbose_name_plural = _("begrotingsregels")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "year", "name"],
                name="budgetline_unique_per_product_year",
                violation_error_message=_(
                    "Dit product heeft in dit jaar al een regel met deze omschrijving."
                ),
            ),
            not_negative("amount", "budgetline_amount_not_negative"),
            year_in_range("year", "budgetline_year_in_range"),
        ]

    def __str__(self):
        return f"{self.name} ({self.year})"


class StaffPosition(models.Model):
    """A position the proposals create, with its size in fte and its yearly cost."""

    title = models.CharField(_("functie"), max_length=150, unique=True)
    fte = models.DecimalField(
        _("fte"),
        max_digits=3,
        decimal_places=2,
        help_text=_("Groter dan 0 en hoogstens 1."),
    )
    yearly_cost = models.DecimalField(_("jaarlijkse kosten"), **MONEY)
    recurrence = models.CharField(
        _("structureel of incidenteel"), max_length=12, choices=Recurrence.choices
    )
    start_year = models.PositiveSmallIntegerField(_("vanaf jaar"), validators=YEAR_VALIDATORS)
    is_indicative = models.BooleanField(
        _("indicatief"),
        default=False,
        help_text=_("Het bedrag is voorlopig, bijvoorbeeld tot de FIR-procedure is afgerond."),
    )
    indicative_note = models.CharField(_("toelichting"), max_length=250, blank=True)
    proposal = models.ForeignKey(
        "proposals.Proposal",
        on_delete=models.PROTECT,
        related_name="staff_positions",
        verbose_name=_("voorstel"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("functie")
        verbose_name_plural = _("functies")
        constraints = [
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=1),
                name="staffposition_fte_range",
                violation_error_message=_("De omvang moet groter dan 0 en hoogstens 1 fte zijn."),
            ),
            not_negative("yearly_cost", "staffposition_cost_not_negative"),
            year_in_range("start_year", "staffposition_start_year_in_range"),
        ]

    def __str__(self):
        return f"{self.title} ({self.fte} fte)"

    def clean(self):
        super().clean()
        if isinstance(self.fte, Decimal) and not (Decimal("0") < self.fte <= Decimal("1")):
            raise ValidationError(
                {"fte": _("De omvang moet groter dan 0 en hoogstens 1 fte zijn.")}
            )


class SavingsTarget(models.Model):
    """A savings target ('taakstelling') resting on a budget."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    amount = models.DecimalField(_("bedrag"), **MONEY)
    savings_round = models.CharField(_("bezuinigingsronde"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=25, choices=TargetStatus.choices)
    withdrawn_from_year = models.PositiveSmallIntegerField(
        _("ingetrokken vanaf"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Het jaar vanaf wanneer de taakstelling is of wordt ingetrokken."),
    )
    products = models.ManyToManyField(
        BudgetProduct, verbose_name=_("producten"), blank=True, related_name="savings_targets"
    )
    note = models.TextField(_("toelichting"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("taakstelling")
        verbose_name_plural = _("taakstellingen")
        constraints = [
            not_negative("amount", "savingstarget_amount_not_negative"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.status == TargetStatus.WITHDRAWN and not self.withdrawn_from_year:
            raise ValidationError(
                {"withdrawn_from_year": _("Vul in vanaf welk jaar de taakstelling vervalt.")}
            )


class RecordedFigure(models.Model):
    """A result figure as the council proposal states it, to check against the stored lines."""

    kind = models.CharField(_("soort"), max_length=25, choices=FigureKind.choices)
    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR_VALIDATORS)
    amount = models.DecimalField(_("bedrag"), **MONEY)
    source = models.CharField(_("bron"), max_length=200)
    note = models.TextField(_("toelichting"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "kind"]
        verbose_name = _("vastgelegd bedrag")
        verbose_name_plural = _("vastgelegde bedragen")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year"],
                name="recordedfigure_unique_kind_year",
                violation_error_message=_("Dit bedrag is voor dit jaar al vastgelegd."),
            ),
            not_negative("amount", "recordedfigure_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}"

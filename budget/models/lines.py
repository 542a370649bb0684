from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..constants import (
    Basis,
    FigureKind,
    LineCategory,
    Recurrence,
    TargetStatus,
)

FIRST_YEAR, LAST_YEAR = 2000, 2100
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
# A full-time week under the municipal collective agreement (cao Gemeenten): 36 hours.
HOURS_PER_FTE = Decimal("36")
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
    basis = models.CharField(
        _("herkomst"),
        max_length=15,
        choices=Basis.choices,
        default=Basis.BUDGET,
        help_text=_("Vastgestelde begroting, het raadsvoorstel, afgeleid, of meerjarenplanning."),
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

    def get_absolute_url(self):
        return reverse("budget:productbudget-update", kwargs={"pk": self.pk})

    def is_planning(self):
        """Say whether the amount is a continuation rather than an adopted or stated figure."""
        return self.basis == Basis.PLANNING


class BudgetLineQuerySet(models.QuerySet):
    def for_year(self, year):
        return self.filter(year=year)

    def with_links(self):
        """Fetch what every line pays for in the same query, for pages that link to it."""
        return self.select_related(
            "product", "network", "partner_city", "proposal__council_proposal"
        )

    def staff(self):
        return self.filter(category=LineCategory.STAFF)

    def non_staff(self):
        return self.exclude(category=LineCategory.STAFF)

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
    basis = models.CharField(
        _("herkomst"),
        max_length=15,
        choices=Basis.choices,
        default=Basis.BUDGET,
        help_text=_("Vastgestelde begroting, het raadsvoorstel, afgeleid, of meerjarenplanning."),
    )
    actual = models.DecimalField(
        _("gerealiseerd"),
        null=True,
        blank=True,
        help_text=_("Wat er in het jaar werkelijk is uitgegeven; leeg zolang het niet bekend is."),
        **MONEY,
    )
    actual_is_example = models.BooleanField(
        _("realisatie is een voorbeeld"), default=False, editable=False
    )

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
            not_negative("actual", "budgetline_actual_not_negative"),
            year_in_range("year", "budgetline_year_in_range"),
        ]

    def __str__(self):
        return f"{self.name} ({self.year})"

    def get_absolute_url(self):
        return reverse("budget:line-detail", kwargs={"pk": self.pk})

    @property
    def difference(self):
        """Realised minus budgeted (negative: underspent), or None while nothing is realised."""
        return None if self.actual is None else self.actual - self.amount

    @property
    def paid_for(self):
        """The most specific record this line pays for: a proposal, a partner city, a network."""
        return self.proposal or self.partner_city or self.network

    def is_planning(self):
        """Say whether the amount is a continuation rather than an adopted or stated figure."""
        return self.basis == Basis.PLANNING

    def is_one_off(self):
        """Say whether the line is a one-off ('incidenteel') amount."""
        return self.recurrence == Recurrence.ONE_OFF


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

    def get_absolute_url(self):
        return reverse("budget:position-update", kwargs={"pk": self.pk})

    def is_active_in(self, year):
        """Say whether the position costs money in the given year."""
        if self.recurrence == Recurrence.ONE_OFF:
            return year == self.start_year
        return year >= self.start_year

    @property
    def hours_per_week(self):
        return (self.fte * HOURS_PER_FTE).quantize(Decimal("0.1"))

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
    effective_from_year = models.PositiveSmallIntegerField(
        _("ingevuld in de begroting vanaf"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_(
            "Het eerste jaar waarin de bezuiniging het budget verlaagt als ze blijft staan. "
            "Leeg: in elk jaar."
        ),
    )
    council_proposal = models.ForeignKey(
        "proposals.CouncilProposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="savings_targets",
        verbose_name=_("raadsvoorstel"),
        help_text=_("Het raadsvoorstel dat over deze taakstelling gaat."),
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

    def get_absolute_url(self):
        return reverse("budget:target-update", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.status == TargetStatus.WITHDRAWN and not self.withdrawn_from_year:
            raise ValidationError(
                {"withdrawn_from_year": _("Vul in vanaf welk jaar de taakstelling vervalt.")}
            )

    def cuts_in(self, year, withdrawn_from=None):
        """Say whether the target lowers the budget in the year, if withdrawn from that year on."""
        if self.status == TargetStatus.REALISED:
            return False
        if self.effective_from_year and year < self.effective_from_year:
            return False
        return withdrawn_from is None or year < withdrawn_from


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

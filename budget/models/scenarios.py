"""What-if scenarios of the finance department, kept apart from the real budget."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.constants import Visibility
from core.models import VisibilityModel, VisibilityQuerySet, VisibleThroughParentQuerySet

from .lines import (
    MONEY,
    YEAR_VALIDATORS,
    BudgetLine,
    BudgetProduct,
    StaffPosition,
    not_negative,
    year_in_range,
)


class ScenarioQuerySet(VisibilityQuerySet):
    def with_changes(self):
        return self.prefetch_related(
            models.Prefetch(
                "changes",
                queryset=ScenarioChange.objects.select_related("product", "position"),
            )
        )


class Scenario(VisibilityModel):
    """A what-if of the finance department: the real budget with some lines changed."""

    name = models.CharField(_("naam"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    withdraw_targets_from_year = models.PositiveSmallIntegerField(
        _("taakstelling ingetrokken vanaf"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Leeg: de taakstelling blijft staan."),
    )
    visibility = models.CharField(
        _("zichtbaarheid"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.INTERNAL,
        help_text=_("Concept en intern zijn alleen zichtbaar voor ingelogde gebruikers."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_scenarios",
        verbose_name=_("gemaakt door"),
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ScenarioQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenario's")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("budget:scenario-detail", kwargs={"slug": self.slug})


class ScenarioChangeQuerySet(VisibleThroughParentQuerySet):
    """The changes of the scenarios the user may see."""

    visible_through = "scenario"


class ScenarioChange(models.Model):
    """In a scenario, a budget line or a position costs a different amount from a year on."""

    scenario = models.ForeignKey(
        Scenario, on_delete=models.CASCADE, related_name="changes", verbose_name=_("scenario")
    )
    product = models.ForeignKey(
        BudgetProduct,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("product"),
    )
    line_name = models.CharField(
        _("begrotingsregel"),
        max_length=200,
        blank=True,
        help_text=_("De omschrijving van de regel, zoals in de begroting."),
    )
    position = models.ForeignKey(
        StaffPosition,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("functie"),
    )
    from_year = models.PositiveSmallIntegerField(_("vanaf jaar"), validators=YEAR_VALIDATORS)
    amount = models.DecimalField(
        _("nieuw bedrag per jaar"), **MONEY, help_text=_("0 schrapt de regel vanaf dat jaar.")
    )

    history = HistoricalRecords()
    objects = ScenarioChangeQuerySet.as_manager()

    class Meta:
        ordering = ["scenario", "from_year", "line_name"]
        verbose_name = _("scenariowijziging")
        verbose_name_plural = _("scenariowijzigingen")
        constraints = [
            models.CheckConstraint(
                condition=(Q(position__isnull=True, product__isnull=False) & ~Q(line_name=""))
                | (Q(position__isnull=False, product__isnull=True) & Q(line_name="")),
                name="scenariochange_one_target",
                violation_error_message=_("Kies een begrotingsregel of een functie, niet beide."),
            ),
            models.UniqueConstraint(
                fields=["scenario", "product", "line_name", "from_year"],
                condition=Q(position__isnull=True),
                name="scenariochange_unique_line_year",
                violation_error_message=_(
                    "Deze regel heeft in dit scenario al een wijziging vanaf dit jaar."
                ),
            ),
            models.UniqueConstraint(
                fields=["scenario", "position", "from_year"],
                condition=Q(position__isnull=False),
                name="scenariochange_unique_position_year",
                violation_error_message=_(
                    "Deze functie heeft in dit scenario al een wijziging vanaf dit jaar."
                ),
            ),
            not_negative("amount", "scenariochange_amount_not_negative"),
            year_in_range("from_year", "scenariochange_year_in_range"),
        ]

    def __str__(self):
        return f"{self.target_label}: {self.amount} vanaf {self.from_year}"

    @property
    def target_label(self):
        if self.position_id:
            return str(self.position)
        return f"{self.product} – {self.line_name}" if self.product_id else self.line_name

    def clean(self):
        super().clean()
        if self.position_id is None and not (self.product_id and self.line_name):
            raise ValidationError(_("Kies een begrotingsregel of een functie."))
        if self.position_id and (self.product_id or self.line_name):
            raise ValidationError(_("Kies een begrotingsregel of een functie, niet beide."))
        if self.position_id is None and self.from_year:
            exists = BudgetLine.objects.filter(
                product_id=self.product_id, name=self.line_name, year__gte=self.from_year
            ).exists()
            if not exists:
                raise ValidationError(
                    {
                        "line_name": _(
                            "Er is geen begrotingsregel '%(name)s' in %(year)s of later."
                        )
                        % {"name": self.line_name, "year": self.from_year}
                    }
                )

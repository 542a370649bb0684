"""EU projects and grants: the programme (with its period), the municipality's role, money."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import (
    ConstraintErrorsAtFieldMixin,
    VisibilityModel,
    VisibilityQuerySet,
    ends_after_start,
)

from .constants import MunicipalityRole, ProjectStatus

NOT_NEGATIVE = _("Een bedrag kan niet negatief zijn.")
YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class Programme(ConstraintErrorsAtFieldMixin, models.Model):
    """An EU funding programme of one period, such as Interreg VI A Deutschland-Nederland."""

    name = models.CharField(_("naam"), max_length=150, unique=True)
    family = models.ForeignKey(
        "contacts.GrantProgramme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="periods",
        verbose_name=_("programmafamilie"),
        help_text=_("Het programma in het contactregister, met de collega's die het kennen."),
    )
    first_year = models.PositiveSmallIntegerField(_("eerste jaar"), validators=YEAR_VALIDATORS)
    last_year = models.PositiveSmallIntegerField(_("laatste jaar"), validators=YEAR_VALIDATORS)
    website = models.URLField(_("website"), blank=True)

    constraint_error_fields = {"period_out_of_order": "last_year"}

    class Meta:
        ordering = ["name"]
        verbose_name = _("programma")
        verbose_name_plural = _("programma's")
        constraints = [
            models.CheckConstraint(
                condition=Q(first_year__lte=F("last_year")),
                name="programme_period_in_order",
                violation_error_code="period_out_of_order",
                violation_error_message=_("Het eerste jaar ligt na het laatste jaar."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.first_year}–{self.last_year})"

    def covers(self, year):
        """Say whether the programme ran in that year."""
        return self.first_year <= year <= self.last_year


class ProjectQuerySet(VisibilityQuerySet):
    def with_relations(self):
        return self.select_related("programme").prefetch_related("partners")

    def upcoming_deadlines(self, today):
        """Projects with a deadline from today on, the nearest first."""
        return self.filter(deadline__gte=today).order_by("deadline", "title")


class Project(ConstraintErrorsAtFieldMixin, VisibilityModel):
    """An EU project or grant that the municipality applies for, leads or takes part in."""

    title = models.CharField(_("titel"), max_length=250)
    acronym = models.CharField(_("afkorting"), max_length=40, blank=True)
    year = models.PositiveSmallIntegerField(
        _("jaar"),
        validators=YEAR_VALIDATORS,
        help_text=_("Het jaar van de aanvraag of de start; het programma moet dan bestaan."),
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="projects", verbose_name=_("programma")
    )
    call = models.CharField(_("oproep"), max_length=200, blank=True)
    role = models.CharField(
        _("rol van de gemeente"),
        max_length=20,
        choices=MunicipalityRole.choices,
        blank=True,
        help_text=_("Leeg als de rol nog niet vaststaat."),
    )
    status = models.CharField(
        _("status"), max_length=15, choices=ProjectStatus.choices, default=ProjectStatus.IDEA
    )
    description = models.TextField(_("omschrijving"), blank=True)
    partners = models.ManyToManyField(
        "contacts.Organisation",
        verbose_name=_("partners"),
        blank=True,
        related_name="eu_projects",
        help_text=_("Organisaties uit het contactregister."),
    )
    total_budget = models.DecimalField(
        _("totale begroting (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=NOT_NEGATIVE)],
    )
    eu_contribution = models.DecimalField(
        _("EU-bijdrage (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=NOT_NEGATIVE)],
    )
    co_financing = models.DecimalField(
        _("cofinanciering (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=NOT_NEGATIVE)],
        help_text=_("Wat de gemeente en de partners zelf bijdragen."),
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("einde"), null=True, blank=True)
    deadline = models.DateField(
        _("eerstvolgende deadline"),
        null=True,
        blank=True,
        help_text=_("Bijvoorbeeld de sluiting van de oproep of een rapportage."),
    )
    deadline_note = models.CharField(_("deadline voor"), max_length=200, blank=True)
    efforts = models.ManyToManyField(
        "networks.Effort", verbose_name=_("inspanningen"), blank=True, related_name="eu_projects"
    )
    networks = models.ManyToManyField(
        "networks.Network", verbose_name=_("netwerken"), blank=True, related_name="eu_projects"
    )
    themes = models.ManyToManyField(
        "networks.Theme", verbose_name=_("thema's"), blank=True, related_name="eu_projects"
    )
    source = models.CharField(
        _("bron"),
        max_length=250,
        blank=True,
        help_text=_("Het document waaruit de gegevens komen."),
    )
    is_example = models.BooleanField(
        _("voorbeeld"),
        default=False,
        editable=False,
        help_text=_("Verzonnen demogegevens; staat op elke pagina en in elke PDF als voorbeeld."),
    )
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    history = HistoricalRecords()
    objects = ProjectQuerySet.as_manager()

    constraint_error_fields = {
        "contribution_over_total": "eu_contribution",
        "ends_before_start": "end_date",
    }

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("EU-project")
        verbose_name_plural = _("EU-projecten")
        constraints = [
            models.CheckConstraint(
                condition=Q(eu_contribution__isnull=True)
                | Q(total_budget__isnull=True)
                | Q(eu_contribution__lte=F("total_budget")),
                name="project_eu_contribution_within_total",
                violation_error_code="contribution_over_total",
                violation_error_message=_(
                    "De EU-bijdrage kan niet groter zijn dan de totale begroting."
                ),
            ),
            ends_after_start(
                "project_ends_after_start",
                _("Het project kan niet eindigen voordat het begint."),
                start="start_date",
                end="end_date",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.acronym})" if self.acronym else self.title

    def get_absolute_url(self):
        return reverse("projects:project-detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        errors = {}
        if self.programme_id and self.year and not self.programme.covers(self.year):
            errors["programme"] = _(
                "%(programme)s liep van %(first)s tot en met %(last)s en bestond niet in "
                "%(year)s. Kies een programma uit die periode."
            ) % {
                "programme": self.programme.name,
                "first": self.programme.first_year,
                "last": self.programme.last_year,
                "year": self.year,
            }
        if errors:
            raise ValidationError(errors)

    def is_led_by_the_municipality(self):
        """Say whether the municipality is the lead partner."""
        return self.role == MunicipalityRole.LEAD_PARTNER

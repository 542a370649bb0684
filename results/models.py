"""The yearly work plans and what came of each planned effort."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import ExampleMixin, VisibleThroughParentQuerySet
from networks.constants import ResultStatus
from networks.models import Effort

from .constants import PlanStatus

NOT_NEGATIVE = _("Vul een bedrag of aantal van nul of meer in.")


class WorkPlanQuerySet(models.QuerySet):
    def published(self):
        return self.exclude(status=PlanStatus.DRAFT)

    def visible_to(self, user):
        """Drafts are for logged-in users; adopted plans and plans in a proposal are public."""
        if user is not None and user.is_authenticated:
            return self
        return self.published()


class WorkPlan(ExampleMixin):
    """The work plan of one year: 'Internationale inspanningen 2019'."""

    year = models.PositiveSmallIntegerField(
        _("jaar"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("titel"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    adopted_on = models.DateField(
        _("vastgesteld op"),
        null=True,
        blank=True,
        help_text=_("De datum waarop het college het werkplan vaststelde."),
    )
    introduction = models.TextField(_("inleiding"), blank=True)
    source = models.CharField(
        _("bron"),
        max_length=250,
        blank=True,
        help_text=_(
            "Het document waaruit het werkplan komt, als het niet in het portaal ontstond."
        ),
    )
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    history = HistoricalRecords()
    objects = WorkPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("werkplan")
        verbose_name_plural = _("werkplannen")
        permissions = [
            ("adopt_workplan", _("Mag de vaststelling van een werkplan vastleggen")),
            ("export_workplan", _("Mag het jaarverslag aan de raad exporteren")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=PlanStatus.ADOPTED) | Q(adopted_on__isnull=False),
                name="workplan_adopted_has_date",
                violation_error_message=_(
                    "Een vastgesteld werkplan heeft een datum van vaststelling."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{reverse('networks:effort-list')}?jaar={self.year}"

    def clean(self):
        super().clean()
        if self.status == PlanStatus.ADOPTED and self.adopted_on is None:
            raise ValidationError(
                {"adopted_on": _("Vul de datum in waarop het college het werkplan vaststelde.")}
            )
        if self.adopted_on and self.year and self.adopted_on.year < self.year - 1:
            raise ValidationError(
                {
                    "adopted_on": _(
                        "Een werkplan voor %(year)s wordt niet vóór %(earliest)s vastgesteld."
                    )
                    % {"year": self.year, "earliest": self.year - 1}
                }
            )

    def is_draft(self):
        """Say whether the accountmanager is still drafting this plan."""
        return self.status == PlanStatus.DRAFT

    @staticmethod
    def default_title(year):
        return _("Internationale inspanningen %(year)s") % {"year": year}


class EffortResultQuerySet(VisibleThroughParentQuerySet):
    """The results of the efforts the user may see."""

    visible_through = "effort"

    def for_year(self, year):
        return self.filter(effort__year=year)


class EffortResult(ExampleMixin):
    """What came of one planned effort, beside the yield the plan expected."""

    effort = models.OneToOneField(
        Effort, on_delete=models.CASCADE, related_name="result", verbose_name=_("inspanning")
    )
    status = models.CharField(
        _("resultaatstatus"),
        max_length=20,
        choices=ResultStatus.choices,
        default=ResultStatus.PLANNED,
    )
    status_date = models.DateField(
        _("datum"),
        help_text=_("Vanaf wanneer deze status geldt, bijvoorbeeld de dag van afronding."),
    )
    status_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("status gezet door"),
    )
    summary = models.TextField(_("wat is ervan gekomen"), blank=True)
    hours_spent = models.DecimalField(
        _("bestede uren"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=NOT_NEGATIVE)],
        help_text=_("Leeg laten als het niet bekend is."),
    )
    money_spent = models.DecimalField(
        _("besteed bedrag (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=NOT_NEGATIVE)],
        help_text=_("Leeg laten als het niet bekend is."),
    )
    evaluation = models.TextField(_("evaluatie en lessen"), blank=True)
    eu_project = models.ForeignKey(
        "projects.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="effort_results",
        verbose_name=_("EU-project"),
        help_text=_("Het Europese project dat eruit voortkwam of waarin het plaatsvond."),
    )
    event = models.ForeignKey(
        "agenda.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="effort_results",
        verbose_name=_("activiteit in de agenda"),
    )
    organisation = models.ForeignKey(
        "contacts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="effort_results",
        verbose_name=_("organisatie"),
        help_text=_(
            "Een organisatie uit het contactregister waarmee het resultaat tot stand kwam."
        ),
    )
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    history = HistoricalRecords()
    objects = EffortResultQuerySet.as_manager()

    class Meta:
        ordering = ["-effort__year", "effort__number"]
        verbose_name = _("resultaat")
        verbose_name_plural = _("resultaten")
        constraints = [
            models.CheckConstraint(
                condition=Q(money_spent__isnull=True) | Q(money_spent__gte=0),
                name="effortresult_money_not_negative",
                violation_error_message=NOT_NEGATIVE,
            ),
            models.CheckConstraint(
                condition=Q(hours_spent__isnull=True) | Q(hours_spent__gte=0),
                name="effortresult_hours_not_negative",
                violation_error_message=NOT_NEGATIVE,
            ),
        ]

    def __str__(self):
        return _("Resultaat van %(effort)s") % {"effort": self.effort}

    def get_absolute_url(self):
        return self.effort.get_absolute_url()

    def clean(self):
        super().clean()
        if self.status_date and self.effort_id:
            year = self.effort.year
            if self.status_date < datetime.date(year, 1, 1):
                raise ValidationError(
                    {
                        "status_date": _(
                            "De datum ligt vóór het planjaar %(year)s; kies een datum vanaf "
                            "1 januari %(year)s."
                        )
                        % {"year": year}
                    }
                )

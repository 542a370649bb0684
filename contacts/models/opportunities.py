"""Opportunities and questions passed on to colleagues (proposal 6)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import ConstraintErrorsAtFieldMixin, ExampleMixin

from ..constants import OpportunityKind, OpportunityStatus
from .colleagues import Colleague, Department
from .organisations import Organisation
from .people import Person


class OpportunityQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=OpportunityStatus.CLOSED)

    def search(self, text):
        query = Q()
        for word in text.split():
            query &= (
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(from_organisation__name__icontains=word)
            )
        return self.filter(query)


STATUSES_NEEDING_SOMEONE = [
    OpportunityStatus.PASSED_ON,
    OpportunityStatus.TAKEN_UP,
    OpportunityStatus.CLOSED,
]


class Opportunity(ConstraintErrorsAtFieldMixin, ExampleMixin):
    """An opportunity or question that comes in and is passed on to a colleague (proposal 6)."""

    kind = models.CharField(
        _("soort"),
        max_length=10,
        choices=OpportunityKind.choices,
        default=OpportunityKind.OPPORTUNITY,
    )
    title = models.CharField(_("onderwerp"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    received_on = models.DateField(_("binnengekomen op"), default=timezone.localdate)
    from_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("van organisatie"),
    )
    from_person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("van persoon"),
    )
    theme = models.ForeignKey(
        "networks.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("thema"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("afdeling"),
    )
    assigned_to = models.ForeignKey(
        Colleague,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("doorgezet naar"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.NEW,
    )
    outcome = models.TextField(_("resultaat"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_opportunities",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    history = HistoricalRecords()
    objects = OpportunityQuerySet.as_manager()
    constraint_error_fields = {"needs_someone": "assigned_to"}

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("kans of vraag")
        verbose_name_plural = _("kansen en vragen")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=OpportunityStatus.NEW)
                | Q(department__isnull=False)
                | Q(assigned_to__isnull=False),
                name="opportunity_someone_when_passed_on",
                violation_error_code="needs_someone",
                violation_error_message=_(
                    "Kies een afdeling of collega: met deze status moet iemand de kans of vraag "
                    "hebben."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("contacts:opportunity-detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.assigned_to_id and not self.department_id:
            self.department = self.assigned_to.department
        if self.assigned_to_id and self.status == OpportunityStatus.NEW:
            # Whoever has a colleague has been passed on.
            self.status = OpportunityStatus.PASSED_ON
        if (
            self.from_person_id
            and self.from_organisation_id
            and self.from_person.organisation_id != self.from_organisation_id
        ):
            raise ValidationError(
                {"from_person": _("Deze persoon werkt niet bij de gekozen organisatie.")}
            )

    def needs_someone(self):
        """Say whether the status requires a department or colleague."""
        return self.status in STATUSES_NEEDING_SOMEONE

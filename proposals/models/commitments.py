"""Toezeggingen: commitments the college made to the council, followed until settled."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import VisibilityModel, VisibilityQuerySet

from ..constants import (
    CommitmentStatus,
)
from .council import CouncilProposal
from .decisions import Decision


class CommitmentQuerySet(VisibilityQuerySet):
    def visible_to(self, user):
        """The griffie sees every toezegging; other signed-in users the public ones."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.has_perm("proposals.change_commitment"):
            return self
        return self.public()

    def overdue_first(self, today=None):
        """Open and overdue first (oldest due date first), then open, then settled."""
        today = today or timezone.localdate()
        return self.annotate(
            rank=Case(
                When(status=CommitmentStatus.OPEN, due_on__lt=today, then=Value(0)),
                When(status=CommitmentStatus.OPEN, then=Value(1)),
                default=Value(2),
            )
        ).order_by("rank", F("due_on").asc(nulls_last=True), "pk")


class Commitment(VisibilityModel):
    """A toezegging: a commitment the college made to the council, followed until settled."""

    council_proposal = models.ForeignKey(
        CouncilProposal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("raadsvoorstel"),
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("gedaan in de vergadering van"),
    )
    text = models.TextField(_("toezegging"))
    made_to = models.CharField(
        _("gedaan aan"), max_length=150, default="de raad", help_text=_("Aan wie, meestal de raad.")
    )
    owner = models.CharField(
        _("gedaan door"),
        max_length=150,
        help_text=_("Wie de toezegging deed en haar nakomt, bijvoorbeeld de portefeuillehouder."),
    )
    due_on = models.DateField(_("uiterlijk"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CommitmentStatus.choices, default=CommitmentStatus.OPEN
    )
    settled_how = models.TextField(_("hoe afgedaan"), blank=True)
    settled_on = models.DateField(_("afgedaan op"), null=True, blank=True)

    history = HistoricalRecords()
    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("toezegging")
        verbose_name_plural = _("toezeggingen")
        constraints = [
            models.CheckConstraint(
                condition=~Q(owner=""),
                name="commitment_has_owner",
                violation_error_message=_("Vul in wie de toezegging deed."),
            ),
            models.CheckConstraint(
                condition=Q(status=CommitmentStatus.OPEN)
                | (~Q(settled_how="") & Q(settled_on__isnull=False)),
                name="commitment_settled_says_how",
                violation_error_message=_("Vul in hoe en wanneer de toezegging is afgedaan."),
            ),
        ]

    def __str__(self):
        return self.text[:80]

    def clean(self):
        super().clean()
        errors = {}
        if not (self.owner or "").strip():
            errors["owner"] = _("Vul in wie de toezegging deed.")
        if self.status == CommitmentStatus.SETTLED:
            if not self.settled_how.strip():
                errors["settled_how"] = _("Vul in hoe de toezegging is afgedaan.")
            if not self.settled_on:
                errors["settled_on"] = _("Vul in wanneer de toezegging is afgedaan.")
        if errors:
            raise ValidationError(errors)

    def is_overdue(self, today=None):
        """Say whether the toezegging is still open after its due date."""
        today = today or timezone.localdate()
        return self.status == CommitmentStatus.OPEN and bool(self.due_on) and self.due_on < today

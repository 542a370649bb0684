"""The council's decision (issue 13): the raadsbesluit, its points' outcomes, submissions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import VisibleThroughParentQuerySet

from ..constants import (
    DecisionOutcome,
    SubmissionKind,
    SubmissionOutcome,
)
from .council import CouncilProposal, DecisionPoint


class DecisionQuerySet(VisibleThroughParentQuerySet):
    """The decisions on the council proposals the user may see."""

    visible_through = "council_proposal"

    def for_listing(self):
        return self.select_related("council_proposal", "recorded_by")

    def decided(self):
        """Decisions of a meeting that decided: outcomes recorded, none of them open."""
        return self.exclude(point_outcomes__outcome=DecisionOutcome.OPEN).filter(
            point_outcomes__isnull=False
        )

    def latest_for(self, council_proposal):
        """The decision of the last meeting that decided on the council proposal, or None."""
        return (
            self.filter(council_proposal=council_proposal)
            .decided()
            .order_by("-meeting_on", "-pk")
            .first()
        )


class Decision(models.Model):
    """What the council decided on a council proposal at one meeting: the raadsbesluit."""

    council_proposal = models.ForeignKey(
        CouncilProposal,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("raadsvoorstel"),
    )
    meeting_on = models.DateField(_("datum van de raadsvergadering"))
    number = models.CharField(
        _("nummer raadsbesluit"),
        max_length=30,
        help_text=_("Het nummer waaronder de griffie het besluit registreert."),
    )
    note = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    history = HistoricalRecords()
    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting_on", "-pk"]
        verbose_name = _("raadsbesluit")
        verbose_name_plural = _("raadsbesluiten")
        permissions = [("record_decision", _("Kan besluiten van de raad vastleggen"))]
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                name="decision_unique_number",
                violation_error_code="unique",
                violation_error_message=_(
                    "Dit raadsbesluitnummer is al gebruikt voor een ander besluit."
                ),
            ),
            models.UniqueConstraint(
                fields=["council_proposal", "meeting_on"],
                name="decision_one_per_meeting",
                violation_error_message=_(
                    "Het besluit over dit raadsvoorstel in deze vergadering is al vastgelegd."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(number=""),
                name="decision_has_number",
                violation_error_message=_("Vul het nummer van het raadsbesluit in."),
            ),
        ]

    def __str__(self):
        return f"{_('Raadsbesluit')} {self.number} ({self.meeting_on:%d-%m-%Y})"

    def get_absolute_url(self):
        return reverse(
            "proposals:decision-update",
            kwargs={"case_number": self.council_proposal.case_number, "pk": self.pk},
        )

    def clean(self):
        super().clean()
        errors = {}
        if not (self.number or "").strip():
            errors["number"] = _("Vul het nummer van het raadsbesluit in.")
        elif Decision.objects.filter(number=self.number).exclude(pk=self.pk).exists():
            errors["number"] = _("Dit raadsbesluitnummer is al gebruikt voor een ander besluit.")
        if (
            self.council_proposal_id
            and self.meeting_on
            and Decision.objects.filter(
                council_proposal_id=self.council_proposal_id, meeting_on=self.meeting_on
            )
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["meeting_on"] = _(
                "Het besluit over dit raadsvoorstel in deze vergadering is al vastgelegd."
            )
        if errors:
            raise ValidationError(errors)

    def is_decided(self):
        """Say whether the council decided at least one point at this meeting."""
        return any(
            outcome.outcome not in (DecisionOutcome.OPEN, DecisionOutcome.POSTPONED)
            for outcome in self.point_outcomes.all()
        )


class PointOutcomeQuerySet(VisibleThroughParentQuerySet):
    """The outcomes of the decisions the user may see."""

    visible_through = "decision"


class PointOutcome(models.Model):
    """The outcome of one decision point at one meeting; an amended point keeps its new text."""

    decision = models.ForeignKey(
        Decision,
        on_delete=models.CASCADE,
        related_name="point_outcomes",
        verbose_name=_("raadsbesluit"),
    )
    decision_point = models.ForeignKey(
        DecisionPoint,
        on_delete=models.PROTECT,
        related_name="outcomes",
        verbose_name=_("besluitpunt"),
    )
    outcome = models.CharField(
        _("uitkomst"), max_length=12, choices=DecisionOutcome.choices, default=DecisionOutcome.OPEN
    )
    amended_text = models.TextField(
        _("geamendeerde tekst"),
        blank=True,
        help_text=_("De tekst van het besluitpunt zoals de raad het na amendering aannam."),
    )

    history = HistoricalRecords()
    objects = PointOutcomeQuerySet.as_manager()

    class Meta:
        ordering = ["decision", "decision_point__number"]
        verbose_name = _("uitkomst van een besluitpunt")
        verbose_name_plural = _("uitkomsten van besluitpunten")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "decision_point"],
                name="pointoutcome_unique_point",
                violation_error_message=_("Dit besluitpunt heeft in dit besluit al een uitkomst."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome=DecisionOutcome.AMENDED) | ~Q(amended_text=""),
                name="pointoutcome_amended_has_text",
                violation_error_message=_(
                    "Geef de tekst van het besluitpunt zoals de raad het geamendeerd aannam."
                ),
            ),
            models.CheckConstraint(
                condition=Q(outcome=DecisionOutcome.AMENDED) | Q(amended_text=""),
                name="pointoutcome_text_only_when_amended",
                violation_error_message=_(
                    "Alleen een geamendeerd aangenomen besluitpunt heeft een gewijzigde tekst."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.decision_point.number}: {self.get_outcome_display()}"

    def clean(self):
        super().clean()
        if self.outcome == DecisionOutcome.AMENDED and not self.amended_text.strip():
            raise ValidationError(
                {
                    "amended_text": _(
                        "Geef de tekst van het besluitpunt zoals de raad het geamendeerd aannam."
                    )
                }
            )
        if self.outcome != DecisionOutcome.AMENDED and self.amended_text.strip():
            raise ValidationError(
                {
                    "amended_text": _(
                        "Alleen een geamendeerd aangenomen besluitpunt heeft een gewijzigde tekst."
                    )
                }
            )

    @property
    def text(self):
        """The text the council adopted: the amended text where there is one."""
        return self.amended_text or self.decision_point.text


class SubmissionQuerySet(VisibleThroughParentQuerySet):
    """The amendments and motions of the decisions the user may see."""

    visible_through = "decision"


class Submission(models.Model):
    """An amendment or motion handled at the meeting, with its outcome and the votes if counted."""

    decision = models.ForeignKey(
        Decision,
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=_("raadsbesluit"),
    )
    kind = models.CharField(_("soort"), max_length=15, choices=SubmissionKind.choices)
    title = models.CharField(_("titel"), max_length=250)
    submitted_by = models.CharField(
        _("ingediend door"),
        max_length=250,
        help_text=_("De fracties die het indienden, gescheiden door komma's."),
    )
    decision_point = models.ForeignKey(
        DecisionPoint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("besluitpunt"),
        help_text=_("Het besluitpunt dat een amendement wijzigt."),
    )
    outcome = models.CharField(_("uitkomst"), max_length=12, choices=SubmissionOutcome.choices)
    votes_for = models.PositiveSmallIntegerField(_("stemmen voor"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("stemmen tegen"), null=True, blank=True)

    history = HistoricalRecords()
    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["decision", "kind", "pk"]
        verbose_name = _("amendement of motie")
        verbose_name_plural = _("amendementen en moties")
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome=SubmissionOutcome.ADOPTED)
                | Q(votes_for__isnull=True)
                | Q(votes_against__isnull=True)
                | Q(votes_for__gt=F("votes_against")),
                name="submission_adopted_has_majority",
                violation_error_message=_(
                    "Aangenomen met niet meer stemmen voor dan tegen: controleer de stemmen."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(outcome=SubmissionOutcome.REJECTED)
                | Q(votes_for__isnull=True)
                | Q(votes_against__isnull=True)
                | Q(votes_for__lte=F("votes_against")),
                name="submission_rejected_has_no_majority",
                violation_error_message=_(
                    "Verworpen met meer stemmen voor dan tegen: controleer de stemmen."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    def clean(self):
        super().clean()
        if self.votes_for is None or self.votes_against is None:
            return
        if self.outcome == SubmissionOutcome.ADOPTED and self.votes_for <= self.votes_against:
            raise ValidationError(
                {
                    "votes_for": _(
                        "Aangenomen met niet meer stemmen voor dan tegen: controleer de stemmen."
                    )
                }
            )
        if self.outcome == SubmissionOutcome.REJECTED and self.votes_for > self.votes_against:
            raise ValidationError(
                {
                    "votes_for": _(
                        "Verworpen met meer stemmen voor dan tegen: controleer de stemmen."
                    )
                }
            )

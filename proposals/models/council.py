"""The council's documents: motions, council proposals, their proposals and decision points."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.links import record_url
from core.models import (
    ConstraintErrorsAtFieldMixin,
    VisibilityModel,
    VisibilityQuerySet,
    VisibleThroughParentQuerySet,
)

from ..constants import (
    CouncilProposalStatus,
    DecisionOutcome,
    MotionStatus,
    ProposalStatus,
    StepKind,
)

case_number_validator = RegexValidator(
    r"^\d{5,10}$", _("Een zaaknummer bestaat uit 5 tot 10 cijfers.")
)


class Motion(models.Model):
    """A motion adopted by the council that asks the executive to act."""

    case_number = models.CharField(
        _("zaaknummer"), max_length=10, unique=True, validators=[case_number_validator]
    )
    title = models.CharField(_("titel"), max_length=250)
    adopted_on = models.DateField(_("aangenomen op"))
    summary = models.TextField(_("samenvatting"), blank=True)
    points = models.TextField(
        _("aandachtspunten"), blank=True, help_text=_("Eén aandachtspunt per regel.")
    )
    settled_by = models.ForeignKey(
        "CouncilProposal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="settled_motions",
        verbose_name=_("afgedaan met"),
        help_text=_("Het raadsvoorstel waarmee de raad de motie als afgedaan beschouwt."),
    )
    settled_on = models.DateField(_("afgedaan op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-adopted_on"]
        verbose_name = _("motie")
        verbose_name_plural = _("moties")
        constraints = [
            models.CheckConstraint(
                condition=Q(settled_by__isnull=True, settled_on__isnull=True)
                | Q(settled_by__isnull=False, settled_on__isnull=False),
                name="motion_settled_by_and_on",
                violation_error_message=_(
                    "Een afgedane motie heeft een raadsvoorstel en een datum van afdoening."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.case_number})"

    def clean(self):
        super().clean()
        if self.settled_by_id and not self.settled_on:
            raise ValidationError({"settled_on": _("Vul in wanneer de motie is afgedaan.")})
        if self.settled_on and not self.settled_by_id:
            raise ValidationError(
                {"settled_by": _("Kies het raadsvoorstel waarmee de motie is afgedaan.")}
            )

    @property
    def status(self):
        return MotionStatus.SETTLED if self.settled_by_id else MotionStatus.OPEN

    def get_status_display(self):
        return MotionStatus(self.status).label

    @property
    def point_list(self):
        return [line.strip() for line in self.points.splitlines() if line.strip()]


class CouncilProposalQuerySet(VisibilityQuerySet):
    pass


class CouncilProposal(VisibilityModel):
    """A raadsvoorstel: the document put to the council, with its fixed sections."""

    case_number = models.CharField(
        _("zaaknummer"), max_length=10, unique=True, validators=[case_number_validator]
    )
    subject = models.CharField(_("onderwerp"), max_length=300)
    motion = models.ForeignKey(
        Motion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_proposals",
        verbose_name=_("motie"),
    )
    background = models.TextField(_("aanleiding, doel en wat ging er aan vooraf"), blank=True)
    content = models.TextField(_("inhoud van het voorstel"), blank=True)
    financial_aspects = models.TextField(_("financiële aspecten"), blank=True)
    annexes = models.TextField(_("bijlagen"), blank=True, help_text=_("Eén bijlage per regel."))
    adopted_by = models.CharField(_("vastgesteld door"), max_length=150, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CouncilProposalStatus.choices,
        default=CouncilProposalStatus.DRAFT,
    )
    council_meeting_on = models.DateField(_("raadsvergadering"), null=True, blank=True)
    agenda_minutes = models.PositiveSmallIntegerField(
        _("gevraagde tijd (minuten)"),
        null=True,
        blank=True,
        help_text=_("Hoeveel tijd de brief aan het presidium vraagt voor de bespreking."),
    )
    agenda_points = models.TextField(
        _("punten ter behandeling"),
        blank=True,
        help_text=_("De punten die de brief aan het presidium noemt; één punt per regel."),
    )
    # What a raadsvoorstel states when the source gives it; left empty (and out of the PDF)
    # when it does not.
    portfolio_holder = models.CharField(
        _("portefeuillehouder"),
        max_length=150,
        blank=True,
        help_text=_("Leeg laten als de bron geen portefeuillehouder noemt."),
    )
    college_adopted_on = models.DateField(
        _("vastgesteld door het college op"),
        null=True,
        blank=True,
        help_text=_("Leeg laten als de bron de datum niet noemt."),
    )
    agenda_item = models.CharField(
        _("agendapunt"),
        max_length=30,
        blank=True,
        help_text=_("Het agendapunt van de raadsvergadering, als het bekend is."),
    )

    history = HistoricalRecords()
    objects = CouncilProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-council_meeting_on", "-case_number"]
        # The order of council proposals and so of proposals: a first page of them walks it
        # instead of sorting them all (issue 17: the budget's select of 900 proposals at 100x).
        indexes = [
            models.Index(
                fields=["-council_meeting_on", "-case_number"], name="councilproposal_order_idx"
            )
        ]
        verbose_name = _("raadsvoorstel")
        verbose_name_plural = _("raadsvoorstellen")

    def __str__(self):
        return f"{self.subject} ({self.case_number})"

    def get_absolute_url(self):
        return record_url("proposals:councilproposal-detail", case_number=self.case_number)

    @property
    def annex_list(self):
        return [line.strip() for line in self.annexes.splitlines() if line.strip()]

    @property
    def agenda_point_list(self):
        return [line.strip() for line in self.agenda_points.splitlines() if line.strip()]


class ProcessStepQuerySet(VisibleThroughParentQuerySet):
    """The steps of the council proposals the user may see."""

    visible_through = "council_proposal"


class ProcessStep(models.Model):
    council_proposal = models.ForeignKey(
        CouncilProposal,
        on_delete=models.CASCADE,
        related_name="steps",
        verbose_name=_("raadsvoorstel"),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"))
    kind = models.CharField(_("soort"), max_length=20, choices=StepKind.choices)
    date = models.DateField(
        _("datum"), null=True, blank=True, help_text=_("Leeg als de bron geen datum noemt.")
    )
    title = models.CharField(_("titel"), max_length=250)
    case_number = models.CharField(
        _("zaaknummer"), max_length=10, blank=True, validators=[case_number_validator]
    )
    description = models.TextField(_("omschrijving"), blank=True)

    history = HistoricalRecords()
    objects = ProcessStepQuerySet.as_manager()

    class Meta:
        ordering = ["council_proposal", "position"]
        verbose_name = _("processtap")
        verbose_name_plural = _("processtappen")
        constraints = [
            models.UniqueConstraint(
                fields=["council_proposal", "position"],
                name="step_unique_position",
                violation_error_message=_("Deze volgorde is al gebruikt in dit raadsvoorstel."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class ProposalQuerySet(VisibilityQuerySet):
    def visible_to(self, user):
        """Proposals the user may see: the proposal and its council proposal both visible."""
        queryset = super().visible_to(user)
        if user is not None and user.is_authenticated:
            return queryset
        return queryset.filter(council_proposal__in=CouncilProposal.objects.visible_to(user))

    def adopted(self):
        return self.filter(
            status__in=[
                ProposalStatus.ADOPTED,
                ProposalStatus.IN_PROGRESS,
                ProposalStatus.REALISED,
            ]
        )


class Proposal(VisibilityModel):
    """One of the numbered proposals inside a council proposal."""

    council_proposal = models.ForeignKey(
        CouncilProposal,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("raadsvoorstel"),
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting"))
    themes = models.ManyToManyField(
        "networks.Theme", verbose_name=_("thema's"), blank=True, related_name="proposals"
    )
    networks = models.ManyToManyField(
        "networks.Network", verbose_name=_("netwerken"), blank=True, related_name="proposals"
    )
    efforts = models.ManyToManyField(
        "networks.Effort",
        verbose_name=_("inspanningen"),
        blank=True,
        related_name="proposals",
        help_text=_("De inspanningen die dit voorstel uitvoeren."),
    )
    owner = models.CharField(
        _("verantwoordelijk"),
        max_length=150,
        help_text=_(
            "Wie het voorstel uitvoert, bijvoorbeeld 'college' of 'afdeling communicatie'."
        ),
    )
    status = models.CharField(
        _("status"), max_length=15, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )

    history = HistoricalRecords()
    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["council_proposal", "number"]
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")
        constraints = [
            models.UniqueConstraint(
                fields=["council_proposal", "number"],
                name="proposal_unique_number",
                violation_error_message=_(
                    "Dit raadsvoorstel heeft al een voorstel met dit nummer."
                ),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="proposal_number_positive",
                violation_error_message=_("Het nummer moet 1 of hoger zijn."),
            ),
        ]

    def get_status_display(self):
        """The status's label from the enum: Django's version builds a dict of every choice on
        each call, and the proposals' table asks it on every row (issue 17)."""
        if self.status in ProposalStatus.values:
            return ProposalStatus(self.status).label
        return self.status

    def is_visible_to(self, user):
        """Say whether the user may see this proposal: it and its council proposal are visible."""
        return super().is_visible_to(user) and self.council_proposal.is_visible_to(user)

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return record_url(
            "proposals:proposal-detail",
            case_number=self.council_proposal.case_number,
            number=self.number,
        )


class DecisionPointQuerySet(VisibleThroughParentQuerySet):
    """The decision points of the council proposals the user may see."""

    visible_through = "council_proposal"


class DecisionPoint(ConstraintErrorsAtFieldMixin, models.Model):
    """A numbered point the council decides on ('bespreek- en beslispunt')."""

    council_proposal = models.ForeignKey(
        CouncilProposal,
        on_delete=models.CASCADE,
        related_name="decision_points",
        verbose_name=_("raadsvoorstel"),
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("tekst"))
    amount = models.DecimalField(
        _("bedrag"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Het bedrag waarover het besluitpunt gaat, als het er een noemt."),
    )
    outcome = models.CharField(
        _("uitkomst"), max_length=12, choices=DecisionOutcome.choices, default=DecisionOutcome.OPEN
    )
    decided_on = models.DateField(_("besloten op"), null=True, blank=True)
    proposals = models.ManyToManyField(
        Proposal,
        blank=True,
        related_name="decision_points",
        verbose_name=_("voorstellen"),
        help_text=_(
            "De voorstellen waarover dit besluitpunt gaat: een voorstel kan niet aangenomen "
            "zijn als dit punt is verworpen."
        ),
    )

    history = HistoricalRecords()
    objects = DecisionPointQuerySet.as_manager()
    constraint_error_fields = {"decided_without_date": "decided_on"}

    class Meta:
        ordering = ["council_proposal", "number"]
        verbose_name = _("besluitpunt")
        verbose_name_plural = _("besluitpunten")
        constraints = [
            models.UniqueConstraint(
                fields=["council_proposal", "number"],
                name="decision_point_unique_number",
                violation_error_message=_(
                    "Dit raadsvoorstel heeft al een besluitpunt met dit nummer."
                ),
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="decision_point_amount_not_negative",
                violation_error_message=_("Een bedrag kan niet negatief zijn."),
            ),
            models.CheckConstraint(
                condition=Q(outcome="open") | Q(decided_on__isnull=False),
                name="decision_point_decided_has_date",
                violation_error_code="decided_without_date",
                violation_error_message=_("Vul de datum van het besluit in."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:80]}"

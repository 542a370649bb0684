from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import VisibilityModel, VisibilityQuerySet

from .constants import (
    CommitmentStatus,
    CouncilProposalStatus,
    DecisionOutcome,
    DocumentKind,
    ExportStatus,
    MotionStatus,
    ProposalStatus,
    StepKind,
    SubmissionKind,
    SubmissionOutcome,
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
        verbose_name = _("raadsvoorstel")
        verbose_name_plural = _("raadsvoorstellen")

    def __str__(self):
        return f"{self.subject} ({self.case_number})"

    def get_absolute_url(self):
        return reverse("proposals:councilproposal-detail", kwargs={"case_number": self.case_number})

    @property
    def annex_list(self):
        return [line.strip() for line in self.annexes.splitlines() if line.strip()]

    @property
    def agenda_point_list(self):
        return [line.strip() for line in self.agenda_points.splitlines() if line.strip()]


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

    def is_visible_to(self, user):
        """Say whether the user may see this proposal: it and its council proposal are visible."""
        return super().is_visible_to(user) and self.council_proposal.is_visible_to(user)

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse(
            "proposals:proposal-detail",
            kwargs={"case_number": self.council_proposal.case_number, "number": self.number},
        )


class DecisionPoint(models.Model):
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
                violation_error_message=_("Vul de datum van het besluit in."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:80]}"

    def clean(self):
        super().clean()
        if self.outcome != DecisionOutcome.OPEN and not self.decided_on:
            raise ValidationError({"decided_on": _("Vul de datum van het besluit in.")})


class DocumentExportQuerySet(models.QuerySet):
    def unfinished(self):
        return self.exclude(status__in=[ExportStatus.READY, ExportStatus.FAILED])

    def waiting(self):
        return self.filter(status=ExportStatus.WAITING)

    def reusable(self, kind, content_hash):
        """Ready exports of the same document rendered from exactly the same content."""
        return (
            self.filter(kind=kind, content_hash=content_hash, status=ExportStatus.READY)
            .exclude(file="")
            .order_by("-finished_at", "-pk")
        )

    def for_listing(self):
        return self.select_related("council_proposal", "requested_by", "reused_from")


class DocumentExport(models.Model):
    """One PDF export of a council document, kept as a record of who exported what, and when."""

    council_proposal = models.ForeignKey(
        CouncilProposal,
        on_delete=models.CASCADE,
        related_name="exports",
        verbose_name=_("raadsvoorstel"),
    )
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=ExportStatus.choices, default=ExportStatus.WAITING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="document_exports",
        verbose_name=_("aangevraagd door"),
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    started_at = models.DateTimeField(_("begonnen op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    content_hash = models.CharField(
        _("gegevensversie"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("SHA-256 van de inhoud waaruit de PDF is gemaakt."),
    )
    file = models.FileField(_("bestand"), upload_to="griffie/", max_length=200, blank=True)
    file_size = models.PositiveIntegerField(_("grootte in bytes"), null=True, blank=True)
    page_count = models.PositiveSmallIntegerField(_("aantal pagina's"), null=True, blank=True)
    render_ms = models.PositiveIntegerField(_("rendertijd in ms"), null=True, blank=True)
    reused_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reused_by",
        verbose_name=_("hergebruikt van"),
        help_text=_("De eerdere export met dezelfde inhoud, waarvan de PDF is hergebruikt."),
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    error = models.TextField(_("foutmelding"), blank=True)
    heartbeat_at = models.DateTimeField(
        _("laatste teken van leven"),
        null=True,
        blank=True,
        help_text=_(
            "Wanneer de export voor het laatst werd verstuurd of de worker liet weten dat hij "
            "nog bezig is; blijft dat uit, dan is de worker gestopt en wordt de export opnieuw "
            "verstuurd."
        ),
    )

    objects = DocumentExportQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("PDF-export")
        verbose_name_plural = _("PDF-exports")
        permissions = [("export_documentexport", _("Kan raadsdocumenten als PDF exporteren"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ExportStatus.READY) | (~Q(file="") & ~Q(content_hash="")),
                name="documentexport_ready_has_file",
                violation_error_message=_("Een gereede export heeft een bestand en een versie."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.council_proposal.case_number} ({self.pk})"

    def get_absolute_url(self):
        return reverse("proposals:document-export-download", kwargs={"pk": self.pk})

    def is_finished(self):
        """Say whether the export has reached an end state: ready or failed."""
        return self.status in (ExportStatus.READY, ExportStatus.FAILED)

    def is_ready(self):
        """Say whether the PDF can be downloaded."""
        return self.status == ExportStatus.READY and bool(self.file)

    @property
    def data_version(self):
        """The short form of the content hash, as the griffie sees it."""
        return self.content_hash[:12]

    @property
    def download_name(self):
        return f"{self.kind}-{self.council_proposal.case_number}.pdf"


# --- the council's decision (issue 13) -----------------------------------------------------------


class DecisionQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("council_proposal", "recorded_by")

    def latest_for(self, council_proposal):
        """The decision of the last meeting that decided on the council proposal, or None."""
        return (
            self.filter(council_proposal=council_proposal)
            .exclude(point_outcomes__outcome=DecisionOutcome.OPEN)
            .filter(point_outcomes__isnull=False)
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

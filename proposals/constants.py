from django.db import models
from django.utils.translation import gettext_lazy as _


class CouncilProposalStatus(models.TextChoices):
    DRAFT = "concept", _("Concept")
    SUBMITTED = "aangeboden", _("Aangeboden aan de raad")
    SCHEDULED = "geagendeerd", _("Geagendeerd")
    DECIDED = "besloten", _("Besloten")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")


class ProposalStatus(models.TextChoices):
    PROPOSED = "voorgesteld", _("Voorgesteld")
    ADOPTED = "aangenomen", _("Aangenomen")
    IN_PROGRESS = "in_uitvoering", _("In uitvoering")
    REALISED = "gerealiseerd", _("Gerealiseerd")
    LAPSED = "vervallen", _("Vervallen")


class DecisionOutcome(models.TextChoices):
    OPEN = "open", _("Nog niet besloten")
    ADOPTED = "aangenomen", _("Aangenomen")
    AMENDED = "geamendeerd", _("Geamendeerd aangenomen")
    REJECTED = "verworpen", _("Verworpen")
    POSTPONED = "aangehouden", _("Aangehouden")


class StepKind(models.TextChoices):
    MOTION = "motie", _("Motie aangenomen")
    PROCESS_LETTER = "procesbrief", _("Procesbrief")
    POLITICAL_MARKET = "politieke_markt", _("Politieke markt")
    COVER_LETTER = "aanbiedingsbrief", _("Brief aan het presidium")
    COLLEGE = "college", _("Vastgesteld door het college")
    COUNCIL_MEETING = "raadsvergadering", _("Raadsvergadering")


class DocumentKind(models.TextChoices):
    """The documents exported as PDF: the council documents of one council proposal, and the
    yearly report to the council of one year (built by results.report, issue 14)."""

    COUNCIL_PROPOSAL = "raadsvoorstel", _("Raadsvoorstel met bijlagen A en B")
    COVER_LETTER = "aanbiedingsbrief", _("Brief aan het presidium")
    COUNCIL_DECISION = "raadsbesluit", _("Raadsbesluit")
    YEARLY_REPORT = "jaarverslag", _("Jaarverslag aan de raad")


# The kinds made from one council proposal (the griffie's page offers these for each one); the
# others are made for a year.
COUNCIL_DOCUMENT_KINDS = (
    DocumentKind.COUNCIL_PROPOSAL,
    DocumentKind.COVER_LETTER,
    DocumentKind.COUNCIL_DECISION,
)


class ExportStatus(models.TextChoices):
    WAITING = "wacht", _("Wacht op de wachtrij")
    QUEUED = "in_wachtrij", _("In de wachtrij")
    RENDERING = "bezig", _("Wordt gemaakt")
    READY = "gereed", _("Gereed")
    FAILED = "mislukt", _("Mislukt")


class SubmissionKind(models.TextChoices):
    """What was submitted at a council meeting besides the proposal itself."""

    AMENDMENT = "amendement", _("Amendement")
    MOTION = "motie", _("Motie")
    MOTION_OTHER = "motie_vreemd", _("Motie vreemd aan de orde")


class SubmissionOutcome(models.TextChoices):
    ADOPTED = "aangenomen", _("Aangenomen")
    REJECTED = "verworpen", _("Verworpen")
    POSTPONED = "aangehouden", _("Aangehouden")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")


class CommitmentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SETTLED = "afgedaan", _("Afgedaan")


class MotionStatus(models.TextChoices):
    OPEN = "open", _("In uitvoering")
    SETTLED = "afgedaan", _("Afgedaan")

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
    """The council documents the griffie exports as PDF."""

    COUNCIL_PROPOSAL = "raadsvoorstel", _("Raadsvoorstel met bijlagen A en B")
    COVER_LETTER = "aanbiedingsbrief", _("Brief aan het presidium")
    COUNCIL_DECISION = "raadsbesluit", _("Raadsbesluit")


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

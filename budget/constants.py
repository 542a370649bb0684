from django.db import models
from django.utils.translation import gettext_lazy as _


class LineCategory(models.TextChoices):
    MEMBERSHIP = "lidmaatschap", _("Lidmaatschappen")
    STAFF = "personeel", _("Personele inzet")
    ACTIVITIES = "activiteiten", _("Activiteiten en reizen")
    GRANTS = "subsidies", _("Subsidies en bijdragen")


class Recurrence(models.TextChoices):
    RECURRING = "structureel", _("Structureel")
    ONE_OFF = "incidenteel", _("Incidenteel")


class TargetStatus(models.TextChoices):
    IN_FORCE = "rust", _("Rust op het budget")
    WITHDRAWAL_PROPOSED = "intrekking_voorgesteld", _("Intrekking voorgesteld")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")
    REALISED = "ingevuld", _("Ingevuld (bezuinigd)")


class FigureKind(models.TextChoices):
    """Figures the council proposal states as results, checked against the stored lines."""

    STAFF_REMAINDER = "personeel_resteert", _("Resteert voor personele inzet")
    ONE_OFF_COVER = "incidentele_dekking", _("Incidentele dekking uit bestaand budget")

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
    # The raadsvoorstel does not ask the council to withdraw the target: it says the package can
    # be carried out if it is withdrawn, and that this is up to the council (value kept as it is).
    WITHDRAWAL_PROPOSED = "intrekking_voorgesteld", _("Intrekken is voorwaarde voor het pakket")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")
    REALISED = "ingevuld", _("Ingevuld (bezuinigd)")


class FigureKind(models.TextChoices):
    """Figures the council proposal states as results, checked against the stored lines."""

    STAFF_REMAINDER = "personeel_resteert", _("Resteert voor personele inzet")
    ONE_OFF_COVER = "incidentele_dekking", _("Incidentele dekking uit bestaand budget")


class Basis(models.TextChoices):
    """Where an amount comes from, so that the page can say which figures are the seed's own."""

    BUDGET = "begroting", _("Begroting")
    STATED = "raadsvoorstel", _("Raadsvoorstel")
    DERIVED = "afgeleid", _("Afgeleid uit het raadsvoorstel")
    PLANNING = "planning", _("Meerjarenplanning (voortgezet)")


class SizeClass(models.TextChoices):
    """Municipality size classes of the VNG survey 2009 (inhabitants)."""

    UP_TO_10K = "0-10000", _("0 tot 10.000")
    UP_TO_20K = "10000-20000", _("10.000 tot 20.000")
    UP_TO_50K = "20000-50000", _("20.000 tot 50.000")
    UP_TO_100K = "50000-100000", _("50.000 tot 100.000")
    ABOVE_100K = "100000+", _("Meer dan 100.000")
    ALL = "alle", _("Alle gemeenten")


class BenchmarkMeasure(models.TextChoices):
    HOURS_ON_PAPER = "uren_op_papier", _("Ambtelijke capaciteit op papier (uren per week)")
    HOURS_IN_PRACTICE = (
        "uren_in_praktijk",
        _("Ambtelijke capaciteit in de praktijk (uren per week)"),
    )
    SPENDING_BAND = "uitgavenklasse", _("Aandeel gemeenten per uitgavenklasse")
    AVERAGE_SPENDING = "gemiddelde_uitgaven", _("Gemiddelde uitgaven")
    MINIMUM_SPENDING = "minimum_uitgaven", _("Laagste uitgaven")
    MAXIMUM_SPENDING = "maximum_uitgaven", _("Hoogste uitgaven")


# What a proposal's label in a choice reads: "case number – number. title".
PROPOSAL_LABEL_FIELDS = ("number", "title", "council_proposal", "council_proposal__case_number")

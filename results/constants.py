from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    """Where a yearly work plan stands."""

    DRAFT = "concept", _("Concept van de accountmanager")
    IN_PROPOSAL = "in_raadsvoorstel", _("Bijlage bij een raadsvoorstel")
    ADOPTED = "vastgesteld", _("Vastgesteld door het college")


class ReportGroup(models.TextChoices):
    """The groups in which the council reads the yearly report."""

    CROSS_BORDER = "grens", _("Grensoverschrijdend en Duitsland")
    EUROPE = "europa", _("Europa en netwerken")
    PARTNER_CITY = "partnerstad", _("Partnerstad")
    WORLD = "wereld", _("Overige wereld")


# Networks whose efforts the report puts under cross-border work and Germany by default.
CROSS_BORDER_NETWORKS = {"euregio", "mont"}
WORLD_NETWORKS = {"wtc-twente"}

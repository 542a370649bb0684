from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    """From idea through application and award to running and closed."""

    IDEA = "idee", _("Idee")
    APPLICATION = "aanvraag", _("Aanvraag")
    AWARDED = "toegekend", _("Toegekend")
    RUNNING = "lopend", _("Lopend")
    CLOSED = "afgesloten", _("Afgesloten")
    REJECTED = "afgewezen", _("Afgewezen")


class MunicipalityRole(models.TextChoices):
    """The municipality's role in an EU project."""

    LEAD_PARTNER = "leadpartner", _("Leadpartner")
    PARTNER = "partner", _("Partner")
    ASSOCIATED = "geassocieerd", _("Geassocieerde partner")

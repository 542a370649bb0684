from django.db import models
from django.utils.translation import gettext_lazy as _


class Office(models.TextChoices):
    """The office of a person who represents the municipality."""

    MAYOR = "burgemeester", _("Burgemeester")
    ALDERMAN = "wethouder", _("Wethouder")
    COUNCIL_MEMBER = "raadslid", _("Raadslid")
    OFFICIAL = "ambtenaar", _("Ambtenaar")
    OTHER = "overig", _("Overig")


PUBLIC_OFFICES = {Office.MAYOR, Office.ALDERMAN, Office.COUNCIL_MEMBER}


class MandateRole(models.TextChoices):
    CHAIR = "voorzitter", _("Voorzitter")
    VICE_CHAIR = "vicevoorzitter", _("Vicevoorzitter")
    MEMBER = "lid", _("Lid")
    DEPUTY = "plaatsvervangend", _("Plaatsvervangend lid")
    REPRESENTATIVE = "vertegenwoordiger", _("Vertegenwoordiging")
    PARTICIPANT = "deelnemer", _("Deelnemer")

from django.db import models
from django.utils.translation import gettext_lazy as _


class ThemeKind(models.TextChoices):
    ACTION_LINE = "actielijn", _("Twentse actielijn")
    EXTRA = "extra", _("Extra thema")


class Representation(models.TextChoices):
    """Who represents Hengelo in a network (annex B, column 'Vertegenwoordigd')."""

    HENGELO = "hengelo", _("Hengelo")
    NETWERKSTAD_TWENTE = "netwerkstad_twente", _("Netwerkstad Twente")
    REGIO_TWENTE = "regio_twente", _("Regio Twente")
    REGIO_EUREGIO = "regio_euregio", _("Regio/Euregio")
    NONE = "geen", _("Niet vertegenwoordigd")


class Lead(models.TextChoices):
    """The lead party of a planned effort (annex A, column 'Trekker')."""

    HENGELO = "hengelo", _("Hengelo")
    NETWERKSTAD_TWENTE = "nt", _("Netwerkstad Twente (NT)")
    HENGELO_NT = "hengelo_nt", _("Hengelo/NT")
    HENGELO_REGIO_TWENTE = "hengelo_regio_twente", _("Hengelo/Regio Twente")
    REGIO_TWENTE = "regio_twente", _("Regio Twente")
    TWENTE_MUNICIPALITIES = "twentse_gemeenten", _("Twentse gemeenten")


class ResultStatus(models.TextChoices):
    """What came of a planned effort (its result status)."""

    PLANNED = "gepland", _("Gepland")
    IN_PROGRESS = "in_uitvoering", _("In uitvoering")
    REALISED = "gerealiseerd", _("Gerealiseerd")
    PARTLY_REALISED = "deels_gerealiseerd", _("Deels gerealiseerd")
    CANCELLED = "niet_doorgegaan", _("Niet doorgegaan")

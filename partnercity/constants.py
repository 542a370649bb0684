from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkKind(models.TextChoices):
    PARTNERSHIP = "partnerschap", _("Partnerschap (stedenband)")
    FRIENDSHIP = "vriendschap", _("Vriendschapsband")
    CONTACT = "contact", _("Contact")


class ActivityKind(models.TextChoices):
    ENTREPRENEURS = "ondernemers", _("Uitwisseling ondernemers")
    COUNCIL = "raadsleden", _("Uitwisseling raadsleden")
    OFFICIALS = "ambtenaren", _("Uitwisseling ambtenaren")
    PUPILS = "scholieren", _("Uitwisseling scholieren")
    CULTURE = "cultuur", _("Culturele uitwisseling")
    SPORT = "sport", _("Sport")
    VISIT = "bezoek", _("Bezoek")
    OTHER = "overig", _("Overig")


class AssociationStatus(models.TextChoices):
    PLANNED = "op_te_richten", _("Op te richten")
    FOUNDED = "opgericht", _("Opgericht")
    DISSOLVED = "opgeheven", _("Opgeheven")

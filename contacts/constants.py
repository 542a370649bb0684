from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    LOCAL_PARTNER = "lokale_partner", _("Lokale partner")
    EDUCATION = "onderwijs", _("Onderwijsinstelling")
    MUNICIPALITY = "gemeente", _("Gemeente")
    REGIONAL_BODY = "regio", _("Regionaal samenwerkingsverband")
    PROVINCE = "provincie", _("Provincie")
    GERMAN_PARTNER = "duitse_partner", _("Duitse partner")
    NETWORK_SECRETARIAT = "netwerk", _("Secretariaat van een netwerk")
    BUSINESS_SUPPORT = "ondernemers", _("Ondernemersorganisatie")
    OTHER = "overig", _("Overig")

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


class Purpose(models.TextChoices):
    """Why a person is in the registry: the purpose limitation of the AVG."""

    PARTNER_CONTACT = "samenwerking", _("Contactpersoon voor samenwerking")
    NETWORK_CONTACT = "netwerk", _("Contact binnen een netwerk")
    GRANT_ADVICE = "subsidie", _("Advies over Europese subsidies")
    EVENT_INVITATIONS = "evenementen", _("Uitnodigingen voor evenementen")
    PARTNER_CITY = "partnerstad", _("Contact met de partnerstad")


class LegalBasis(models.TextChoices):
    """The six legal bases of article 6 AVG."""

    CONSENT = "toestemming", _("Toestemming")
    CONTRACT = "overeenkomst", _("Uitvoering van een overeenkomst")
    LEGAL_OBLIGATION = "wettelijke_plicht", _("Wettelijke verplichting")
    VITAL_INTEREST = "vitaal_belang", _("Vitaal belang")
    PUBLIC_TASK = "publieke_taak", _("Taak van algemeen belang")
    LEGITIMATE_INTEREST = "gerechtvaardigd_belang", _("Gerechtvaardigd belang")


class InteractionKind(models.TextChoices):
    MEETING = "gesprek", _("Gesprek")
    CALL = "telefoon", _("Telefoongesprek")
    EMAIL = "email", _("E-mail")
    EVENT = "evenement", _("Evenement")


class OpportunityKind(models.TextChoices):
    OPPORTUNITY = "kans", _("Kans")
    QUESTION = "vraag", _("Vraag")


class OpportunityStatus(models.TextChoices):
    NEW = "nieuw", _("Nieuw")
    PASSED_ON = "doorgezet", _("Doorgezet")
    TAKEN_UP = "opgepakt", _("Opgepakt")
    CLOSED = "afgerond", _("Afgerond")


class AccessAction(models.TextChoices):
    VIEWED = "bekeken", _("Bekeken")
    EXPORTED_JSON = "export_json", _("Geëxporteerd (JSON)")
    EXPORTED_CSV = "export_csv", _("Geëxporteerd (CSV)")
    VIEWED_IN_ADMIN = "beheer", _("Bekeken in het beheerscherm")


class ErasureReason(models.TextChoices):
    REQUEST = "verzoek", _("Verzoek van de betrokkene")
    REVIEW = "herbeoordeling", _("Niet meer nodig na herbeoordeling")
    LEFT_ORGANISATION = "vertrokken", _("Niet meer werkzaam bij de organisatie")
    OTHER = "overig", _("Andere reden")

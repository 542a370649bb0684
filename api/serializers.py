"""What the API shows of each record: Dutch camelCase names, only what the public pages show.

Themes' names are interface texts (translated like the pages); events and partners carry their
own text in the language asked for (falling back to Dutch, and saying so in `taal`).
"""

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from agenda.models import Event
from budget.models import BudgetLine
from contacts.models import Organisation
from networks.models import Effort, Forum, Network, Theme
from partnercity.models import Activity, PartnerCity
from proposals.models import (
    CouncilProposal,
    DecisionPoint,
    DocumentExport,
    ProcessStep,
    Proposal,
)


def absolute(request, url):
    return request.build_absolute_uri(url) if request is not None else url


class ApiUrlField(serializers.HyperlinkedIdentityField):
    """The record's own address in the API (no trailing slash, outside the language prefix)."""

    def __init__(self, view_name, lookup_field, **kwargs):
        super().__init__(view_name=f"api:{view_name}", lookup_field=lookup_field, **kwargs)


class WebPageField(serializers.Field):
    """The record's public page on the portal."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return absolute(self.context.get("request"), value.get_absolute_url())

    def to_internal_value(self, data):  # pragma: no cover - read-only
        raise NotImplementedError


extend_schema_field(OpenApiTypes.URI)(WebPageField)


def public_network(network) -> str | None:
    """The network's slug, when its page is public: the API never names an internal network."""
    return network.slug if network is not None and network.is_public() else None


class ThemaSerializer(serializers.ModelSerializer):
    url = ApiUrlField("thema-detail", "code")
    naam = serializers.SerializerMethodField()
    soort = serializers.CharField(source="kind")
    omschrijving = serializers.CharField(source="description")

    class Meta:
        model = Theme
        fields = ["code", "url", "naam", "soort", "omschrijving"]

    def get_naam(self, theme) -> str:
        return _(theme.name)


class ForumSerializer(serializers.ModelSerializer):
    naam = serializers.CharField(source="name")
    themas = serializers.CharField(source="theme_summary")
    trekkendeStad = serializers.CharField(source="lead_city")

    class Meta:
        model = Forum
        fields = ["letter", "naam", "themas", "trekkendeStad"]


class NetwerkSerializer(serializers.ModelSerializer):
    url = ApiUrlField("netwerk-detail", "slug")
    webpagina = WebPageField()
    naam = serializers.CharField(source="name")
    volledigeNaam = serializers.CharField(source="full_name")
    omschrijving = serializers.CharField(source="description")
    themas = serializers.SlugRelatedField(source="themes", slug_field="code", many=True,
                                          read_only=True)  # fmt: skip
    vertegenwoordigdDoor = serializers.CharField(source="represented_by")
    bestuurlijkeRol = serializers.BooleanField(source="role_administrative")
    ambtelijkeRol = serializers.BooleanField(source="role_official")
    deelnemend = serializers.BooleanField(source="role_participating")
    fora = ForumSerializer(source="forums", many=True, read_only=True)

    class Meta:
        model = Network
        fields = [
            "slug", "url", "webpagina", "naam", "volledigeNaam", "omschrijving", "themas",
            "vertegenwoordigdDoor", "bestuurlijkeRol", "ambtelijkeRol", "deelnemend", "website",
            "fora",
        ]  # fmt: skip


class InspanningSerializer(serializers.ModelSerializer):
    jaar = serializers.IntegerField(source="year")
    nummer = serializers.IntegerField(source="number")
    titel = serializers.CharField(source="title")
    toelichting = serializers.CharField(source="description")
    verwachteOpbrengst = serializers.CharField(source="expected_yield")
    trekker = serializers.CharField(source="lead")
    status = serializers.CharField(source="result_status")
    netwerk = serializers.SerializerMethodField()
    themas = serializers.SlugRelatedField(source="themes", slug_field="code", many=True,
                                          read_only=True)  # fmt: skip

    class Meta:
        model = Effort
        fields = ["id", "jaar", "nummer", "titel", "toelichting", "verwachteOpbrengst", "trekker",
                  "status", "netwerk", "themas"]  # fmt: skip

    def get_netwerk(self, effort) -> str | None:
        """The network's slug, when its page is public."""
        return public_network(effort.network)


class ActiviteitSerializer(serializers.ModelSerializer):
    titel = serializers.CharField(source="title")
    soort = serializers.CharField(source="kind")
    jaar = serializers.IntegerField(source="year")
    begindatum = serializers.DateField(source="starts_on", allow_null=True)
    einddatum = serializers.DateField(source="ends_on", allow_null=True)
    omschrijving = serializers.CharField(source="description")

    class Meta:
        model = Activity
        fields = ["titel", "soort", "jaar", "begindatum", "einddatum", "omschrijving"]


class PartnerstadSerializer(serializers.ModelSerializer):
    url = ApiUrlField("partnerstad-detail", "slug")
    webpagina = WebPageField()
    naam = serializers.CharField(source="name")
    land = serializers.CharField(source="country")
    regio = serializers.CharField(source="region")
    soortBand = serializers.CharField(source="kind")
    sindsJaar = serializers.IntegerField(source="since_year", allow_null=True)
    sindsToelichting = serializers.CharField(source="since_note")
    omschrijving = serializers.CharField(source="description")
    activiteiten = ActiviteitSerializer(source="public_activities", many=True, read_only=True)

    class Meta:
        model = PartnerCity
        fields = ["slug", "url", "webpagina", "naam", "land", "regio", "soortBand", "sindsJaar",
                  "sindsToelichting", "omschrijving", "website", "activiteiten"]  # fmt: skip


class BegrotingsregelSerializer(serializers.ModelSerializer):
    jaar = serializers.IntegerField(source="year")
    productCode = serializers.CharField(source="product.code")
    product = serializers.CharField(source="product.name")
    omschrijving = serializers.CharField(source="name")
    categorie = serializers.CharField(source="category")
    structureelOfIncidenteel = serializers.CharField(source="recurrence")
    bedrag = serializers.DecimalField(source="amount", max_digits=12, decimal_places=2,
                                      coerce_to_string=False)  # fmt: skip
    herkomst = serializers.CharField(source="basis")
    toelichting = serializers.CharField(source="note")
    partnerstad = serializers.SlugRelatedField(
        source="partner_city", slug_field="slug", read_only=True, allow_null=True
    )

    class Meta:
        model = BudgetLine
        fields = ["id", "jaar", "productCode", "product", "omschrijving", "categorie",
                  "structureelOfIncidenteel", "bedrag", "herkomst", "toelichting",
                  "partnerstad"]  # fmt: skip


class EvenementSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uid")
    url = ApiUrlField("evenement-detail", "slug")
    webpagina = WebPageField()
    taal = serializers.SerializerMethodField()
    titel = serializers.SerializerMethodField()
    tekst = serializers.SerializerMethodField()
    datumPrecisie = serializers.CharField(source="date_precision")
    begin = serializers.DateTimeField(source="starts_at")
    einde = serializers.DateTimeField(source="ends_at", allow_null=True)
    locatie = serializers.CharField(source="venue")
    adres = serializers.CharField(source="address")
    plaats = serializers.CharField(source="city")
    land = serializers.CharField(source="country")
    organisator = serializers.CharField(source="organiser_name")
    netwerk = serializers.SerializerMethodField()
    partnerstad = serializers.SlugRelatedField(
        source="partner_city", slug_field="slug", read_only=True, allow_null=True
    )
    themas = serializers.SlugRelatedField(source="themes", slug_field="code", many=True,
                                          read_only=True)  # fmt: skip
    voorbeeld = serializers.BooleanField(source="is_example")

    class Meta:
        model = Event
        fields = ["id", "slug", "url", "webpagina", "taal", "titel", "tekst", "datumPrecisie",
                  "begin", "einde", "locatie", "adres", "plaats", "land", "organisator",
                  "website", "netwerk", "partnerstad", "themas", "voorbeeld"]  # fmt: skip

    def text_language(self, event):
        language = get_language()
        return language if event.translation_in(language) is not None else "nl"

    def text_in(self, event, field):
        translation = event.translation_in(self.text_language(event))
        return getattr(translation, field) if translation is not None else ""

    def get_taal(self, event) -> str:
        """The language of title and text: the one asked for, or Dutch when not translated."""
        return self.text_language(event)

    def get_titel(self, event) -> str:
        return self.text_in(event, "title")

    def get_tekst(self, event) -> str:
        return self.text_in(event, "text")

    def get_netwerk(self, event) -> str | None:
        return public_network(event.network)


class PartnerSerializer(serializers.ModelSerializer):
    naam = serializers.CharField(source="name")
    plaats = serializers.CharField(source="city")
    land = serializers.CharField(source="country")
    omschrijving = serializers.CharField(source="description")
    # In the language asked for, else in Dutch; `taal` says which (Organisation.public_activities).
    taal = serializers.CharField(source="public_activities.language", read_only=True)
    internationaleActiviteiten = serializers.CharField(source="public_activities.text")
    themas = serializers.SlugRelatedField(source="themes", slug_field="code", many=True,
                                          read_only=True)  # fmt: skip
    netwerken = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = ["id", "naam", "plaats", "land", "website", "omschrijving", "taal",
                  "internationaleActiviteiten", "themas", "netwerken"]  # fmt: skip

    def get_netwerken(self, partner) -> list[str]:
        """The slugs of the partner's networks that have a public page."""
        return [network.slug for network in partner.public_networks]


class VoorstelSerializer(serializers.ModelSerializer):
    nummer = serializers.IntegerField(source="number")
    titel = serializers.CharField(source="title")
    samenvatting = serializers.CharField(source="summary")
    verantwoordelijk = serializers.CharField(source="owner")
    webpagina = WebPageField()
    themas = serializers.SlugRelatedField(source="themes", slug_field="code", many=True,
                                          read_only=True)  # fmt: skip

    class Meta:
        model = Proposal
        fields = ["nummer", "titel", "samenvatting", "verantwoordelijk", "status", "webpagina",
                  "themas"]  # fmt: skip


class BeslispuntSerializer(serializers.ModelSerializer):
    nummer = serializers.IntegerField(source="number")
    tekst = serializers.CharField(source="text")
    bedrag = serializers.DecimalField(source="amount", max_digits=12, decimal_places=2,
                                      coerce_to_string=False, allow_null=True)  # fmt: skip
    uitkomst = serializers.CharField(source="outcome")
    beslotenOp = serializers.DateField(source="decided_on", allow_null=True)

    class Meta:
        model = DecisionPoint
        fields = ["nummer", "tekst", "bedrag", "uitkomst", "beslotenOp"]


class StapSerializer(serializers.ModelSerializer):
    volgorde = serializers.IntegerField(source="position")
    soort = serializers.CharField(source="kind")
    datum = serializers.DateField(source="date", allow_null=True)
    titel = serializers.CharField(source="title")
    zaaknummer = serializers.CharField(source="case_number")
    omschrijving = serializers.CharField(source="description")

    class Meta:
        model = ProcessStep
        fields = ["volgorde", "soort", "datum", "titel", "zaaknummer", "omschrijving"]


class RaadsvoorstelSerializer(serializers.ModelSerializer):
    url = ApiUrlField("raadsvoorstel-detail", "case_number", lookup_url_kwarg="zaaknummer")
    webpagina = WebPageField()
    zaaknummer = serializers.CharField(source="case_number")
    onderwerp = serializers.CharField(source="subject")
    raadsvergadering = serializers.DateField(source="council_meeting_on", allow_null=True)
    voorstellen = VoorstelSerializer(source="public_proposals", many=True, read_only=True)
    beslispunten = BeslispuntSerializer(source="decision_points", many=True, read_only=True)
    stappen = StapSerializer(source="steps", many=True, read_only=True)

    class Meta:
        model = CouncilProposal
        fields = ["zaaknummer", "url", "webpagina", "onderwerp", "status", "raadsvergadering",
                  "voorstellen", "beslispunten", "stappen"]  # fmt: skip


# --- Open Raadsinformatie --------------------------------------------------------------------


class InformatieobjectSerializer(serializers.ModelSerializer):
    """A council document as a PDF, in the shape of Open Raadsinformatie's informatieobject."""

    url = ApiUrlField("informatieobject-detail", "pk")
    titel = serializers.SerializerMethodField()
    informatieobjecttype = serializers.CharField(source="kind")
    datum = serializers.DateTimeField(source="finished_at", allow_null=True)
    taal = serializers.SerializerMethodField()
    formaat = serializers.SerializerMethodField()
    bestandsomvang = serializers.IntegerField(source="file_size", allow_null=True)
    inhoud = serializers.SerializerMethodField()
    raadsvoorstel = serializers.HyperlinkedRelatedField(
        source="council_proposal", view_name="api:raadsvoorstel-detail",
        lookup_field="case_number", lookup_url_kwarg="zaaknummer", read_only=True,
    )  # fmt: skip

    class Meta:
        model = DocumentExport
        fields = ["id", "url", "titel", "informatieobjecttype", "datum", "taal", "formaat",
                  "bestandsomvang", "inhoud", "raadsvoorstel"]  # fmt: skip

    def get_titel(self, export) -> str:
        return f"{export.get_kind_display()}: {export.council_proposal.subject}"

    def get_taal(self, export) -> str:
        """ISO 639-2/B, as Open Raadsinformatie gives it."""
        return "dut"

    def get_formaat(self, export) -> str:
        return "application/pdf"

    @extend_schema_field(OpenApiTypes.URI)
    def get_inhoud(self, export):
        return absolute(
            self.context.get("request"), reverse("api:informatieobject-inhoud", args=[export.pk])
        )


class BesluitSerializer(serializers.ModelSerializer):
    """A decision point as Open Raadsinformatie's besluit, with the document it stands in."""

    url = ApiUrlField("besluit-detail", "pk")
    titel = serializers.CharField(source="text")
    type = serializers.SerializerMethodField()
    datum = serializers.SerializerMethodField()
    taal = serializers.SerializerMethodField()
    uitkomst = serializers.CharField(source="outcome")
    raadsvoorstel = serializers.HyperlinkedRelatedField(
        source="council_proposal", view_name="api:raadsvoorstel-detail",
        lookup_field="case_number", lookup_url_kwarg="zaaknummer", read_only=True,
    )  # fmt: skip
    document = serializers.SerializerMethodField()

    class Meta:
        model = DecisionPoint
        fields = ["id", "url", "titel", "type", "datum", "taal", "uitkomst", "raadsvoorstel",
                  "document"]  # fmt: skip

    def get_type(self, point) -> str:
        return "besluitpunt"

    @extend_schema_field({"type": "string", "format": "date", "nullable": True})
    def get_datum(self, point):
        """The day it was decided, or else the council meeting it is on."""
        day = point.decided_on or point.council_proposal.council_meeting_on
        return day.isoformat() if day else None

    def get_taal(self, point) -> str:
        return "dut"

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_document(self, point):
        """The PDF of the council proposal (the newest export), if there is one."""
        exports = getattr(point.council_proposal, "public_documents", [])
        if not exports:
            return None
        return absolute(
            self.context.get("request"),
            reverse("api:informatieobject-inhoud", args=[exports[0].pk]),
        )

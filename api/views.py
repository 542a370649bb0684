"""The public read-only API (/api/v1/), to the NL GOV API Design Rules.

Every client is an anonymous visitor: the API shows what the public pages show, through each
model's visible_to(), never a draft and nothing of the contact registry but the public partners.
"""

from django.conf import settings
from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny

from agenda.models import Event
from budget.models import BudgetLine
from contacts.models import Organisation
from networks.models import Effort, Forum, Network, Theme
from partnercity.models import Activity, PartnerCity
from proposals.constants import ExportStatus
from proposals.models import CouncilProposal, DecisionPoint, DocumentExport, Proposal

from . import filters, serializers
from .pagination import MAX_LIMIT

PUBLIC = None  # visible_to(None): what an anonymous visitor may see
LANGUAGES = [code for code, _name in settings.LANGUAGES]

LANGUAGE_PARAMETER = OpenApiParameter(
    "taal",
    OpenApiTypes.STR,
    enum=LANGUAGES,
    description="Taal van namen en teksten (nl, de of en); standaard nl.",
)


def check_query(request, allowed, filterset_class, queryset):
    """Collect every bad query parameter at once: unknown keys, bad filter values, bad paging."""
    errors = {}
    for key in request.query_params:
        if key not in allowed:
            errors[key] = [f"Onbekende parameter '{key}'."]
    for key in ("page", "limit"):
        value = request.query_params.get(key)
        if value is None or key not in allowed:
            continue
        if not value.isascii() or not value.isdigit() or int(value) < 1:
            errors[key] = ["Geef een geheel getal vanaf 1."]
        elif key == "limit" and int(value) > MAX_LIMIT:
            errors[key] = [f"Ten hoogste {MAX_LIMIT} per pagina."]
    language = request.query_params.get("taal")
    if language is not None and language not in LANGUAGES:
        errors["taal"] = [f"Onbekende taal; kies uit {', '.join(LANGUAGES)}."]
    if filterset_class is not None:
        filterset = filterset_class(request.query_params, queryset=queryset, request=request)
        if not filterset.is_valid():
            for name, messages in filterset.errors.items():
                errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def public_schema(list_summary, list_description, one_summary, one_description):
    """The schema of a public viewset: its list and its one record, both taking `taal`."""
    return extend_schema_view(
        list=extend_schema(
            summary=list_summary, parameters=[LANGUAGE_PARAMETER], description=list_description
        ),
        retrieve=extend_schema(
            summary=one_summary, parameters=[LANGUAGE_PARAMETER], description=one_description
        ),
    )


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    """List and read, for everyone, with all bad parameters in one 400. Answers are rendered in
    the language asked for; the public page cache (core/page_cache.py) keeps them."""

    authentication_classes = []
    permission_classes = [AllowAny]
    filter_backends = [DjangoFilterBackend]

    def allowed_params(self):
        allowed = {"taal"}
        if self.action == "list":
            allowed |= {"page", "limit"}
            if self.filterset_class is not None:
                allowed |= set(self.filterset_class.base_filters)
        return allowed

    def get_filterset_class_for_check(self):
        return self.filterset_class if self.action == "list" else None

    def language(self):
        language = self.request.query_params.get("taal", "nl")
        return language if language in LANGUAGES else "nl"

    def answer(self, request, build):
        check_query(
            request,
            self.allowed_params(),
            self.get_filterset_class_for_check(),
            self.get_queryset(),
        )
        with translation.override(self.language()):
            response = build()
            response.accepted_renderer = request.accepted_renderer
            response.accepted_media_type = request.accepted_media_type
            response.renderer_context = self.get_renderer_context()
            response.render()
        return response

    def list(self, request, *args, **kwargs):
        return self.answer(request, lambda: super(PublicViewSet, self).list(request, *args,
                                                                            **kwargs))  # fmt: skip

    def retrieve(self, request, *args, **kwargs):
        return self.answer(
            request, lambda: super(PublicViewSet, self).retrieve(request, *args, **kwargs)
        )


def themes_prefetch(path="themes"):
    return Prefetch(path, queryset=Theme.objects.order_by("kind", "position"))


@public_schema(
    "Raadsvoorstellen",
    "De openbare raadsvoorstellen met hun voorstellen, bespreek- en beslispunten en processtappen.",
    "Eén raadsvoorstel",
    "Een raadsvoorstel op zaaknummer.",
)
class RaadsvoorstelViewSet(PublicViewSet):
    serializer_class = serializers.RaadsvoorstelSerializer
    filterset_class = filters.RaadsvoorstelFilter
    lookup_field = "case_number"
    lookup_url_kwarg = "zaaknummer"

    def get_queryset(self):
        proposals = Proposal.objects.visible_to(PUBLIC).prefetch_related(themes_prefetch())
        return (
            CouncilProposal.objects.visible_to(PUBLIC)
            .prefetch_related(
                Prefetch("proposals", queryset=proposals, to_attr="public_proposals"),
                "decision_points",
                "steps",
            )
            .order_by("-council_meeting_on", "-case_number")
        )


@public_schema(
    "Netwerken",
    "De netwerken waarin de gemeente meedoet, met fora en thema's.",
    "Eén netwerk",
    "Een netwerk op zijn slug.",
)
class NetwerkViewSet(PublicViewSet):
    serializer_class = serializers.NetwerkSerializer
    filterset_class = filters.NetwerkFilter
    lookup_field = "slug"

    def get_queryset(self):
        return (
            Network.objects.visible_to(PUBLIC)
            .prefetch_related(themes_prefetch(), Prefetch("forums", queryset=Forum.objects.all()))
            .order_by("annex_number", "name")
        )


@public_schema(
    "Inspanningen",
    "De inspanningen uit de werkplannen, per jaar te filteren.",
    "Eén inspanning",
    "Een inspanning op nummer.",
)
class InspanningViewSet(PublicViewSet):
    serializer_class = serializers.InspanningSerializer
    filterset_class = filters.InspanningFilter

    def get_queryset(self):
        return (
            Effort.objects.visible_to(PUBLIC)
            .with_result_status()
            .select_related("network")
            .prefetch_related(themes_prefetch())
            .order_by("-year", "number")
        )


@public_schema(
    "Thema's",
    "De Twentse actielijnen en de extra thema's.",
    "Eén thema",
    "Een thema op zijn code.",
)
class ThemaViewSet(PublicViewSet):
    serializer_class = serializers.ThemaSerializer
    filterset_class = filters.ThemaFilter
    lookup_field = "code"

    def get_queryset(self):
        return Theme.objects.order_by("kind", "position")


@public_schema(
    "Partnersteden",
    "De partnersteden met hun openbare activiteiten.",
    "Eén partnerstad",
    "Een partnerstad op haar slug.",
)
class PartnerstadViewSet(PublicViewSet):
    serializer_class = serializers.PartnerstadSerializer
    filterset_class = filters.PartnerstadFilter
    lookup_field = "slug"

    def get_queryset(self):
        activities = Activity.objects.visible_to(PUBLIC).order_by("-year", "-starts_on", "title")
        return PartnerCity.objects.prefetch_related(
            Prefetch("activities", queryset=activities, to_attr="public_activities")
        ).order_by("name")


@public_schema(
    "Begrotingsregels",
    "De regels van de begroting internationaal, per jaar.",
    "Eén begrotingsregel",
    "Een begrotingsregel op nummer.",
)
class BegrotingsregelViewSet(PublicViewSet):
    serializer_class = serializers.BegrotingsregelSerializer
    filterset_class = filters.BegrotingsregelFilter

    def get_queryset(self):
        # Every budget line is public (what it pays for may not be: the serializer asks).
        return BudgetLine.objects.select_related("product", "partner_city").order_by(
            "year", "product__code", "category", "name"
        )


@public_schema(
    "Agenda",
    "De gepubliceerde evenementen van de internationale agenda, in de gevraagde taal "
    "(zonder vertaling in het Nederlands).",
    "Eén evenement",
    "Een gepubliceerd evenement op zijn slug.",
)
class EvenementViewSet(PublicViewSet):
    serializer_class = serializers.EvenementSerializer
    filterset_class = filters.EvenementFilter
    lookup_field = "slug"

    def get_queryset(self):
        return Event.objects.visible_to(PUBLIC).with_relations().order_by("starts_at", "pk")


@public_schema(
    "Lokale partners",
    "De lokale partners die internationaal werken en openbaar vermeld willen worden; "
    "verder niets uit het contactenregister.",
    "Eén lokale partner",
    "Een openbare lokale partner op nummer.",
)
class PartnerViewSet(PublicViewSet):
    serializer_class = serializers.PartnerSerializer
    filterset_class = filters.PartnerFilter

    def get_queryset(self):
        return (
            Organisation.objects.visible_to(PUBLIC)
            .with_activities_in(translation.get_language())
            .prefetch_related(
                themes_prefetch(),
                Prefetch(
                    "networks",
                    queryset=Network.objects.visible_to(PUBLIC).order_by("name"),
                    to_attr="public_networks",
                ),
            )
            .order_by("name", "city", "pk")
        )


def public_documents(council_proposals):
    """The ready PDFs of the public council proposals, newest first."""
    return (
        DocumentExport.objects.filter(
            council_proposal__in=council_proposals, status=ExportStatus.READY
        )
        .exclude(file="")
        .order_by("-finished_at", "-pk")
    )


@public_schema(
    "Informatieobjecten (Open Raadsinformatie)",
    "De raadsdocumenten als PDF, in de vorm van Open Raadsinformatie.",
    "Eén informatieobject",
    "Een raadsdocument op nummer.",
)
class InformatieobjectViewSet(PublicViewSet):
    serializer_class = serializers.InformatieobjectSerializer
    filterset_class = filters.InformatieobjectFilter

    def get_queryset(self):
        return public_documents(CouncilProposal.objects.visible_to(PUBLIC)).select_related(
            "council_proposal"
        )

    @extend_schema(
        summary="De PDF van een informatieobject",
        description="Het document zelf (PDF/A).",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    @action(detail=True, url_path="inhoud", url_name="inhoud")
    def inhoud(self, request, pk=None):
        check_query(request, {"taal"}, None, None)
        export = get_object_or_404(self.get_queryset(), pk=pk)
        name = f"{export.council_proposal.case_number}-{export.kind}.pdf"
        return FileResponse(export.file.open("rb"), content_type="application/pdf", filename=name)


@public_schema(
    "Besluiten (Open Raadsinformatie)",
    "De bespreek- en beslispunten van de openbare raadsvoorstellen, in de vorm van "
    "Open Raadsinformatie.",
    "Eén besluit",
    "Een beslispunt op nummer.",
)
class BesluitViewSet(PublicViewSet):
    serializer_class = serializers.BesluitSerializer
    filterset_class = filters.BesluitFilter

    def get_queryset(self):
        council_proposals = CouncilProposal.objects.visible_to(PUBLIC)
        return (
            DecisionPoint.objects.visible_to(PUBLIC)
            .select_related("council_proposal")
            .prefetch_related(
                Prefetch(
                    "council_proposal__exports",
                    queryset=public_documents(council_proposals),
                    to_attr="public_documents",
                )
            )
            .order_by("council_proposal__case_number", "number")
        )

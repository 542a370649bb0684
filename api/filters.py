"""Filters of the API: the same choices as the filters on the public pages, camelCase keys."""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema_field

from agenda.constants import Place
from agenda.models import Event
from budget.constants import LineCategory, Recurrence
from budget.models import BudgetLine, BudgetProduct
from contacts.models import Organisation
from networks.constants import Lead, Representation, ResultStatus, ThemeKind
from networks.models import Effort, Network, Theme
from partnercity.models import PartnerCity
from proposals.constants import CouncilProposalStatus, DecisionOutcome, DocumentKind
from proposals.models import CouncilProposal, DecisionPoint, DocumentExport

PUBLIC = None  # the API answers every client as an anonymous visitor

YEAR = {"min_value": 2000, "max_value": 2100}


@extend_schema_field({"type": "integer", "minimum": 2000, "maximum": 2100})
class YearFilter(django_filters.NumberFilter):
    """A year from 2000 to 2100, as on the pages."""


class MonthField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if value and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
            raise ValidationError("Geef een maand als JJJJ-MM, bijvoorbeeld 2027-03.")
        return value


class MonthFilter(django_filters.CharFilter):
    field_class = MonthField

    def filter(self, qs, value):
        if not value:
            return qs
        year, month = (int(part) for part in value.split("-"))
        return qs.in_month(year, month)


def themes(request=None):
    return Theme.objects.all()


def networks(request=None):
    return Network.objects.visible_to(PUBLIC)


class ThemaFilter(django_filters.FilterSet):
    soort = django_filters.ChoiceFilter(field_name="kind", choices=ThemeKind.choices)

    class Meta:
        model = Theme
        fields = []


class NetwerkFilter(django_filters.FilterSet):
    thema = django_filters.ModelChoiceFilter(
        field_name="themes", to_field_name="code", queryset=themes
    )
    vertegenwoordigdDoor = django_filters.ChoiceFilter(
        field_name="represented_by", choices=Representation.choices
    )

    class Meta:
        model = Network
        fields = []


class InspanningFilter(django_filters.FilterSet):
    jaar = YearFilter(field_name="year", **YEAR)
    netwerk = django_filters.ModelChoiceFilter(
        field_name="network", to_field_name="slug", queryset=networks
    )
    thema = django_filters.ModelChoiceFilter(
        field_name="themes", to_field_name="code", queryset=themes
    )
    trekker = django_filters.ChoiceFilter(field_name="lead", choices=Lead.choices)
    status = django_filters.ChoiceFilter(field_name="result_status", choices=ResultStatus.choices)

    class Meta:
        model = Effort
        fields = []


class PartnerstadFilter(django_filters.FilterSet):
    land = django_filters.CharFilter(field_name="country", max_length=2)

    class Meta:
        model = PartnerCity
        fields = []


class BegrotingsregelFilter(django_filters.FilterSet):
    jaar = YearFilter(field_name="year", **YEAR)
    product = django_filters.ModelChoiceFilter(
        field_name="product", to_field_name="code", queryset=BudgetProduct.objects.all()
    )
    categorie = django_filters.ChoiceFilter(field_name="category", choices=LineCategory.choices)
    structureelOfIncidenteel = django_filters.ChoiceFilter(
        field_name="recurrence", choices=Recurrence.choices
    )

    class Meta:
        model = BudgetLine
        fields = []


class EvenementFilter(django_filters.FilterSet):
    maand = MonthFilter(help_text="Evenementen in deze maand (JJJJ-MM).")
    vanaf = django_filters.DateFilter(
        field_name="finishes_at", lookup_expr="date__gte", help_text="Niet voorbij voor deze dag."
    )
    totEnMet = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__lte", help_text="Begint uiterlijk op deze dag."
    )
    thema = django_filters.ModelChoiceFilter(
        field_name="themes", to_field_name="code", queryset=themes
    )
    netwerk = django_filters.ModelChoiceFilter(
        field_name="network", to_field_name="slug", queryset=networks
    )
    partnerstad = django_filters.ModelChoiceFilter(
        field_name="partner_city", to_field_name="slug", queryset=PartnerCity.objects.all()
    )
    waar = django_filters.ChoiceFilter(choices=Place.choices, method="filter_where")

    class Meta:
        model = Event
        fields = []

    def filter_where(self, queryset, name, value):
        return queryset.at_place(value)


class PartnerFilter(django_filters.FilterSet):
    thema = django_filters.ModelChoiceFilter(
        field_name="themes", to_field_name="code", queryset=themes
    )
    netwerk = django_filters.ModelChoiceFilter(
        field_name="networks", to_field_name="slug", queryset=networks
    )

    class Meta:
        model = Organisation
        fields = []


class RaadsvoorstelFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=CouncilProposalStatus.choices)

    class Meta:
        model = CouncilProposal
        fields = []


def council_proposals(request=None):
    return CouncilProposal.objects.visible_to(PUBLIC)


class InformatieobjectFilter(django_filters.FilterSet):
    raadsvoorstel = django_filters.ModelChoiceFilter(
        field_name="council_proposal", to_field_name="case_number", queryset=council_proposals
    )
    informatieobjecttype = django_filters.ChoiceFilter(
        field_name="kind", choices=DocumentKind.choices
    )

    class Meta:
        model = DocumentExport
        fields = []


class BesluitFilter(django_filters.FilterSet):
    raadsvoorstel = django_filters.ModelChoiceFilter(
        field_name="council_proposal", to_field_name="case_number", queryset=council_proposals
    )
    uitkomst = django_filters.ChoiceFilter(field_name="outcome", choices=DecisionOutcome.choices)

    class Meta:
        model = DecisionPoint
        fields = []

import django_filters
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.lists import BootstrapFilterSet
from core.params import MAX_ID
from core.select import SearchableSelect
from networks.constants import NETWORK_SEARCH
from networks.models import Network, Theme

from .constants import (
    AccessAction,
    InteractionKind,
    LegalBasis,
    OpportunityKind,
    OpportunityStatus,
    OrganisationKind,
    Purpose,
)
from .models import (
    AccessLog,
    Colleague,
    Department,
    GrantExpertise,
    GrantProgramme,
    Interaction,
    Language,
    Opportunity,
    Organisation,
    Person,
)

YES_NO = [("ja", _("ja")), ("nee", _("nee"))]


class IdFilter(django_filters.NumberFilter):
    """A record number: a larger number than the database holds is a bad filter value (dropped
    with a message), not a crash in the database driver."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"


class SearchFilter(django_filters.CharFilter):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Zoeken"))
        kwargs.setdefault("method", "search")
        super().__init__(**kwargs)


def visible_networks(request):
    """The networks the visitor may see: the public list must not name an internal one."""
    user = getattr(request, "user", None) or AnonymousUser()
    return Network.objects.visible_to(user).only("name")  # what an option shows (issue 17)


class OrganisationFilter(BootstrapFilterSet):
    q = SearchFilter()
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=OrganisationKind.choices)
    country = django_filters.CharFilter(label=_("Land (code)"), method="filter_country")
    themes = django_filters.ModelChoiceFilter(label=_("Thema"), queryset=Theme.objects.only("name"))
    networks = django_filters.ModelChoiceFilter(
        label=_("Netwerk"),
        queryset=visible_networks,
        widget=SearchableSelect("contacts:organisation-filter-options", NETWORK_SEARCH),
    )
    public = django_filters.ChoiceFilter(
        label=_("Openbare partner"), choices=YES_NO, method="filter_public"
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "country", "themes", "networks", "public"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is None or not request.user.has_perm("contacts.view_organisation"):
            # The public list holds only public partners; the filter would mean nothing.
            del self.filters["public"]

    def search(self, queryset, name, value):
        query = Q()
        for word in value.split():
            query &= (
                Q(name__icontains=word)
                | Q(city__icontains=word)
                | Q(translations__international_activities__icontains=word)
            )
        return queryset.filter(query).distinct()

    def filter_country(self, queryset, name, value):
        return queryset.filter(country=value.strip().upper())

    def filter_public(self, queryset, name, value):
        return queryset.filter(is_public_partner=value == "ja")


def organisation_filters(field_name="organisation"):
    """A hidden filter on one organisation (for links) and a search on its name (for people):
    a select with every organisation would be slow to render and hard to use at hundreds."""
    return (
        IdFilter(field_name=field_name, widget=forms.HiddenInput),
        django_filters.CharFilter(
            label=_("Organisatie"), field_name=f"{field_name}__name", lookup_expr="icontains"
        ),
    )


class PersonFilter(BootstrapFilterSet):
    q = SearchFilter()
    organisation, organisation_name = organisation_filters()
    languages = django_filters.ModelChoiceFilter(
        label=_("Taal"), queryset=Language.objects.only("name")
    )
    purpose = django_filters.ChoiceFilter(label=_("Doel"), choices=Purpose.choices)
    legal_basis = django_filters.ChoiceFilter(label=_("Grondslag"), choices=LegalBasis.choices)
    overdue = django_filters.ChoiceFilter(
        label=_("Herbeoordeling verlopen"), choices=YES_NO, method="filter_overdue"
    )

    class Meta:
        model = Person
        fields = [
            "q",
            "organisation",
            "organisation_name",
            "languages",
            "purpose",
            "legal_basis",
            "overdue",
        ]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        if value == "ja":
            return queryset.filter(review_on__lt=today)
        return queryset.filter(review_on__gte=today)


class InteractionFilter(BootstrapFilterSet):
    q = SearchFilter()
    organisation, organisation_name = organisation_filters()
    person = IdFilter(widget=forms.HiddenInput)
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=InteractionKind.choices)
    date_from = django_filters.DateFilter(
        label=_("Vanaf"), field_name="occurred_on", lookup_expr="gte", widget=DateInput
    )
    date_to = django_filters.DateFilter(
        label=_("Tot en met"), field_name="occurred_on", lookup_expr="lte", widget=DateInput
    )
    open_follow_up = django_filters.ChoiceFilter(
        label=_("Opvolging open"), choices=YES_NO, method="filter_open"
    )

    class Meta:
        model = Interaction
        fields = [
            "q",
            "organisation",
            "organisation_name",
            "person",
            "kind",
            "date_from",
            "date_to",
            "open_follow_up",
        ]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def filter_open(self, queryset, name, value):
        if value == "ja":
            return queryset.open_follow_ups()
        return queryset.exclude(follow_up_on__isnull=False, follow_up_done_on__isnull=True)


class OpportunityFilter(BootstrapFilterSet):
    q = SearchFilter()
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=OpportunityKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OpportunityStatus.choices)
    theme = django_filters.ModelChoiceFilter(label=_("Thema"), queryset=Theme.objects.all())
    department = django_filters.ModelChoiceFilter(
        label=_("Afdeling"), queryset=Department.objects.all()
    )
    assigned_to = django_filters.ModelChoiceFilter(
        label=_("Doorgezet naar"), queryset=Colleague.objects.select_related("department")
    )
    from_organisation, from_organisation_name = organisation_filters("from_organisation")

    class Meta:
        model = Opportunity
        fields = [
            "q",
            "kind",
            "status",
            "theme",
            "department",
            "assigned_to",
            "from_organisation",
            "from_organisation_name",
        ]

    def search(self, queryset, name, value):
        return queryset.search(value)


class GrantExpertiseFilter(BootstrapFilterSet):
    q = SearchFilter()
    programme = django_filters.ModelChoiceFilter(
        label=_("Programma"), queryset=GrantProgramme.objects.all()
    )
    themes = django_filters.ModelChoiceFilter(label=_("Thema"), queryset=Theme.objects.all())
    department = django_filters.ModelChoiceFilter(
        label=_("Afdeling"),
        field_name="colleague__department",
        queryset=Department.objects.all(),
    )

    class Meta:
        model = GrantExpertise
        fields = ["q", "programme", "themes", "department"]

    def search(self, queryset, name, value):
        query = Q()
        for word in value.split():
            query &= (
                Q(programme__name__icontains=word)
                | Q(experience__icontains=word)
                | Q(colleague__department__name__icontains=word)
            )
        return queryset.filter(query)


class AccessLogFilter(BootstrapFilterSet):
    person = IdFilter(label=_("Persoon (nummer)"))
    user = django_filters.CharFilter(
        label=_("Gebruiker"), field_name="user__username", lookup_expr="iexact"
    )
    action = django_filters.ChoiceFilter(label=_("Handeling"), choices=AccessAction.choices)
    date_from = django_filters.DateFilter(
        label=_("Vanaf"), field_name="at__date", lookup_expr="gte", widget=DateInput
    )

    class Meta:
        model = AccessLog
        fields = ["person", "user", "action", "date_from"]

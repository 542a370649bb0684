import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.lists import BootstrapFilterSet
from core.select import SearchableSelect
from networks.constants import ResultStatus
from networks.filters import NETWORK_SEARCH, visible_networks
from networks.models import Effort, Theme

from .constants import ReportGroup
from .figures import annotate_efforts


class ResultFilter(BootstrapFilterSet):
    """The results overview: by result status, report group, network, theme or text."""

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Resultaat"),
        field_name="result_status",
        choices=ResultStatus.choices,
        empty_label=_("Alle statussen"),
    )
    groep = django_filters.ChoiceFilter(
        label=_("Onderdeel"),
        field_name="report_group",
        choices=ReportGroup.choices,
        empty_label=_("Alle onderdelen"),
    )
    netwerk = django_filters.ModelChoiceFilter(
        label=_("Netwerk"),
        field_name="network",
        to_field_name="slug",
        queryset=visible_networks,
        empty_label=_("Alle netwerken"),
        widget=SearchableSelect("results:filter-options", NETWORK_SEARCH),
    )
    thema = django_filters.ModelChoiceFilter(
        label=_("Thema"),
        to_field_name="code",
        queryset=Theme.objects.all(),
        method="filter_theme",
        empty_label=_("Alle thema's"),
    )

    class Meta:
        model = Effort
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, annotate_efforts(queryset), **kwargs)

    def search(self, queryset, name, value):
        for term in value.split()[:8]:
            queryset = queryset.filter(
                Q(title__icontains=term)
                | Q(expected_yield__icontains=term)
                | Q(result__summary__icontains=term)
                | Q(result__evaluation__icontains=term)
            )
        return queryset

    def filter_theme(self, queryset, name, value):
        through = Effort.themes.through.objects.filter(effort=OuterRef("pk"), theme=value)
        return queryset.filter(Exists(through))

import django_filters
from django.utils.translation import gettext_lazy as _

from core.lists import BootstrapFilterSet
from core.select import search
from networks.constants import ResultStatus
from networks.filters import effort_network_filter, effort_theme_filter
from networks.models import Effort

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
    netwerk = effort_network_filter("results:filter-options")
    thema = effort_theme_filter()

    class Meta:
        model = Effort
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, annotate_efforts(queryset), **kwargs)

    def search(self, queryset, name, value):
        fields = ("title", "expected_yield", "result__summary", "result__evaluation")
        return search(queryset, fields, value)

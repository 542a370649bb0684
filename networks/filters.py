import django_filters
from django import forms
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from core.lists import BootstrapFilterSet
from core.select import SearchableSelect, search

from .constants import NETWORK_SEARCH, Lead, Representation, ResultStatus, own_choices
from .models import Effort, Network, Theme, YieldKind


def visible_networks(request):
    user = getattr(request, "user", None)
    return Network.objects.visible_to(user).order_by("name")


def effort_network_filter(options_url):
    """The filter on an effort's network (the work plan, the results), its options from
    `options_url`."""
    return django_filters.ModelChoiceFilter(
        label=_("Netwerk"),
        field_name="network",
        to_field_name="slug",
        queryset=visible_networks,
        empty_label=_("Alle netwerken"),
        widget=SearchableSelect(options_url, NETWORK_SEARCH),
    )


def filter_effort_theme(queryset, name, value):
    """Efforts with the theme, without a join that would repeat a row."""
    through = Effort.themes.through.objects.filter(effort=OuterRef("pk"), theme=value)
    return queryset.filter(Exists(through))


def effort_theme_filter():
    """The filter on one of an effort's themes (the work plan, the results)."""
    return django_filters.ModelChoiceFilter(
        label=_("Thema"),
        to_field_name="code",
        queryset=Theme.objects.all(),
        method=filter_effort_theme,
        empty_label=_("Alle thema's"),
    )


class DutchOrderingFilter(django_filters.OrderingFilter):
    """Sort on the chosen column, then by year and number so the order is stable."""

    def filter(self, qs, value):
        if value in ([], (), {}, "", None):
            return qs
        ordering = [self.get_ordering_value(param) for param in value]
        return qs.order_by(*ordering, "-year", "number")


class EffortFilter(BootstrapFilterSet):
    """The facets of the work plan; each has a Dutch parameter name for bookmarkable URLs."""

    # facet parameter -> the field whose values are counted
    FACETS = {
        "jaar": "year",
        "netwerk": "network",
        "thema": "themes",
        "opbrengst": "yield_kinds",
        "trekker": "lead",
        "status": "result_status",
    }

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    jaar = django_filters.NumberFilter(
        label=_("Jaar"),
        field_name="year",
        min_value=2000,
        max_value=2100,
        decimal_places=0,
        widget=forms.Select(choices=[("", _("Alle jaren"))]),
    )
    netwerk = effort_network_filter("networks:effort-filter-options")
    thema = effort_theme_filter()
    opbrengst = django_filters.ModelChoiceFilter(
        label=_("Verwachte opbrengst"),
        to_field_name="name",
        queryset=YieldKind.objects.all(),
        method="filter_yield",
        empty_label=_("Alle soorten"),
    )
    trekker = django_filters.ChoiceFilter(
        label=_("Trekker"),
        field_name="lead",
        choices=Lead.choices,
        empty_label=_("Alle trekkers"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        field_name="result_status",
        choices=ResultStatus.choices,
        empty_label=_("Alle statussen"),
    )
    sorteer = DutchOrderingFilter(
        label=_("Sorteren op"),
        fields=(
            ("year", "jaar"),
            ("title", "inspanning"),
            ("expected_yield", "opbrengst"),
            ("lead", "trekker"),
            ("network__name", "netwerk"),
            ("result_status", "status"),
        ),
        field_labels={
            "year": _("jaar"),
            "title": _("inspanning"),
            "expected_yield": _("verwachte opbrengst"),
            "lead": _("trekker"),
            "network__name": _("netwerk"),
            "result_status": _("status"),
            # Written out, so that they follow the page's language: django-filter would format
            # "%s (descending)" once, in Dutch, when the class is defined.
            "-jaar": _("jaar (aflopend)"),
            "-inspanning": _("inspanning (aflopend)"),
            "-opbrengst": _("verwachte opbrengst (aflopend)"),
            "-trekker": _("trekker (aflopend)"),
            "-netwerk": _("netwerk (aflopend)"),
            "-status": _("status (aflopend)"),
        },
        empty_label=_("Standaard (jaar, nummer)"),
    )

    class Meta:
        model = Effort
        fields = []

    def search(self, queryset, name, value):
        fields = ("title", "description", "expected_yield", "network__name", "forum__name")
        return search(queryset, fields, value)

    def filter_yield(self, queryset, name, value):
        through = Effort.yield_kinds.through.objects.filter(effort=OuterRef("pk"), yieldkind=value)
        return queryset.filter(Exists(through))

    def facet_counts(self):
        """Count the rows per facet value, each facet under every filter but its own."""
        data = self.form.cleaned_data if hasattr(self.form, "cleaned_data") else {}
        counts = {}
        filtered = {}  # the names of the filters applied -> the queryset (facets share them)
        for facet, field in self.FACETS.items():
            names = tuple(
                name
                for name, value in data.items()
                if name not in (facet, "sorteer") and value not in (None, "", [], ())
            )
            queryset = filtered.get(names)
            if queryset is None:
                queryset = self.queryset
                for name in names:
                    queryset = self.filters[name].filter(queryset, data[name])
                queryset = filtered[names] = queryset.order_by()
            rows = queryset.values(field).annotate(n=Count("pk", distinct=True))
            counts[facet] = {row[field]: row["n"] for row in rows if row[field] is not None}
        return counts

    def label_facets(self, counts):
        """Show the number of rows next to every choice of the facet selects."""
        fields = self.form.fields
        years = counts["jaar"]
        self.facet_years = set(years)
        cleaned = getattr(self.form, "cleaned_data", {})
        selected_year = cleaned.get("jaar")
        year_values = sorted(set(years) | ({int(selected_year)} if selected_year else set()))
        fields["jaar"].widget.choices = [("", _("Alle jaren"))] + [
            (str(year), f"{year} ({years.get(year, 0)})") for year in reversed(year_values)
        ]
        for facet, choices in (("trekker", own_choices(Lead)), ("status", ResultStatus.choices)):
            fields[facet].choices = [
                (value, f"{label} ({counts[facet].get(value, 0)})") for value, label in choices
            ]
        for facet in ("netwerk", "thema", "opbrengst"):
            facet_counts = counts[facet]
            fields[facet].label_from_instance = lambda obj, facet_counts=facet_counts: (
                f"{obj} ({facet_counts.get(obj.pk, 0)})"
            )


class NetworkFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    thema = django_filters.ModelChoiceFilter(
        label=_("Thema"),
        field_name="themes",
        to_field_name="code",
        queryset=Theme.objects.all(),
        empty_label=_("Alle thema's"),
    )
    vertegenwoordigd = django_filters.ChoiceFilter(
        label=_("Vertegenwoordigd door"),
        field_name="represented_by",
        choices=Representation.choices,
        empty_label=_("Iedereen"),
    )

    class Meta:
        model = Network
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["vertegenwoordigd"].choices = own_choices(Representation)

    def search(self, queryset, name, value):
        return search(queryset, ("name", "full_name", "description", "theme_summary"), value)

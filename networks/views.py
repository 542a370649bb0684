from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from budget.constants import LineCategory
from budget.models import BudgetLine
from core.lists import (
    FilteredExportView,
    FilteredListMixin,
    count_of,
    related_of,
    with_counts,
)
from partnercity.models import Activity
from proposals.models import Proposal

from .effort_rows import effort_rows, effort_values
from .event_rows import event_items, network_events
from .filters import EffortFilter, NetworkFilter
from .models import Effort, Forum, Network, Theme
from .network_rows import network_rows
from .theme_matrix import ThemeColumns

NETWORK_ORDER = (F("annex_number").asc(nulls_last=True), "name")


def membership_lines():
    """The membership lines up to this year, latest first: the first is the current cost."""
    return Prefetch(
        "budget_lines",
        queryset=BudgetLine.objects.filter(
            category=LineCategory.MEMBERSHIP, year__lte=timezone.localdate().year
        ).order_by("-year"),
        to_attr="membership_lines",
    )


# --- networks ------------------------------------------------------------------------------------


class NetworkListView(FilteredListMixin, ListView):
    """Every network with its themes, who represents the municipality, its role and the cost."""

    model = Network
    filterset_class = NetworkFilter
    template_name = "networks/network_list.html"
    context_object_name = "networks"
    paginate_by = 50

    def get_base_queryset(self):
        user = self.request.user
        return (
            Network.objects.visible_to(user)
            .annotate(n_efforts=count_of(Effort.objects.visible_to(user), "network"))
            .annotate(n_forums=count_of(Forum.objects.all(), "network"))
            .prefetch_related(membership_lines())
            .order_by(*NETWORK_ORDER)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chips = {}
        themes = related_of(context["networks"], "themes")
        for network in context["networks"]:
            network.theme_chips = theme_chips(themes.get(network.pk, ()), chips)
        context["network_rows"] = network_rows(context["networks"])
        return context


def theme_chips(themes, chips):
    """The themes as links, each built once per page in `chips` (theme pk -> HTML): fifty rows
    of three chips each cost the list page a third of its render (issue 17)."""
    html = []
    for theme in themes:
        chip = chips.get(theme.pk)
        if chip is None:
            chip = chips[theme.pk] = format_html(
                '<a class="theme-chip" href="{}">{}</a>', theme.get_absolute_url(), theme.name
            )
        html.append(chip)
    return mark_safe(" ".join(html))  # noqa: S308 - each chip built by format_html


class NetworkDetailView(DetailView):
    template_name = "networks/network_detail.html"
    context_object_name = "network"

    def get_queryset(self):
        return (
            Network.objects.visible_to(self.request.user)
            .select_related("partner_city")
            .prefetch_related("themes")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        network = self.object
        user = self.request.user
        events = network_events(network, user)
        context.update(
            # the page shows a forum's theme_summary and no effort's themes
            forums=sorted(
                network.forums.all(),
                key=lambda forum: (forum.letter == "", forum.letter, forum.name),
            ),
            budget_lines=list(
                network.budget_lines.select_related("product").order_by("-year", "name")
            ),
            efforts=list(
                network.efforts.visible_to(user)
                .select_related("forum", "result")
                .order_by("-year", "number")
            ),
            proposals=list(
                Proposal.objects.visible_to(user)
                .filter(networks=network)
                .select_related("council_proposal")
                .order_by("council_proposal", "number")
            ),
            events=events,
            event_items=event_items(events),
        )
        return context


# --- efforts -------------------------------------------------------------------------------------


class EffortTableMixin(FilteredListMixin):
    model = Effort
    filterset_class = EffortFilter
    sort_columns = {
        "year": "jaar",
        "title": "inspanning",
        "yield": "opbrengst",
        "lead": "trekker",
        "network": "netwerk",
        "status": "status",
    }

    def get_base_queryset(self):
        return (
            Effort.objects.visible_to(self.request.user)
            .with_result_status()
            .select_related("network", "forum", "result")
        )


class EffortListView(EffortTableMixin, ListView):
    """The yearly work plan as a table with facets, free-text search, sorting and counts."""

    template_name = "networks/effort_list.html"
    context_object_name = "efforts"
    paginate_by = 50

    def get_filterset(self):
        """One year at a time: without a year in the address, the latest published plan."""
        if "jaar" not in self.request.GET:
            year = Effort.objects.latest_public_year()
            if year is not None:
                self.request.GET = self.request.GET.copy()
                self.request.GET["jaar"] = str(year)
        return super().get_filterset()

    def get_paginator(self, queryset, per_page, **kwargs):
        """The rows are counted among the facets (issue 17: a query less): the year facet counts
        the rows of each year under every other filter, so the chosen year's count, or all of
        them without a year, is the list's."""
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        self.facets = self.filterset.facet_counts()
        years = self.facets["jaar"]
        year = getattr(self.filterset.form, "cleaned_data", {}).get("jaar")
        paginator.count = sum(years.values()) if year in (None, "") else years.get(int(year), 0)
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.filterset.label_facets(self.facets)
        year = self.filterset.form.cleaned_data.get("jaar") if self.filterset.is_valid() else None
        context["year"] = int(year) if year else None
        context["effort_years"] = list(self.filterset.facet_years)
        # The page's efforts as plain values (one query, as the instances took).
        efforts = effort_values(context["efforts"])
        context["efforts"] = context["object_list"] = context["page_obj"].object_list = efforts
        context["effort_rows"] = effort_rows(
            efforts, related_of(efforts, "themes", model=Effort), self.request.user
        )
        return context


class EffortExportView(EffortTableMixin, FilteredExportView):
    filename = "inspanningen.csv"

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("themes")

    def get_header(self):
        return [
            _("Jaar"),
            _("Nummer"),
            _("Inspanning"),
            _("Verwachte opbrengst"),
            _("Trekker"),
            _("Status"),
            _("Netwerk"),
            _("Forum"),
            _("Thema's"),
            _("Zichtbaarheid"),
            _("Adres"),
        ]

    def get_row(self, effort):
        user = self.request.user
        network = effort.network
        if network is not None and not network.is_visible_to(user):
            network = None
        return [
            effort.year,
            effort.number,
            effort.title,
            effort.expected_yield,
            effort.get_lead_display(),
            effort.get_status_display(),
            network.name if network else "",
            effort.forum.name if effort.forum and network else "",
            ", ".join(theme.name for theme in effort.themes.all()),
            effort.get_visibility_display(),
            self.request.build_absolute_uri(effort.get_absolute_url()),
        ]


class EffortDetailView(DetailView):
    template_name = "networks/effort_detail.html"
    context_object_name = "effort"

    def get_queryset(self):
        return (
            Effort.objects.visible_to(self.request.user)
            .select_related(
                "network",
                "forum",
                "carried_over_from",
                "result__status_set_by",
                "result__eu_project",
                "result__event",
                "result__organisation",
            )
            .prefetch_related("themes", "yield_kinds")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        effort = self.object
        user = self.request.user
        network = effort.network
        context.update(
            network=network if network and network.is_visible_to(user) else None,
            proposals=list(
                Proposal.objects.visible_to(user)
                .filter(efforts=effort)
                .select_related("council_proposal")
                .order_by("council_proposal", "number")
            ),
            eu_projects=list(effort.eu_projects.visible_to(user).select_related("programme")),
            activities=list(
                Activity.objects.visible_to(user)
                .filter(effort=effort)
                .select_related("partner_city")
            ),
        )
        return context


# --- themes --------------------------------------------------------------------------------------


class ThemeListView(ListView):
    """A matrix of networks and themes, with the themes that no network covers.

    The matrix has a page of networks at a time; the counts per theme come from the database
    (issue 17: at 900 networks the whole matrix was 1.1 MB).
    """

    model = Theme
    template_name = "networks/theme_list.html"
    context_object_name = "themes"
    networks_per_page = 50
    page_kwarg = "pagina"

    def get_queryset(self):
        user = self.request.user
        proposal_themes = Theme.proposals.through.objects.filter(
            proposal__in=Proposal.objects.visible_to(user)
        )
        effort_themes = Theme.efforts.through.objects.filter(
            effort__in=Effort.objects.visible_to(user)
        )
        network_themes = Theme.networks.through.objects.filter(
            network__in=Network.objects.visible_to(user)
        )
        return with_counts(
            Theme,
            n_proposals=(proposal_themes, "theme"),
            n_efforts=(effort_themes, "theme"),
            n_networks=(network_themes, "theme"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        themes = list(context["themes"])
        networks = Network.objects.visible_to(self.request.user).order_by(*NETWORK_ORDER)
        paginator = Paginator(networks, self.networks_per_page)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        columns = ThemeColumns(themes)
        networks = page.object_list
        context.update(
            themes=themes,
            theme_columns=columns,
            action_lines=[theme for theme in themes if theme.is_action_line()],
            extra_themes=[theme for theme in themes if not theme.is_action_line()],
            matrix_rows=columns.rows(networks, related_of(networks, "themes")),
            gaps=[theme for theme in themes if theme.n_networks == 0],
            page_obj=page,
            paginator=paginator,
            is_paginated=page.has_other_pages(),
        )
        return context


class ThemeDetailView(DetailView):
    """One theme: the proposals, networks, forums and efforts on it."""

    model = Theme
    template_name = "networks/theme_detail.html"
    context_object_name = "theme"
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        theme = self.object
        user = self.request.user
        networks = Network.objects.visible_to(user)
        context.update(
            proposals=list(
                Proposal.objects.visible_to(user)
                .filter(themes=theme)
                .select_related("council_proposal")
                .order_by("council_proposal", "number")
            ),
            networks=list(networks.filter(themes=theme).order_by(*NETWORK_ORDER)),
            forums=list(
                Forum.objects.visible_to(user).filter(themes=theme).select_related("network")
            ),
            efforts=list(
                Effort.objects.visible_to(user)
                .filter(themes=theme)
                .select_related("network", "result")
                .order_by("-year", "number")
            ),
        )
        return context

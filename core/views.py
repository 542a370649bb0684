import csv
from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponse, StreamingHttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import etag
from django.views.generic import ListView, TemplateView

from budget.models import ProductBudget, StaffPosition
from networks.models import Effort, Network, Theme
from partnercity.models import Activity, PartnerCity
from proposals.models import CouncilProposal, Proposal

from .municipality import current_municipality
from .search import Source, search, search_terms


class EditTransactionMixin:
    """Check a form and save it in one transaction.

    The version check of ``core.forms.VersionedFormMixin`` locks the record's row; inside this
    transaction the lock holds until the save, so two simultaneous saves cannot both pass.
    """

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            return super().post(request, *args, **kwargs)


class HomeView(TemplateView):
    """Show what the portal holds, with counts and links."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        council_proposal = (
            CouncilProposal.objects.visible_to(user)
            .select_related("motion")
            .prefetch_related("steps")
            .annotate(n_proposals=Count("proposals", distinct=True))
            .first()
        )
        context.update(
            council_proposal=council_proposal,
            counts={
                "proposals": Proposal.objects.visible_to(user).count(),
                "networks": Network.objects.visible_to(user).count(),
                "efforts": Effort.objects.visible_to(user).count(),
                "themes": Theme.objects.count(),
                "partner_cities": PartnerCity.objects.count(),
                "positions": StaffPosition.objects.count(),
            },
            product_budgets=ProductBudget.objects.select_related("product").order_by(
                "year", "product__name"
            ),
            positions=StaffPosition.objects.select_related("proposal"),
        )
        return context


class SearchView(TemplateView):
    """Search what the visitor may see, from the header: proposals, networks, efforts,
    partner-city activities, agenda events, public partners and budget lines."""

    template_name = "core/search.html"
    limit = 20

    def sources(self, user):
        from agenda.models import Event
        from budget.models import BudgetLine
        from contacts.models import Organisation
        from proposals.views import proposals_visible_to

        return [
            Source("proposals", _("Voorstellen"),
                   proposals_visible_to(user).select_related("council_proposal"),
                   ["title", "summary", "owner"], snippet="summary"),
            Source("networks", _("Netwerken"), Network.objects.visible_to(user),
                   ["name", "full_name", "description", "theme_summary"], snippet="description"),
            Source("efforts", _("Inspanningen"),
                   Effort.objects.visible_to(user).select_related("network"),
                   ["title", "description", "expected_yield"], snippet="description"),
            Source("activities", _("Activiteiten met partnersteden"),
                   Activity.objects.visible_to(user).select_related("partner_city"),
                   ["title", "description", "partner_city__name"], snippet="description"),
            Source("events", _("Agenda"),
                   Event.objects.visible_to(user).prefetch_related("translations"),
                   ["translations__title", "translations__text", "organiser", "city"],
                   snippet="translations__text", translated=True),
            Source("partners", _("Lokale partners"),
                   Organisation.objects.public_partners(),
                   ["name", "description", "international_activities", "city"],
                   snippet="international_activities"),
            Source("budget", _("Begrotingsregels"),
                   BudgetLine.objects.select_related("product"),
                   ["name", "note", "product__name"], snippet="note"),
        ]  # fmt: skip

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:200]
        terms = search_terms(query)
        groups = []
        if terms:
            groups = search(self.sources(self.request.user), terms, get_language(), self.limit)
        context.update(
            query=query,
            terms=terms,
            too_short=bool(query) and not terms,
            groups=groups,
            total=sum(len(group["results"]) for group in groups),
            limit=self.limit,
        )
        return context


# --- lists with filters, sorting, pagination and CSV export --------------------------------------


class FilteredListMixin:
    """A list filtered by a FilterSet; a bad filter value is dropped with a message, never a 500.

    The view sets `filterset_class`; `sort_columns` maps a column key to the ordering value of
    the FilterSet's `sorteer` parameter, so column headers can link to their own sort order.
    """

    filterset_class = None
    sort_param = "sorteer"
    sort_columns = {}
    page_kwarg = "pagina"
    announce_dropped_filters = True

    def get_base_queryset(self):
        return super().get_queryset()

    def get_filterset(self):
        data = self.request.GET.copy()
        data.pop(self.page_kwarg, None)
        filterset = self.filterset_class(
            data or None, queryset=self.get_base_queryset(), request=self.request
        )
        dropped = {}
        if filterset.is_bound and not filterset.is_valid():
            for name, errors in filterset.errors.items():
                field = filterset.form.fields.get(name)
                label = field.label if field is not None else name
                dropped[name] = {
                    "label": label,
                    "value": (data.get(name) or "")[:60],
                    "errors": errors,
                }
                data.pop(name, None)
            if self.announce_dropped_filters:
                for item in dropped.values():
                    messages.warning(
                        self.request,
                        _(
                            "Het filter ‘%(label)s’ met de waarde ‘%(value)s’ is genegeerd: "
                            "%(error)s"
                        )
                        % {
                            "label": item["label"],
                            "value": item["value"],
                            "error": " ".join(item["errors"]),
                        },
                    )
            # Bound even when nothing is left, so the form can carry the notes below.
            filterset = self.filterset_class(
                data, queryset=self.get_base_queryset(), request=self.request
            )
            filterset.is_valid()
            filterset.qs  # noqa: B018 - filter now, before the notes below mark the form invalid
            for name, item in dropped.items():
                if name not in filterset.form.fields:
                    continue
                # Show the reason at the field too, while the list ignores the value.
                filterset.form.add_error(name, item["errors"])
                widget = filterset.form.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
        filterset.dropped = dropped
        filterset.clean_data = data
        return filterset

    def get_queryset(self):
        self.filterset = self.get_filterset()
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        """Serve the nearest page for a page number that is not a number or out of range."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def query_string(self, **changes):
        """The current (valid) filter state as a query string, with some parameters changed."""
        data = self.filterset.clean_data.copy()
        for key, value in changes.items():
            if value in (None, ""):
                data.pop(key, None)
            else:
                data[key] = value
        pairs = [(key, value) for key in data for value in data.getlist(key) if value != ""]
        return urlencode(pairs)

    def sort_links(self):
        current = self.filterset.clean_data.get(self.sort_param, "")
        links = {}
        for column, value in self.sort_columns.items():
            if current == value:
                state, next_value = "ascending", f"-{value}"
            elif current == f"-{value}":
                state, next_value = "descending", value
            else:
                state, next_value = "", value
            query = self.query_string(**{self.sort_param: next_value, self.page_kwarg: None})
            links[column] = {"url": f"?{query}", "state": state}
        return links

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filtered = any(
            value for key, value in self.filterset.clean_data.items() if key != self.sort_param
        )
        context.update(
            filterset=self.filterset,
            is_filtered=filtered,
            current_query=self.query_string(**{self.page_kwarg: None}),
            sort_links=self.sort_links(),
        )
        return context


def csv_safe(value):
    """Keep a spreadsheet from reading a cell as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


def csv_response(filename, header, rows):
    """Stream rows as a CSV file for a Dutch spreadsheet: semicolons, UTF-8 with a BOM."""
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        yield "\ufeff" + writer.writerow(header)
        for row in rows:
            yield writer.writerow([csv_safe(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class FilteredExportView(FilteredListMixin, ListView):
    """CSV export of a filtered list: the same filters as the page, every row, no pagination."""

    announce_dropped_filters = False
    filename = "export.csv"

    def get_header(self):
        raise NotImplementedError

    def get_row(self, obj):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        queryset = self.get_queryset()
        return csv_response(
            self.filename, self.get_header(), (self.get_row(obj) for obj in queryset.iterator(2000))
        )


def colour_variants(colour):
    """A #rrggbb colour with its 'r, g, b' triple and a darker shade for hover states."""
    if not colour:
        return None
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    dark = "#" + "".join(f"{round(value * 0.73):02x}" for value in channels)
    return {"hex": colour.lower(), "rgb": ", ".join(map(str, channels)), "dark": dark}


def house_style_etag(request):
    municipality = current_municipality()
    return f"{municipality.slug}:{municipality.colour_primary}:{municipality.colour_accent}"


@etag(house_style_etag)
@cache_control(max_age=300)
def house_style(request):
    """Serve the municipality's colours as CSS custom properties: the CSP allows no inline style."""
    municipality = current_municipality()
    css = render_to_string(
        "core/house_style.css",
        {
            "municipality": municipality,
            "primary": colour_variants(municipality.colour_primary),
            "accent": colour_variants(municipality.colour_accent),
        },
    )
    return HttpResponse(css, content_type="text/css; charset=utf-8")

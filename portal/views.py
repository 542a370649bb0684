"""The pages over every app: the home page and the search in the header."""

import hashlib

from django.db.models import Count
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from budget.figures import year_window
from budget.models import ProductBudget, StaffPosition
from core.badges import VisibilityBadges
from core.kept import kept_each
from core.search import Source, search, search_terms
from networks.models import Effort, Network, Theme
from partnercity.models import Activity, PartnerCity
from portal.search_rows import event_rows
from proposals.models import CouncilProposal, Proposal


class HomeView(TemplateView):
    """Show what the portal holds, with counts and links."""

    template_name = "portal/home.html"

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
        # A window of years around this one (issue 17: 50 budget years at 100x); the rest is on
        # the budget's own page, one click away.
        years = ProductBudget.objects.order_by("year").values_list("year", flat=True).distinct()
        budgets = year_window(list(years), timezone.localdate().year)
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
            product_budgets=ProductBudget.objects.filter(year__in=budgets.years)
            .select_related("product")
            .order_by("year", "product__name"),
            more_budget_years=budgets.is_partial,
            positions=StaffPosition.objects.select_related("proposal"),
        )
        return context


class SearchView(TemplateView):
    """Search what the visitor may see, from the header: proposals, networks, efforts,
    partner-city activities, agenda events, public partners and budget lines."""

    template_name = "portal/search.html"
    limit = 20

    def sources(self, user):
        from agenda.models import Event
        from budget.models import BudgetLine
        from contacts.models import Organisation

        language = get_language()
        return [
            Source("proposals", _("Voorstellen"),
                   lambda: Proposal.objects.visible_to(user).select_related("council_proposal"),
                   ["title", "summary", "owner"], snippet="summary"),
            Source("networks", _("Netwerken"), lambda: Network.objects.visible_to(user),
                   ["name", "full_name", "description", "theme_summary"], snippet="description"),
            Source("efforts", _("Inspanningen"),
                   lambda: Effort.objects.visible_to(user).select_related("network"),
                   ["title", "description", "expected_yield"], snippet="description"),
            Source("activities", _("Activiteiten met partnersteden"),
                   lambda: Activity.objects.visible_to(user).select_related("partner_city"),
                   ["title", "description", "partner_city__name"], snippet="description"),
            Source("events", _("Agenda"),
                   lambda: Event.objects.visible_to(user).prefetch_related("translations")
                   .with_texts_in(language), ["city"], snippet="found_text",
                   translated=["found_title", "found_text", "found_organiser"],
                   language="texts_language", texts=["title", "text", "organiser"],
                   stored="with_search_vector"),
            Source("partners", _("Lokale partners"),
                   lambda: Organisation.objects.public_partners().with_activities_in(language),
                   ["name", "description", "city"], snippet="activities",
                   translated=["activities"], language="activities_language",
                   texts=["international_activities"]),
            Source("budget", _("Begrotingsregels"),
                   lambda: BudgetLine.objects.select_related("product"),
                   ["name", "note", "product__name"], snippet="note"),
        ]  # fmt: skip

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:200]
        terms = search_terms(query)
        groups = []
        if terms:
            groups = self.found(terms)
        context.update(
            query=query,
            terms=terms,
            too_short=bool(query) and not terms,
            groups=groups,
            total=sum(len(group["results"]) for group in groups),
            limit=self.limit,
        )
        return context

    def found(self, terms):
        """The groups of the search, kept until the content changes (core.kept): the full-text
        search reads the text of every row (10,000 events, 900 proposals at 100x); the same
        search again, by anyone who may see the same records, does not."""
        # visible_to() gives the public records to a visitor and all of them to a signed-in user.
        scope = "all" if self.request.user.is_authenticated else "public"
        language = get_language()
        digest = hashlib.sha1(repr(terms).encode(), usedforsecurity=False).hexdigest()
        name = f"search:{scope}:{language}:{self.limit}:{digest}"

        def build(missing):
            sources = self.sources(self.request.user)
            groups = search(sources, terms, language, self.limit, scope)
            link_partners_to_their_page(groups)
            return {name: groups}

        groups = kept_each([name], build)[name]
        badge = VisibilityBadges()
        for group in groups:
            if group["key"] in BADGED:
                for row in group["results"]:
                    row.visibility_badge = mark_safe(badge(row))  # noqa: S308 - escaped there
        for group in groups:
            if group["key"] == "events":
                group["rows"] = event_rows(group["results"], get_language())
        return groups


# The groups whose rows show a visibility badge (includes/visibility_badge.html), written per
# row in Python (core.badges): through the include, each row cost more than the rest of it.
BADGED = {"proposals", "networks", "efforts", "activities", "events"}


def link_partners_to_their_page(groups):
    """Each partner found links to the page of the partners' list that shows it."""
    from contacts.models import Organisation

    for group in groups:
        if group["key"] == "partners" and group["results"]:
            pages = Organisation.objects.public_partner_pages([row.pk for row in group["results"]])
            for row in group["results"]:
                page = pages.get(row.pk, 1)
                row.list_page = f"?pagina={page}" if page > 1 else ""

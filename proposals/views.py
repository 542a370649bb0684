from decimal import Decimal

from django.db.models import Count, DecimalField, F, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from budget.constants import Recurrence
from budget.models import StaffPosition
from core.history import editor_name, history_rows
from core.lists import FilteredExportView, FilteredListMixin, PaginationMixin, related_of
from core.private_cache import PrivateCacheMixin

from .cards import council_proposal_cards
from .constants import DecisionOutcome
from .filters import ProposalFilter
from .models import CouncilProposal, PointOutcome, Proposal
from .rows import proposal_items, proposal_rows, proposal_values


def with_yearly_cost(queryset):
    """Annotate the yearly cost of the new positions a proposal creates."""
    cost = (
        StaffPosition.objects.filter(proposal=OuterRef("pk"))
        .order_by()
        .values("proposal")
        .annotate(total=Sum("yearly_cost"))
        .values("total")
    )
    return queryset.annotate(
        yearly_cost=Coalesce(
            Subquery(cost, output_field=DecimalField(max_digits=12, decimal_places=2)),
            Decimal("0"),
            output_field=DecimalField(max_digits=12, decimal_places=2),
        )
    )


class ProposalTableMixin(FilteredListMixin):
    """The proposals of every visible council proposal, filtered by ProposalFilter."""

    model = Proposal
    filterset_class = ProposalFilter
    sort_columns = {}

    def get_base_queryset(self):
        return with_yearly_cost(
            Proposal.objects.visible_to(self.request.user)
            .select_related("council_proposal")
            .order_by("-council_proposal__council_meeting_on", "council_proposal", "number")
        )


# The overview shows the latest council proposals as cards; all of them are one click away in a
# paginated table (/raadsvoorstellen/), so the page does not grow with the years.
LATEST_COUNCIL_PROPOSALS = 4
# Meta.ordering is not applied to a query with an aggregate: say it. Not yet scheduled comes
# first, on SQLite as on PostgreSQL.
NEWEST_FIRST = (F("council_meeting_on").desc(nulls_first=True), "-case_number")


class CouncilProposalListView(PrivateCacheMixin, ProposalTableMixin, ListView):
    """The latest council proposals and a filterable table of all their proposals."""

    template_name = "proposals/councilproposal_list.html"
    context_object_name = "proposals"
    paginate_by = 30

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        newest = list(
            CouncilProposal.objects.visible_to(self.request.user)
            .select_related("motion")
            .annotate(n_proposals=Count("proposals", distinct=True))
            .order_by(*NEWEST_FIRST)[: LATEST_COUNCIL_PROPOSALS + 1]
        )
        context["council_proposals"] = newest[:LATEST_COUNCIL_PROPOSALS]
        context["council_proposal_cards"] = council_proposal_cards(context["council_proposals"])
        context["more_council_proposals"] = len(newest) > LATEST_COUNCIL_PROPOSALS
        # The page's proposals as plain values (one query, as the instances took).
        proposals = proposal_values(context["proposals"])
        context["proposals"] = context["object_list"] = proposals
        context["page_obj"].object_list = proposals
        themes = related_of(proposals, "themes", model=Proposal)
        context["proposal_rows"] = proposal_rows(proposals, themes)
        return context


class CouncilProposalArchiveView(PaginationMixin, ListView):
    """Every visible council proposal, newest first, a page at a time."""

    template_name = "proposals/councilproposal_archive.html"
    context_object_name = "council_proposals"
    paginate_by = 30

    def get_queryset(self):
        return (
            CouncilProposal.objects.visible_to(self.request.user)
            .annotate(n_proposals=Count("proposals", distinct=True))
            .order_by(*NEWEST_FIRST)
        )


class ProposalExportView(ProposalTableMixin, FilteredExportView):
    filename = "voorstellen.csv"

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("themes")

    def get_header(self):
        return [
            _("Raadsvoorstel (zaaknummer)"),
            _("Nummer"),
            _("Titel"),
            _("Status"),
            _("Verantwoordelijk"),
            _("Thema's"),
            _("Kosten nieuwe functies per jaar (euro)"),
            _("Zichtbaarheid"),
            _("Adres"),
        ]

    def get_row(self, proposal):
        return [
            proposal.council_proposal.case_number,
            proposal.number,
            proposal.title,
            proposal.get_status_display(),
            proposal.owner,
            ", ".join(theme.name for theme in proposal.themes.all()),
            f"{proposal.yearly_cost:.2f}".replace(".", ","),
            proposal.get_visibility_display(),
            self.request.build_absolute_uri(proposal.get_absolute_url()),
        ]


class CouncilProposalDetailView(DetailView):
    """A council proposal: its timeline, its proposals with status, and the decision points."""

    template_name = "proposals/councilproposal_detail.html"
    context_object_name = "council_proposal"
    slug_field = "case_number"
    slug_url_kwarg = "case_number"

    def get_queryset(self):
        return CouncilProposal.objects.visible_to(self.request.user).select_related("motion")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        council_proposal = self.object
        proposals = list(
            with_yearly_cost(
                Proposal.objects.visible_to(self.request.user).filter(
                    council_proposal=council_proposal
                )
            )
            .select_related("council_proposal")
            .prefetch_related("themes")
        )
        decision_points = list(
            council_proposal.decision_points.prefetch_related(
                Prefetch("outcomes", queryset=PointOutcome.objects.select_related("decision"))
            )
        )
        steps = list(council_proposal.steps.all())
        decisions = [
            point
            for point in decision_points
            if point.outcome != DecisionOutcome.OPEN and point.decided_on
        ]
        positions = list(
            StaffPosition.objects.filter(proposal__in=[proposal.pk for proposal in proposals])
            .select_related("proposal")
            .order_by("proposal__number", "title")
        )
        context.update(
            proposals=proposals,
            proposal_items=proposal_items(proposals),
            decision_points=decision_points,
            steps=steps,
            decisions=decisions,
            latest_decision=latest_decision(decision_points),
            positions=positions,
            positions_total=sum((position.yearly_cost for position in positions), Decimal("0")),
            status_counts=count_statuses(proposals),
        )
        return context


def latest_decision(decision_points):
    """The last meeting's decision among the points' prefetched outcomes, or None."""
    decided = [
        outcome.decision
        for point in decision_points
        for outcome in point.outcomes.all()
        if outcome.outcome != DecisionOutcome.OPEN
    ]
    return max(decided, key=lambda decision: (decision.meeting_on, decision.pk), default=None)


def count_statuses(proposals):
    counts = {}
    for proposal in proposals:
        label = proposal.get_status_display()
        counts[label] = counts.get(label, 0) + 1
    return counts


class ProposalDetailView(DetailView):
    """One proposal: what it is, its status history, what it costs and who carries it out."""

    template_name = "proposals/proposal_detail.html"
    context_object_name = "proposal"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Proposal.objects.visible_to(self.request.user).select_related("council_proposal"),
            council_proposal__case_number=self.kwargs["case_number"],
            number=self.kwargs["number"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = self.object
        user = self.request.user
        positions = list(proposal.staff_positions.all())
        lines = list(proposal.budget_lines.select_related("product").order_by("year", "name"))
        recurring = [p for p in positions if p.recurrence == Recurrence.RECURRING]
        context.update(
            themes=list(proposal.themes.all()),
            decision_points=list(proposal.decision_points.order_by("number")),
            networks=list(proposal.networks.visible_to(user)),
            efforts=list(
                proposal.efforts.visible_to(user)
                .select_related("network", "forum", "result")
                .order_by("-year", "number")
            ),
            positions=positions,
            positions_total=sum((p.yearly_cost for p in positions), Decimal("0")),
            positions_recurring=bool(positions) and len(recurring) == len(positions),
            positions_partly_recurring=bool(recurring) and len(recurring) < len(positions),
            positions_from=min((p.start_year for p in positions), default=None),
            budget_lines=lines,
            status_history=status_history(proposal, user),
            siblings=list(
                Proposal.objects.visible_to(user)
                .filter(council_proposal=proposal.council_proposal)
                .only("number", "title", "council_proposal__case_number")
                .select_related("council_proposal")
            ),
        )
        return context


def status_history(proposal, viewer):
    """The moments the status changed, from the change history, oldest first."""
    entries = []
    records = proposal.history.select_related("history_user")
    for row in reversed(history_rows(records, fields=["status"])):
        if not row["changes"]:
            continue
        (change,) = row["changes"]
        who = editor_name(row["record"].history_user, viewer)
        entries.append(
            {
                "date": row["record"].history_date,
                "status": change.new,
                "previous": change.old,
                "who": who,
            }
        )
    return entries

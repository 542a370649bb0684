"""What each council document prints, gathered from the live records in a fixed set of queries."""

import re
from collections import defaultdict

from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget.constants import FigureKind
from budget.models import BudgetLine, ProductBudget, RecordedFigure, SavingsTarget, StaffPosition
from core.constants import SignatoryRole
from core.money import format_euro
from networks.constants import Representation
from networks.models import Effort, Forum, Network

from ..constants import DecisionOutcome, StepKind
from ..models import CouncilProposal, Decision, Proposal
from .text import clean_text, lowercase_first


class DocumentNotFound(LookupError):
    """The council proposal does not exist (or is not public)."""


class DocumentNotReady(LookupError):
    """The document cannot be made yet; the message says why (in Dutch, for the griffie)."""


def load_council_proposal(case_number):
    """Fetch the council proposal with everything the documents print, in a fixed set of queries."""
    try:
        return (
            CouncilProposal.objects.public()
            .select_related("motion")
            .prefetch_related(
                "steps",
                "decision_points",
                Prefetch(
                    "proposals",
                    queryset=Proposal.objects.public()
                    .order_by("number")
                    .prefetch_related("themes"),
                ),
            )
            .get(case_number=case_number)
        )
    except CouncilProposal.DoesNotExist as exc:
        raise DocumentNotFound(case_number) from exc


def meeting_year(council_proposal):
    meeting = council_proposal.council_meeting_on or timezone.localdate()
    return meeting.year


def network_roles(network):
    """The role column of annex B: 'Bestuurlijk en ambtelijk, deelnemend', or the stated note."""
    if network.represented_by == Representation.NONE:
        return "–"
    if network.role_note:
        return network.role_note
    kinds = []
    if network.role_administrative:
        kinds.append(_("bestuurlijk"))
    if network.role_official:
        kinds.append(_("ambtelijk"))
    text = _(" en ").join(kinds)
    if network.role_participating:
        text = f"{text}, {_('deelnemend')}" if text else _("deelnemend")
    return text[:1].upper() + text[1:] if text else "–"


def annex_title(council_proposal, letter, default):
    for line in council_proposal.annex_list:
        head, _sep, rest = line.partition(" ")
        if head.rstrip(".)").upper() == letter and rest:
            return rest.strip()
    return default


def default_annex_titles(municipality, year):
    """Titles for annexes A and B when the council proposal's annex list does not name them."""
    if municipality.adjective:
        efforts = _("Geplande internationale %(adjective)s inspanningen %(year)s") % {
            "adjective": municipality.adjective,
            "year": year,
        }
    else:
        efforts = _("Geplande internationale inspanningen %(year)s") % {"year": year}
    networks = _("Internationale netwerken waarin %(municipality)s actief is") % {
        "municipality": lowercase_first(municipality.official_name)
    }
    return efforts, networks


def financial_context(council_proposal, year):
    """The figures of FINANCIËLE ASPECTEN, from the budget records rather than from the text."""
    budget_year = ProductBudget.objects.filter(year__lt=year).aggregate(y=Max("year"))["y"]
    budgets = list(
        ProductBudget.objects.filter(year=budget_year)
        .select_related("product")
        .order_by("product_id")
    )
    lines_by_product = defaultdict(list)
    for line in BudgetLine.objects.filter(year=budget_year).order_by("product_id", "-amount"):
        lines_by_product[line.product_id].append(line)
    products = [
        {"budget": budget, "lines": lines_by_product.get(budget.product_id, [])}
        for budget in budgets
    ]
    figures = {
        (figure.kind, figure.year): figure
        for figure in RecordedFigure.objects.filter(year__in=[budget_year or 0, year])
    }
    return {
        "budget_year": budget_year,
        "positions": list(
            StaffPosition.objects.filter(proposal__council_proposal=council_proposal)
            .select_related("proposal")
            .order_by("proposal__number", "title")
        ),
        "products": products,
        "staff_remainder": figures.get((FigureKind.STAFF_REMAINDER, budget_year)),
        "one_off_cover": figures.get((FigureKind.ONE_OFF_COVER, year)),
        "savings_targets": list(
            SavingsTarget.objects.filter(council_proposal=council_proposal).order_by("name")
        ),
    }


def council_proposal_context(council_proposal, municipality):
    year = meeting_year(council_proposal)
    efforts = list(
        Effort.objects.public().for_year(year).order_by("number").select_related("network")
    )
    networks = list(
        Network.objects.public()
        .in_annex_b()
        .order_by("annex_number")
        .prefetch_related(
            Prefetch(
                "forums",
                queryset=Forum.objects.exclude(letter="").order_by("letter"),
                to_attr="annex_forums",
            )
        )
    )
    for network in networks:
        network.annex_roles = network_roles(network)
    proposals = list(council_proposal.proposals.all())
    for proposal in proposals:
        proposal.summary_html = clean_text(proposal.summary)
    decision_points = list(council_proposal.decision_points.all())
    for point in decision_points:
        # Show the amount beside the text unless the text already states it.
        point.amount_not_in_text = point.amount is not None and (
            format_euro(point.amount, language="nl").replace("\u00a0", "")
            not in re.sub(r"€\s*", "€", point.text)
        )
    efforts_title, networks_title = default_annex_titles(municipality, year)
    return {
        "year": year,
        "texts": {
            "background": clean_text(council_proposal.background),
            "content": clean_text(council_proposal.content),
            "financial_aspects": clean_text(council_proposal.financial_aspects),
        },
        "proposals": proposals,
        "decision_points": decision_points,
        "steps": list(council_proposal.steps.all()),
        "market_dates": [
            step.date
            for step in council_proposal.steps.all()
            if step.kind == StepKind.POLITICAL_MARKET and step.date
        ],
        "efforts": efforts,
        "networks": networks,
        "finance": financial_context(council_proposal, year),
        # Annexes A and B are rendered from the records; any other is listed as not included.
        "annexes": [(line, line[:1].upper() in ("A", "B")) for line in council_proposal.annex_list],
        "signatories": municipality.college_signatories,
        "annex_a_title": annex_title(council_proposal, "A", efforts_title),
        "annex_b_title": annex_title(council_proposal, "B", networks_title),
    }


def cover_letter_context(council_proposal, municipality):
    steps = list(council_proposal.steps.all())
    letter = next((s for s in steps if s.kind == StepKind.COVER_LETTER), None)
    letter_date = letter.date if letter and letter.date else None
    markets = [
        s
        for s in steps
        if s.kind == StepKind.POLITICAL_MARKET
        and s.date
        and (letter_date is None or s.date >= letter_date)
    ]
    return {
        "letter_date": letter_date,
        "political_market": markets[0] if markets else None,
        "process_letter": next((s for s in steps if s.kind == StepKind.PROCESS_LETTER), None),
        "proposal_count": len(council_proposal.proposals.all()),
        "minutes": council_proposal.agenda_minutes,
        "points": council_proposal.agenda_point_list,
        "annexes": [line for line in council_proposal.annex_list if line[:1] in ("A", "B")],
        "signatories": municipality.college_signatories,
        "agenda_body": municipality.agenda_body or _("Presidium"),
        "meeting_body": municipality.meeting_body or _("politieke markt"),
    }


NOT_DECIDED = (DecisionOutcome.OPEN, DecisionOutcome.POSTPONED)
NOT_DECIDED_MESSAGE = gettext_lazy(
    "Het raadsbesluit kan pas worden gemaakt als de griffie het besluit van de raad heeft "
    "vastgelegd (uitkomst per besluitpunt, datum en nummer)."
)


def council_decision_context(council_proposal, municipality):
    """The raadsbesluit: the last meeting's recorded outcomes, never the proposal's own text."""
    decision = Decision.objects.latest_for(council_proposal)
    if decision is None:
        raise DocumentNotReady(str(NOT_DECIDED_MESSAGE))
    outcomes = list(
        decision.point_outcomes.select_related("decision_point").order_by("decision_point__number")
    )
    return {
        "decision": decision,
        "adopted": [
            o for o in outcomes if o.outcome not in NOT_DECIDED + (DecisionOutcome.REJECTED,)
        ],
        "not_adopted": [
            o for o in outcomes if o.outcome in NOT_DECIDED + (DecisionOutcome.REJECTED,)
        ],
        "outcomes": outcomes,
        "submissions": list(decision.submissions.select_related("decision_point")),
        "clerk": municipality.signatory(SignatoryRole.CLERK),
    }

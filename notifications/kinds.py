"""What the timeline shows: one register() line per history-tracked model.

A new model with `history = HistoricalRecords()` joins the timeline (and so the feeds and the
digests) with one line here: its kind, and the lookups from it to themes, networks and proposals
(leave one out when it has none). What a user may see comes from the model's
`objects.visible_to(user)` (a record without a visibility of its own has one that asks its
parent's); pass `permission=` when only some roles may see the model at all (never anonymous
visitors).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agenda.models import Event
from budget.models import BudgetLine, ProductBudget, SavingsTarget, StaffPosition
from networks.models import Effort, Forum, Network, Theme
from partnercity.models import Activity, PartnerCity
from proposals.models import CouncilProposal, DecisionPoint, ProcessStep, Proposal

from .timeline import register, register_kind

register_kind("voorstellen", _("Voorstellen"))
register_kind("besluiten", _("Besluiten"))
register_kind("inspanningen", _("Inspanningen en resultaten"))
register_kind("netwerken", _("Netwerken en thema's"))
register_kind("begroting", _("Begroting"))
register_kind("agenda", _("Agenda"))
register_kind("partnerstad", _("Partnerstad"))
register_kind("contacten", _("Contactregister"))


def council_proposal_page(obj):
    return obj.council_proposal.get_absolute_url()


def budget_overview(obj):
    return reverse("budget:overview")


def decision_page(obj):
    return obj.decision.council_proposal.get_absolute_url()


def partner_city_page(obj):
    return obj.partner_city.get_absolute_url()


def commitments_page(obj):
    return reverse("proposals:commitment-list")


# fmt: off
register(CouncilProposal, "voorstellen", themes="proposals__themes", networks="proposals__networks", proposals="proposals")  # noqa: E501
register(Proposal, "voorstellen", themes="themes", networks="networks", proposals="pk", select_related=("council_proposal",))  # noqa: E501
register(ProcessStep, "voorstellen", proposals="council_proposal__proposals", link=council_proposal_page, select_related=("council_proposal",))  # noqa: E501
register(DecisionPoint, "besluiten", proposals="council_proposal__proposals", link=council_proposal_page, select_related=("council_proposal",))  # noqa: E501
register("proposals.Decision", "besluiten", proposals="council_proposal__proposals", link=council_proposal_page, exclude=("recorded_by",), select_related=("council_proposal",))  # noqa: E501
register("proposals.PointOutcome", "besluiten", proposals="decision__council_proposal__proposals", link=decision_page, select_related=("decision__council_proposal", "decision_point"))  # noqa: E501
register("proposals.Submission", "besluiten", proposals="decision__council_proposal__proposals", link=decision_page, select_related=("decision__council_proposal",))  # noqa: E501
register("proposals.Commitment", "besluiten", proposals="council_proposal__proposals", link=commitments_page)  # noqa: E501
register(Effort, "inspanningen", themes="themes", networks="network", proposals="proposals")
register("results.EffortResult", "inspanningen", themes="effort__themes", networks="effort__network", proposals="effort__proposals", exclude=("status_set_by",), select_related=("effort",))  # noqa: E501
register("results.WorkPlan", "inspanningen")
register(Network, "netwerken", themes="themes", networks="pk", proposals="proposals")
register(Forum, "netwerken", themes="themes", networks="network", select_related=("network",))
register(Theme, "netwerken", themes="pk")
register(BudgetLine, "begroting", themes="proposal__themes", networks="network", proposals="proposal")  # noqa: E501
register(ProductBudget, "begroting", link=budget_overview, select_related=("product",))
register(StaffPosition, "begroting", proposals="proposal", link=budget_overview)
register(SavingsTarget, "begroting", link=budget_overview)
register(Event, "agenda", themes="themes", networks="network", prefetch_related=("translations",))  # noqa: E501
register(PartnerCity, "partnerstad")
register(Activity, "partnerstad", link=partner_city_page, select_related=("partner_city",))
register("contacts.Organisation", "contacten", permission="contacts.view_organisation")
register("contacts.Opportunity", "contacten", themes="theme", permission="contacts.view_opportunity")  # noqa: E501
# fmt: on

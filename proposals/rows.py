"""The rows of the proposals' table, written in Python (issue 17).

Thirty rows a page, each with two {% include %}s of badges, a {% with %}, an {% ifchanged %}
and a loop over its themes, cost most of the page through the template engine. The rows are
written here as templates/proposals/councilproposal_list.html wrote them, with the badges'
texts and the themes' links looked up once per page. They are read as plain values
(ProposalRow): thirty proposals and their council proposals as model instances cost the page
some 4,000 calls more.
"""

from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.badges import ThemeChips, VisibilityBadges
from core.money import euro_formatter
from core.renderers import shown

from .constants import ProposalStatus
from .models import Proposal

NONE = '<span class="text-body-secondary">–</span>'


# What a row shows of a proposal and its council proposal (the annotation of with_yearly_cost).
ROW_FIELDS = (
    *("pk", "council_proposal_id", "council_proposal__case_number", "council_proposal__subject"),
    *("number", "title", "visibility", "owner", "status", "yearly_cost"),
)


class CouncilProposalNames:
    """A row's council proposal: what the row shows of it."""

    __slots__ = ("case_number", "subject")

    def __init__(self, case_number, subject):
        self.case_number, self.subject = case_number, subject


class ProposalRow:
    """A proposal as the table reads it: the values of ROW_FIELDS, with Proposal's own
    get_absolute_url (it reads the number and the council proposal's case number)."""

    __slots__ = (
        *("pk", "council_proposal_id", "council_proposal", "number", "title", "visibility"),
        *("owner", "status", "yearly_cost"),
    )
    get_absolute_url = Proposal.get_absolute_url

    def __init__(self, row):
        (self.pk, self.council_proposal_id, case_number, subject, self.number, self.title) = row[:6]
        (self.visibility, self.owner, self.status, self.yearly_cost) = row[6:]
        self.council_proposal = CouncilProposalNames(case_number, subject)


def proposal_values(queryset):
    """The rows of a queryset of proposals (a page of it) annotated with_yearly_cost, in its
    order and in one query, as ProposalRows."""
    return [ProposalRow(row) for row in queryset.values_list(*ROW_FIELDS)]


def proposal_rows(proposals, themes):
    """The table's rows, a group header before each council proposal's first proposal; `themes`
    gives each proposal's themes by its pk (core.lists.related_of)."""
    visibility = VisibilityBadges()
    euro = euro_formatter()
    council_proposal_label = escape(_("Raadsvoorstel"))
    theme_chips = ThemeChips()
    statuses = {value: str(label) for value, label in ProposalStatus.choices}
    previous = object()
    rows = []
    for proposal in proposals:
        council_proposal = proposal.council_proposal
        group = escape(f"groep-{council_proposal.case_number}")
        header = ""
        if proposal.council_proposal_id != previous:
            previous = proposal.council_proposal_id
            header = (
                '\n          <tr class="table-group"><th scope="rowgroup" colspan="6" '
                f'id="{group}">{council_proposal_label} {escape(council_proposal.case_number)}: '
                f"{escape(council_proposal.subject)}</th></tr>\n        "
            )
        chips = theme_chips(themes.get(proposal.pk, ()))
        status = proposal.status
        cost = euro(proposal.yearly_cost) if proposal.yearly_cost else NONE
        rows.append(
            f"\n        {header}\n        <tr>"
            f'\n          <td headers="{group} kolom-nr">{shown(proposal.number)}</td>'
            f'\n          <td headers="{group} kolom-voorstel">'
            f'<a href="{escape(proposal.get_absolute_url())}">{escape(proposal.title)}</a>'
            f"{visibility(proposal)}</td>"
            f'\n          <td headers="{group} kolom-themas">'
            f"{' '.join(chips) if chips else NONE}</td>"
            f'\n          <td headers="{group} kolom-verantwoordelijk">{shown(proposal.owner)}</td>'
            f'\n          <td headers="{group} kolom-kosten" class="amount">{cost}</td>'
            f'\n          <td headers="{group} kolom-status"><span class="badge status-badge '
            f'status-{shown(proposal.status)}">{shown(statuses.get(status, status))}</span>\n'
            "</td>\n        </tr>\n      "
        )
    return mark_safe("".join(rows))


def proposal_items(proposals):
    """The list of a council proposal's proposals on its page (instances annotated
    with_yearly_cost), as templates/proposals/councilproposal_detail.html's loop wrote them,
    with its two {% include %}s of badges per proposal."""
    visibility = VisibilityBadges()
    euro = euro_formatter()
    cost_text = _("nieuwe functies %(amount)s per jaar")
    items = []
    for proposal in proposals:
        cost = (
            f" · {cost_text % {'amount': escape(euro(proposal.yearly_cost))}}"
            if proposal.yearly_cost
            else ""
        )
        items.append(
            '\n          <li class="list-group-item d-flex justify-content-between '
            'align-items-start gap-2">'
            '\n            <div class="ms-2 me-auto">'
            f'\n              <a class="fw-semibold" href="{escape(proposal.get_absolute_url())}">'
            f"{escape(proposal.title)}</a>{visibility(proposal)}"
            f'\n              <div class="small text-body-secondary">{shown(proposal.owner)}{cost}'
            "</div>\n            </div>"
            f'\n            <span class="badge status-badge status-{shown(proposal.status)}">'
            f"{shown(proposal.get_status_display())}</span>\n"
            "\n          </li>\n        "
        )
    return mark_safe("".join(items))  # noqa: S308 - every value escaped above

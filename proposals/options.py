"""The options of the proposals' searchable selects (core/select.py)."""

from core.select import OptionsView

from .filters import ProposalFilter


class ProposalFilterOptions(OptionsView):
    """The public proposal list's filter: its council proposals are `visible_to` the visitor."""

    filterset_class = ProposalFilter

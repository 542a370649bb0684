"""The options of the networks' searchable selects (core/select.py)."""

from core.select import OptionsView

from .filters import EffortFilter


class EffortFilterOptions(OptionsView):
    """The public effort list's filter: its networks are `visible_to` the visitor."""

    filterset_class = EffortFilter

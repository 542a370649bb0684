"""The options of the results' searchable selects (core/select.py)."""

from core.select import OptionsView

from .filters import ResultFilter


class ResultFilterOptions(OptionsView):
    """The public results overview's filter: its networks are `visible_to` the visitor."""

    filterset_class = ResultFilter

"""The options of the budget's searchable selects (core/select.py), each with the permission of
the page that shows the field: the line form's for the finance role, the public line filter's for
everyone (its querysets are `visible_to` the visitor)."""

from core.select import OptionsView

from .filters import BudgetLineFilter
from .forms import BudgetLineForm, StaffPositionForm


class LineFormOptions(OptionsView):
    form_class = BudgetLineForm
    permission_required = ("budget.add_budgetline", "budget.change_budgetline")


class PositionFormOptions(OptionsView):
    form_class = StaffPositionForm
    permission_required = ("budget.change_staffposition",)


class LineFilterOptions(OptionsView):
    filterset_class = BudgetLineFilter

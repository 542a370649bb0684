"""The council's two scenarios and the finance department's own."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, TemplateView, UpdateView

from core.forms import EditTransactionMixin
from core.history import history_rows

from ..figures import BudgetBook
from ..forms import ScenarioChangeFormSet, ScenarioForm
from ..models import Scenario
from ..projections import council_scenarios, proposal_outcomes, run_scenario, spec_from_scenario
from ..services import save_scenario
from .common import (
    BudgetPageMixin,
    committed_chart,
    council_proposal_proposals,
    link_for,
)


class ScenarioListView(BudgetPageMixin, TemplateView):
    """The council's choice side by side per year, its meaning for the nine proposals, and
    the finance department's own scenarios."""

    template_name = "budget/scenario_list.html"
    section = "scenarios"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        book = BudgetBook()
        years = book.years
        results = [run_scenario(book, spec) for spec in council_scenarios()]
        proposals = council_proposal_proposals(book, user)
        for proposal in proposals:
            proposal.link_url = link_for(proposal, user)
        outcomes = [proposal_outcomes(book, result, proposals) for result in results]
        own = [
            run_scenario(book, spec_from_scenario(scenario))
            for scenario in Scenario.objects.visible_to(user).with_changes()
        ]
        context.update(
            book=book,
            years=years,
            results=results,
            target=book.main_target,
            proposal_rows=list(zip(proposals, *outcomes, strict=True)) if outcomes else [],
            own_results=own,
            chart=committed_chart(results, years, key="scenarios"),
            can_add=user.has_perm("budget.add_scenario"),
        )
        return context


class ScenarioDetailView(BudgetPageMixin, DetailView):
    """A scenario of the finance department next to the council's two."""

    template_name = "budget/scenario_detail.html"
    section = "scenarios"
    context_object_name = "scenario"

    def get_queryset(self):
        return (
            Scenario.objects.visible_to(self.request.user)
            .with_changes()
            .select_related("created_by")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        book = BudgetBook()
        years = book.years
        result = run_scenario(book, spec_from_scenario(self.object))
        results = [result, *(run_scenario(book, spec) for spec in council_scenarios())]
        proposals = council_proposal_proposals(book, user)
        for proposal in proposals:
            proposal.link_url = link_for(proposal, user)
        context.update(
            book=book,
            years=years,
            result=result,
            results=results,
            outcomes=proposal_outcomes(book, result, proposals),
            chart=committed_chart(results, years, key="scenario"),
            history=history_rows(
                self.object.history.select_related("history_user")[:20], created=False
            ),
            can_change=user.has_perm("budget.change_scenario"),
        )
        return context


class ScenarioEditMixin(PermissionRequiredMixin, BudgetPageMixin):
    model = Scenario
    form_class = ScenarioForm
    template_name = "budget/scenario_form.html"
    section = "scenarios"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formset", self.formset)
        return context

    def get(self, request, *args, **kwargs):
        self.object = self.get_edit_object()
        self.formset = ScenarioChangeFormSet(instance=self.object or Scenario())
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.object = self.get_edit_object()
        form = self.get_form()
        self.formset = ScenarioChangeFormSet(request.POST, instance=self.object or Scenario())
        if form.is_valid() and self.formset.is_valid():
            scenario = save_scenario(form, self.formset, request.user)
            messages.success(request, _("Het scenario is opgeslagen."))
            return redirect(scenario)
        return self.render_to_response(self.get_context_data(form=form))


class ScenarioCreateView(EditTransactionMixin, ScenarioEditMixin, CreateView):
    permission_required = "budget.add_scenario"

    def get_edit_object(self):
        return None


class ScenarioUpdateView(EditTransactionMixin, ScenarioEditMixin, UpdateView):
    permission_required = "budget.change_scenario"
    slug_url_kwarg = "slug"

    def get_edit_object(self):
        return self.get_object()


class ScenarioDeleteView(PermissionRequiredMixin, SuccessMessageMixin, BudgetPageMixin, DeleteView):
    model = Scenario
    permission_required = "budget.delete_scenario"
    template_name = "budget/confirm_delete.html"
    success_url = reverse_lazy("budget:scenario-list")
    section = "scenarios"
    success_message = gettext_lazy("Het scenario is verwijderd.")

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import (
    CreateView,
    FormView,
    ListView,
    TemplateView,
    UpdateView,
)

from core.constants import Visibility
from core.forms import EditTransactionMixin, ServiceFormMixin
from core.lists import FilteredListMixin
from networks.models import Effort

from .constants import PlanStatus, ReportGroup
from .figures import year_figures, years_figures
from .filters import ResultFilter
from .forms import (
    AdoptPlanForm,
    CarryOverForm,
    EffortForm,
    EffortResultForm,
    WorkPlanEditForm,
    WorkPlanForm,
)
from .models import EffortResult, WorkPlan
from .services import adopt_plan, carry_over, create_plan, next_number, plan_years, record_result
from .views_report import REPORT_PERMISSION, listed_exports

# --- results -------------------------------------------------------------------------------------


class EffortResultEditView(
    EditTransactionMixin, PermissionRequiredMixin, ServiceFormMixin, UpdateView
):
    """Record what came of an effort; the first save creates its result."""

    permission_required = ("results.add_effortresult", "results.change_effortresult")
    form_class = EffortResultForm
    template_name = "results/form.html"
    success_message = gettext_lazy("Het resultaat is opgeslagen.")

    def get_object(self, queryset=None):
        if self.request.method == "POST":
            # Two first results of one effort: the second waits here and then finds the first.
            list(Effort.objects.select_for_update().filter(pk=self.kwargs["pk"]).values("pk"))
        effort = get_object_or_404(
            Effort.objects.visible_to(self.request.user).select_related("network", "result"),
            pk=self.kwargs["pk"],
        )
        result = getattr(effort, "result", None)
        if result is None:
            result = EffortResult(effort=effort, status_date=timezone.localdate())
        return result

    def perform(self, form):
        return record_result(form, self.request.user)

    def get_success_url(self):
        return self.object.effort.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result = self.object
        context.update(
            effort=result.effort,
            heading=_("Resultaat vastleggen: %(effort)s") % {"effort": result.effort},
            intro=_("Verwachte opbrengst volgens het werkplan: %(expected)s.")
            % {"expected": result.effort.expected_yield},
            cancel_url=result.effort.get_absolute_url(),
        )
        context["history"] = (
            list(result.history.select_related("history_user")[:20]) if result.pk else []
        )
        return context


class ResultIndexView(TemplateView):
    """Every year with a plan, with how many of its efforts were realised."""

    template_name = "results/result_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["years"] = years_figures(plan_years(user), user)
        return context


class ResultYearView(FilteredListMixin, ListView):
    """What came of the plan of one year: the figures of the yearly report, and a filtered list."""

    template_name = "results/result_year.html"
    context_object_name = "efforts"
    filterset_class = ResultFilter
    paginate_by = 50

    def get_base_queryset(self):
        return (
            Effort.objects.visible_to(self.request.user)
            .for_year(self.kwargs["year"])
            .select_related("network", "network__partner_city", "forum", "result")
            .prefetch_related("themes")
            .order_by("number")
        )

    def get(self, request, *args, **kwargs):
        if kwargs["year"] not in plan_years(request.user):
            raise Http404(_("Er is geen werkplan voor dit jaar."))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        year = self.kwargs["year"]
        for effort in context["efforts"]:
            effort.report_group_label = ReportGroup(effort.report_group).label
        context.update(
            year=year,
            figures=year_figures(year, user, with_rows=False),
            years=plan_years(user),
        )
        if user.has_perm(REPORT_PERMISSION):
            context["report_exports"] = listed_exports(year)
        return context


# --- the plan cycle ------------------------------------------------------------------------------


def draft_plan_or_404(year):
    """Only a draft plan is edited: an adopted plan (or one in a proposal) stays as it was."""
    return get_object_or_404(WorkPlan, year=year, status=PlanStatus.DRAFT)


class WorkPlanCreateView(
    EditTransactionMixin, PermissionRequiredMixin, ServiceFormMixin, CreateView
):
    """Draft the plan of a new year, starting from the efforts of the latest year."""

    permission_required = ("results.add_workplan", "networks.add_effort")
    form_class = WorkPlanForm
    template_name = "results/form.html"
    extra_context = {
        "heading": gettext_lazy("Nieuw werkplan opstellen"),
        "cancel_url": reverse_lazy("networks:effort-list"),
    }
    success_message = gettext_lazy("Het werkplan %(title)s is aangemaakt.")

    def latest_year(self):
        years = plan_years(self.request.user)
        return years[0] if years else None

    def get_initial(self):
        latest = self.latest_year()
        return {"year": latest + 1} if latest else {}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["previous_year"] = self.latest_year()
        return kwargs

    def perform(self, form):
        plan = create_plan(form, form.cleaned_data.get("carry_over") or [])
        plan.refresh_from_db()
        return plan

    def get_success_message(self, cleaned_data):
        return self.success_message % {"title": self.object.title}

    def get_success_url(self):
        return reverse("results:workplan-edit", kwargs={"year": self.object.year})


class WorkPlanUpdateView(
    EditTransactionMixin, PermissionRequiredMixin, SuccessMessageMixin, UpdateView
):
    """The plan's own page for the accountmanager: its texts, its efforts and its adoption."""

    permission_required = "results.change_workplan"
    form_class = WorkPlanEditForm
    template_name = "results/workplan_edit.html"
    success_message = gettext_lazy("Het werkplan is opgeslagen.")

    def get_object(self, queryset=None):
        return draft_plan_or_404(self.kwargs["year"])

    def get_success_url(self):
        return reverse("results:workplan-edit", kwargs={"year": self.object.year})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        context.update(
            plan=plan,
            efforts=list(
                Effort.objects.for_year(plan.year)
                .select_related("network", "carried_over_from", "result")
                .order_by("number")
            ),
            adopt_form=AdoptPlanForm(instance=plan),
            history=list(plan.history.select_related("history_user")[:20]),
            heading=plan.title,
            cancel_url=plan.get_absolute_url(),
        )
        return context


class CarryOverView(EditTransactionMixin, PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission_required = "networks.add_effort"
    form_class = CarryOverForm
    template_name = "results/form.html"

    def dispatch(self, request, *args, **kwargs):
        self.plan = draft_plan_or_404(kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["plan"] = self.plan
        return kwargs

    def perform(self, form):
        self.created = carry_over(self.plan, form.cleaned_data["efforts"])

    def get_success_message(self, cleaned_data):
        return _("%(count)s inspanningen overgenomen in %(plan)s.") % {
            "count": len(self.created),
            "plan": self.plan,
        }

    def get_success_url(self):
        return reverse("results:workplan-edit", kwargs={"year": self.plan.year})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            plan=self.plan,
            heading=_("Overnemen in %(plan)s") % {"plan": self.plan},
            intro=_(
                "Kies de inspanningen die doorlopen. Ze komen als concept in het plan, met een "
                "verwijzing naar de inspanning van het eerdere jaar."
            ),
            submit_label=_("Overnemen"),
            cancel_url=reverse("results:workplan-edit", kwargs={"year": self.plan.year}),
        )
        return context


class AdoptPlanView(EditTransactionMixin, PermissionRequiredMixin, ServiceFormMixin, UpdateView):
    """Record that the college adopted the plan; its draft efforts become public."""

    permission_required = "results.adopt_workplan"
    form_class = AdoptPlanForm
    template_name = "results/form.html"
    success_message = gettext_lazy("De vaststelling is vastgelegd; het werkplan is openbaar.")

    def get_object(self, queryset=None):
        return draft_plan_or_404(self.kwargs["year"])

    def perform(self, form):
        return adopt_plan(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            heading=_("Vaststelling van %(plan)s") % {"plan": self.object},
            intro=_("Na het vastleggen is het werkplan met zijn inspanningen openbaar."),
            submit_label=_("Vaststelling vastleggen"),
            cancel_url=reverse("results:workplan-edit", kwargs={"year": self.object.year}),
        )
        return context


class DraftEffortMixin(EditTransactionMixin, PermissionRequiredMixin, SuccessMessageMixin):
    """Efforts are edited only while their plan is a draft: adopted plans stay as adopted."""

    form_class = EffortForm
    template_name = "results/form.html"
    success_message = gettext_lazy("De inspanning is opgeslagen.")

    def draft_years(self):
        return WorkPlan.objects.filter(status=PlanStatus.DRAFT).values_list("year", flat=True)

    def get_success_url(self):
        return reverse("results:workplan-edit", kwargs={"year": self.object.year})


class EffortCreateView(DraftEffortMixin, CreateView):
    permission_required = "networks.add_effort"

    def dispatch(self, request, *args, **kwargs):
        self.plan = draft_plan_or_404(kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        if not self.plan.is_draft():
            raise Http404(_("Dit werkplan is vastgesteld."))
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Effort(
            year=self.plan.year, number=next_number(self.plan.year), visibility=Visibility.DRAFT
        )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            plan=self.plan,
            heading=_("Inspanning toevoegen aan %(plan)s") % {"plan": self.plan},
            cancel_url=reverse("results:workplan-edit", kwargs={"year": self.plan.year}),
        )
        return context


class EffortUpdateView(DraftEffortMixin, UpdateView):
    permission_required = "networks.change_effort"

    def get_queryset(self):
        return Effort.objects.filter(year__in=self.draft_years())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            heading=_("Inspanning wijzigen: %(effort)s") % {"effort": self.object},
            cancel_url=reverse("results:workplan-edit", kwargs={"year": self.object.year}),
        )
        return context

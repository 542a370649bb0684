"""The council's decision: the griffie records it, everyone with access follows the toezeggingen."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, ListView, UpdateView

from core.forms import EditTransactionMixin
from core.lists import PaginationMixin

from .forms import (
    CommitmentCreateForm,
    CommitmentFormSet,
    CommitmentUpdateForm,
    DecisionForm,
    SubmissionFormSet,
)
from .models import Commitment, CouncilProposal, Decision, Motion
from .services import record_decision

RECORD_PERMISSION = "proposals.record_decision"


class SavedElsewhere:
    """form_valid() after record_decision() saved everything: only the redirect is left (and
    SuccessMessageMixin, before this in the bases, adds its message)."""

    def form_valid(self, form):
        return HttpResponseRedirect(self.get_success_url())


class DecisionFormMixin(PermissionRequiredMixin, SuccessMessageMixin, SavedElsewhere):
    """One page per council meeting: the decision, its amendments and motions, toezeggingen."""

    permission_required = RECORD_PERMISSION
    model = Decision
    form_class = DecisionForm
    template_name = "proposals/decision_form.html"
    success_message = _(
        "Het besluit van de raad van %(meeting_on)s over raadsvoorstel %(case)s is vastgelegd, "
        "met de status van elk voorstel."
    )

    def dispatch(self, request, *args, **kwargs):
        self.council_proposal = get_object_or_404(
            CouncilProposal.objects.select_related("motion"),
            case_number=kwargs["case_number"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Decision.objects.filter(council_proposal=self.council_proposal)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["council_proposal"] = self.council_proposal
        return kwargs

    def get_formsets(self):
        data = self.request.POST if self.request.method == "POST" else None
        instance = self.object or Decision(council_proposal=self.council_proposal)
        return {
            "submissions": SubmissionFormSet(
                data,
                instance=instance,
                prefix="amendementen",
                council_proposal=self.council_proposal,
            ),
            "commitments": CommitmentFormSet(
                data,
                instance=instance,
                prefix="toezeggingen",
                council_proposal=self.council_proposal,
            ),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["council_proposal"] = self.council_proposal
        context.setdefault("formsets", self.get_formsets())
        context["decisions"] = list(self.get_queryset())
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if "pk" in kwargs else None
        form = self.get_form()
        formsets = self.get_formsets()
        # Validated inside the transaction, so that the version check locks the rows it reads.
        with transaction.atomic():
            # Validate every part, so that each shows its own errors at once.
            results = [form.is_valid(), *(formset.is_valid() for formset in formsets.values())]
            valid = all(results)
            if valid:
                self.object = record_decision(
                    form, formsets["submissions"], formsets["commitments"], request.user
                )
        if not valid:
            return self.render_to_response(self.get_context_data(form=form, formsets=formsets))
        return self.form_valid(form)

    def get_success_message(self, cleaned_data):
        return self.success_message % {
            "meeting_on": cleaned_data["meeting_on"].strftime("%d-%m-%Y"),
            "case": self.council_proposal.case_number,
        }

    def get_success_url(self):
        return reverse("proposals:document-list")


class DecisionCreateView(DecisionFormMixin, CreateView):
    pass


class DecisionUpdateView(DecisionFormMixin, UpdateView):
    pass


class CommitmentListView(PermissionRequiredMixin, PaginationMixin, ListView):
    """The toezeggingen, overdue first; the griffie sees them all, council members the public."""

    permission_required = "proposals.view_commitment"
    template_name = "proposals/commitment_list.html"
    context_object_name = "commitments"
    paginate_by = 50

    def get_queryset(self):
        return (
            Commitment.objects.visible_to(self.request.user)
            .select_related("council_proposal", "decision")
            .overdue_first(timezone.localdate())
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        context["motions"] = list(
            Motion.objects.select_related("settled_by")
            .prefetch_related("council_proposals")
            .order_by("-adopted_on")
        )
        context["can_change"] = self.request.user.has_perm("proposals.change_commitment")
        context["can_add"] = self.request.user.has_perm("proposals.add_commitment")
        return context


class CommitmentCreateView(
    EditTransactionMixin, PermissionRequiredMixin, SuccessMessageMixin, CreateView
):
    """A toezegging made outside a recorded decision (in a committee, by letter)."""

    permission_required = "proposals.add_commitment"
    model = Commitment
    form_class = CommitmentCreateForm
    template_name = "proposals/commitment_form.html"
    success_message = _("De toezegging is vastgelegd.")

    def get_success_url(self):
        return reverse("proposals:commitment-list")


class CommitmentUpdateView(
    EditTransactionMixin, PermissionRequiredMixin, SuccessMessageMixin, UpdateView
):
    """The griffie follows a toezegging up until it is settled.

    The form carries core's version check; validated and saved in one transaction, so a
    toezegging changed by someone else meanwhile is refused and said what changed.
    """

    permission_required = "proposals.change_commitment"
    model = Commitment
    form_class = CommitmentUpdateForm
    template_name = "proposals/commitment_form.html"
    success_message = _("De toezegging is bijgewerkt.")

    def get_queryset(self):
        return Commitment.objects.visible_to(self.request.user)

    def get_success_url(self):
        return reverse("proposals:commitment-list")

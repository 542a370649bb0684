"""Opportunities and questions passed on to colleagues (proposal 6)."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from core.history import history_rows
from core.lists import FilteredExportView

from .. import services
from ..filters import OpportunityFilter
from ..forms import (
    OpportunityForm,
    PassOnForm,
)
from ..models import (
    Opportunity,
)
from .base import (
    ContactListMixin,
    FormPageMixin,
    FromContactMixin,
)


class OpportunityListView(PermissionRequiredMixin, ContactListMixin, ListView):
    permission_required = "contacts.view_opportunity"
    model = Opportunity
    filterset_class = OpportunityFilter
    template_name = "contacts/opportunity_list.html"

    def get_base_queryset(self):
        return Opportunity.objects.select_related(
            "from_organisation", "theme", "department", "assigned_to"
        )


class OpportunityExportView(PermissionRequiredMixin, FilteredExportView):
    permission_required = "contacts.view_opportunity"
    model = Opportunity
    filterset_class = OpportunityFilter
    filename = "kansen-en-vragen.csv"
    header = (
        gettext_lazy("binnengekomen op"),
        gettext_lazy("soort"),
        gettext_lazy("onderwerp"),
        gettext_lazy("van organisatie"),
        gettext_lazy("thema"),
        gettext_lazy("status"),
        gettext_lazy("afdeling"),
        gettext_lazy("doorgezet naar"),
    )

    def get_base_queryset(self):
        return Opportunity.objects.select_related(
            "from_organisation", "theme", "department", "assigned_to"
        )

    def get_row(self, item):
        return [
            item.received_on.isoformat(),
            item.get_kind_display(),
            item.title,
            item.from_organisation.name if item.from_organisation else "",
            item.theme.name if item.theme else "",
            item.get_status_display(),
            item.department.name if item.department else "",
            item.assigned_to.name if item.assigned_to else "",
        ]


class OpportunityDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "contacts.view_opportunity"
    model = Opportunity
    template_name = "contacts/opportunity_detail.html"

    def get_queryset(self):
        return Opportunity.objects.select_related(
            "from_organisation", "from_person", "theme", "department", "assigned_to", "created_by"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        history = list(
            Opportunity.history.filter(id=self.object.pk)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        context.update(
            changes=history_rows(
                history,
                fields=["status", "department", "assigned_to", "theme", "title", "outcome"],
            ),
            pass_on_form=kwargs.get("pass_on_form") or PassOnForm(),
            can_change=self.request.user.has_perm("contacts.change_opportunity"),
        )
        return context

    def get_permission_required(self):
        if self.request.method == "POST":  # passing the opportunity on
            return [self.permission_required, "contacts.change_opportunity"]
        return [self.permission_required]

    def post(self, request, *args, **kwargs):
        """Pass the opportunity on to a colleague."""
        self.object = self.get_object()
        form = PassOnForm(request.POST)
        if not form.is_valid():
            context = self.get_context_data(object=self.object, pass_on_form=form)
            return self.render_to_response(context, status=400)
        colleague = form.cleaned_data["colleague"]
        services.pass_on(self.object, colleague, form.cleaned_data["status"])
        messages.success(
            request,
            _("Doorgezet naar %(name)s (%(department)s).")
            % {"name": colleague.name, "department": colleague.department.name},
        )
        return redirect(self.object)


class OpportunityCreateView(
    PermissionRequiredMixin, SuccessMessageMixin, FromContactMixin, FormPageMixin, CreateView
):
    permission_required = "contacts.add_opportunity"
    model = Opportunity
    form_class = OpportunityForm
    heading = gettext_lazy("Nieuwe kans of vraag")
    active = "opportunities"
    cancel_url_name = "contacts:opportunity-list"
    success_message = gettext_lazy("De kans of vraag is vastgelegd.")

    contact_fields = ("from_person", "from_organisation")

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        with transaction.atomic():
            response = super().form_valid(form)
            services.tell_colleague(self.object)
        return response


class OpportunityUpdateView(
    PermissionRequiredMixin, SuccessMessageMixin, FormPageMixin, UpdateView
):
    permission_required = "contacts.change_opportunity"
    model = Opportunity
    form_class = OpportunityForm
    active = "opportunities"
    success_message = gettext_lazy("De kans of vraag is bijgewerkt.")

    def form_valid(self, form):
        previous = form.initial.get("assigned_to")
        with transaction.atomic():
            response = super().form_valid(form)
            services.tell_colleague(self.object, previous)
        return response

"""Interactions and the accountmanager's follow-ups."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from core.lists import FilteredExportView, PaginationMixin
from core.private_cache import PrivateCacheMixin

from ..filters import InteractionFilter
from ..follow_up_rows import FOLLOW_UP_COLUMNS, FollowUp, follow_up_rows
from ..forms import InteractionForm
from ..models import (
    Interaction,
)
from .base import (
    ContactListMixin,
    FormPageMixin,
    FromContactMixin,
    link_for,
    safe_next,
)


class InteractionListView(PermissionRequiredMixin, ContactListMixin, ListView):
    permission_required = "contacts.view_interaction"
    model = Interaction
    filterset_class = InteractionFilter
    template_name = "contacts/interaction_list.html"

    def get_base_queryset(self):
        return Interaction.objects.select_related("organisation", "person", "logged_by")


class InteractionExportView(PermissionRequiredMixin, FilteredExportView):
    permission_required = "contacts.view_interaction"
    model = Interaction
    filterset_class = InteractionFilter
    filename = "contactmomenten.csv"
    header = (
        gettext_lazy("datum"),
        gettext_lazy("soort"),
        gettext_lazy("organisatie"),
        gettext_lazy("persoon"),
        gettext_lazy("samenvatting"),
        gettext_lazy("opvolgen op"),
        gettext_lazy("opgevolgd op"),
        gettext_lazy("vastgelegd door"),
    )

    def get_base_queryset(self):
        return Interaction.objects.select_related("organisation", "person", "logged_by")

    def get_row(self, item):
        return [
            item.occurred_on.isoformat(),
            item.get_kind_display(),
            item.organisation.name,
            item.person.full_name if item.person else "",
            item.summary,
            item.follow_up_on.isoformat() if item.follow_up_on else "",
            item.follow_up_done_on.isoformat() if item.follow_up_done_on else "",
            item.logged_by.get_username() if item.logged_by else "",
        ]


class InteractionDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "contacts.view_interaction"
    model = Interaction
    template_name = "contacts/interaction_detail.html"

    def get_queryset(self):
        return Interaction.objects.select_related("organisation", "person", "logged_by")


class InteractionCreateView(
    PermissionRequiredMixin, SuccessMessageMixin, FromContactMixin, FormPageMixin, CreateView
):
    permission_required = "contacts.add_interaction"
    model = Interaction
    form_class = InteractionForm
    heading = gettext_lazy("Contactmoment vastleggen")
    active = "interactions"
    cancel_url_name = "contacts:interaction-list"
    success_message = gettext_lazy("Het contactmoment is vastgelegd.")

    def form_valid(self, form):
        form.instance.logged_by = self.request.user
        return super().form_valid(form)

    def get_success_url(self):
        return self.object.organisation.get_absolute_url()


class InteractionUpdateView(
    PermissionRequiredMixin, SuccessMessageMixin, FormPageMixin, UpdateView
):
    permission_required = "contacts.change_interaction"
    model = Interaction
    form_class = InteractionForm
    active = "interactions"
    success_message = gettext_lazy("Het contactmoment is bijgewerkt.")


class FollowUpDoneView(PermissionRequiredMixin, View):
    permission_required = "contacts.change_interaction"

    def post(self, request, pk):
        interaction = get_object_or_404(Interaction, pk=pk)
        interaction.follow_up_done_on = timezone.localdate()
        interaction.save(update_fields=["follow_up_done_on"])
        messages.success(request, _("De opvolging is afgerond."))
        return redirect(safe_next(request, reverse("contacts:follow-up-list")))


class FollowUpListView(PermissionRequiredMixin, PrivateCacheMixin, PaginationMixin, ListView):
    """My open follow-ups, the overdue ones first."""

    permission_required = "contacts.view_interaction"
    template_name = "contacts/follow_up_list.html"
    paginate_by = 50

    def get_queryset(self):
        return Interaction.objects.follow_ups_for(self.request.user)

    def get_paginator(self, queryset, per_page, **kwargs):
        """The open follow-ups and the overdue ones counted in one pass (issue 17)."""
        self.today = timezone.localdate()
        counts = queryset.aggregate(
            count=Count("pk"), overdue=Count("pk", filter=Q(follow_up_on__lt=self.today))
        )
        self.overdue_count = counts["overdue"]
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        paginator.count = counts["count"]
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The page's rows read as values, the columns the rows show (issue 17).
        links = {
            name: link_for(f"contacts:{name}")
            for name in ("organisation-detail", "person-detail", "interaction-detail")
        }
        links["follow-up-done"] = link_for("contacts:follow-up-done")
        items = [
            FollowUp(*values) for values in context["object_list"].values_list(*FOLLOW_UP_COLUMNS)
        ]
        can_close = self.request.user.has_perm("contacts.change_interaction")
        context.update(
            can_close=can_close,
            today=self.today,
            overdue_count=self.overdue_count,
            rows=follow_up_rows(self.request, items, self.today, can_close, links),
        )
        return context

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from core.forms import EditTransactionMixin
from core.lists import PaginationMixin

from .forms import MandateForm, TripForm
from .models import Mandate, Trip


class MandateListView(ListView):
    """Who represents the municipality, per network and body; ended mandates below the current
    ones."""

    template_name = "representation/mandate_list.html"
    context_object_name = "mandates"

    def get_queryset(self):
        return (
            Mandate.objects.visible_to(self.request.user)
            .select_related("network", "holder")
            .order_by("network__name", "body", "role")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        mandates = list(context["mandates"])
        for mandate in mandates:
            mandate.holder_name = (
                mandate.holder.public_name(self.request.user) if mandate.holder else ""
            )
        context.update(
            current=[m for m in mandates if not m.ends_on or m.ends_on >= today],
            ended=[m for m in mandates if m.ends_on and m.ends_on < today],
        )
        return context


class TripListView(PaginationMixin, ListView):
    template_name = "representation/trip_list.html"
    context_object_name = "trips"
    paginate_by = 50

    def get_queryset(self):
        return Trip.objects.visible_to(self.request.user).prefetch_related("participants")


class TripDetailView(DetailView):
    template_name = "representation/trip_detail.html"
    context_object_name = "trip"

    def get_queryset(self):
        return Trip.objects.visible_to(self.request.user).prefetch_related(
            "participants", "networks", "efforts"
        )


class EditMixin(EditTransactionMixin, PermissionRequiredMixin, SuccessMessageMixin):
    template_name = "results/form.html"
    success_message = _("Opgeslagen.")


class MandateCreateView(EditMixin, CreateView):
    permission_required = "representation.add_mandate"
    form_class = MandateForm
    success_url = reverse_lazy("representation:mandate-list")
    extra_context = {
        "heading": _("Mandaat toevoegen"),
        "cancel_url": reverse_lazy("representation:mandate-list"),
    }


class MandateUpdateView(EditMixin, UpdateView):
    permission_required = "representation.change_mandate"
    form_class = MandateForm
    model = Mandate
    success_url = reverse_lazy("representation:mandate-list")
    extra_context = {
        "heading": _("Mandaat wijzigen"),
        "cancel_url": reverse_lazy("representation:mandate-list"),
    }


class TripCreateView(EditMixin, CreateView):
    permission_required = "representation.add_trip"
    form_class = TripForm
    extra_context = {
        "heading": _("Reis toevoegen"),
        "cancel_url": reverse_lazy("representation:trip-list"),
    }


class TripUpdateView(EditMixin, UpdateView):
    permission_required = "representation.change_trip"
    form_class = TripForm
    model = Trip
    extra_context = {
        "heading": _("Reis wijzigen"),
        "cancel_url": reverse_lazy("representation:trip-list"),
    }

"""Who in the municipality knows which EU programme (proposal 3)."""

from django.views.generic import ListView

from ..filters import GrantExpertiseFilter
from ..models import GrantExpertise
from .base import ContactListMixin


class GrantExpertiseListView(ContactListMixin, ListView):
    """Who knows which EU programme (proposal 3); names only for logged-in staff."""

    model = GrantExpertise
    filterset_class = GrantExpertiseFilter
    template_name = "contacts/grantexpertise_list.html"

    def get_base_queryset(self):
        return GrantExpertise.objects.select_related(
            "programme", "colleague", "colleague__department"
        ).prefetch_related("themes")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["show_names"] = self.request.user.has_perm("contacts.view_colleague")
        return context

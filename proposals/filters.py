import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.lists import BootstrapFilterSet
from core.select import SearchableSelect
from networks.models import Theme

from .constants import ProposalStatus
from .models import CouncilProposal, Proposal


def visible_council_proposals(request):
    user = getattr(request, "user", None)
    return CouncilProposal.objects.visible_to(user).order_by("-council_meeting_on", "case_number")


class ProposalFilter(BootstrapFilterSet):
    """Filters of the proposals table; the parameter names are Dutch so URLs read well."""

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProposalStatus.choices, empty_label=_("Alle statussen")
    )
    thema = django_filters.ModelChoiceFilter(
        label=_("Thema"),
        field_name="themes",
        to_field_name="code",
        queryset=Theme.objects.all(),
        empty_label=_("Alle thema's"),
    )
    raadsvoorstel = django_filters.ModelChoiceFilter(
        label=_("Raadsvoorstel"),
        field_name="council_proposal",
        to_field_name="case_number",
        queryset=visible_council_proposals,
        empty_label=_("Alle raadsvoorstellen"),
        widget=SearchableSelect("proposals:filter-options", ("case_number", "subject")),
    )

    class Meta:
        model = Proposal
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            css = "form-control" if name == "q" else "form-select"
            field.widget.attrs.setdefault("class", css)
        self.form.fields["q"].widget.input_type = "search"

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(summary__icontains=value) | Q(owner__icontains=value)
        )

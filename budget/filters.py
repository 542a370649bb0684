import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.select import SearchableSelect
from networks.constants import NETWORK_SEARCH
from networks.models import Network
from partnercity.models import PartnerCity
from proposals.models import Proposal

from .constants import PROPOSAL_LABEL_FIELDS, Basis, LineCategory, Recurrence
from .models import BudgetLine, BudgetProduct

OPTIONS = "budget:line-filter-options"  # budget/options.py


# The choices read only what their values and labels show (issue 17: 50 options per select,
# each a model instance, on every list page).


def visible_networks(request):
    networks = Network.objects.visible_to(getattr(request, "user", None))
    return networks.order_by("name").only("slug", "name")


def visible_proposals(request):
    user = getattr(request, "user", None)
    return (
        Proposal.objects.visible_to(user)
        .select_related("council_proposal")
        .only(*PROPOSAL_LABEL_FIELDS)
    )


class ProposalFilterField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.council_proposal.case_number}-{obj.number}. {obj.title}"


class ProposalChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ProposalFilterField


class BudgetLineFilter(django_filters.FilterSet):
    """Filters on the list of lines, with Dutch parameter names so other pages can link here.

    For example /begroting/regels/?netwerk=euregio lists what the municipality pays for the EUREGIO.
    """

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    jaar = django_filters.NumberFilter(
        label=_("Jaar"), field_name="year", min_value=2000, max_value=2100, decimal_places=0
    )
    product = django_filters.ModelChoiceFilter(
        label=_("Product"),
        field_name="product",
        to_field_name="code",
        queryset=BudgetProduct.objects.only("code", "name"),
        widget=SearchableSelect(OPTIONS, ("name", "code")),
    )
    categorie = django_filters.ChoiceFilter(
        label=_("Categorie"), field_name="category", choices=LineCategory.choices
    )
    soort = django_filters.ChoiceFilter(
        label=_("Soort"), field_name="recurrence", choices=Recurrence.choices
    )
    herkomst = django_filters.ChoiceFilter(
        label=_("Herkomst"), field_name="basis", choices=Basis.choices
    )
    netwerk = django_filters.ModelChoiceFilter(
        label=_("Netwerk"),
        field_name="network",
        to_field_name="slug",
        queryset=visible_networks,
        widget=SearchableSelect(OPTIONS, NETWORK_SEARCH),
    )
    voorstel = ProposalChoiceFilter(
        label=_("Voorstel"),
        field_name="proposal",
        queryset=visible_proposals,
        widget=SearchableSelect(OPTIONS, ("title", "council_proposal__case_number")),
    )
    partnerstad = django_filters.ModelChoiceFilter(
        label=_("Partnerstad"),
        field_name="partner_city",
        to_field_name="slug",
        queryset=PartnerCity.objects.only("slug", "name"),
        widget=SearchableSelect(OPTIONS, ("name", "country")),
    )

    class Meta:
        model = BudgetLine
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form_field in self.form.fields.values():
            widget = form_field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)
        self.form.fields["q"].widget.input_type = "search"

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(note__icontains=value))

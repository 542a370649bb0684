"""The options of the contact registry's searchable selects (core/select.py), each behind the
permission of the page that shows the field: a form's add or change permission (organisations
for people, interactions and opportunities; efforts for an organisation), and none for the public
organisation list's filter, whose networks are `visible_to` the visitor."""

from core.select import OptionsView

from .filters import OrganisationFilter
from .forms import InteractionForm, OpportunityForm, OrganisationForm, PersonForm


class OrganisationFormOptions(OptionsView):
    form_class = OrganisationForm
    permission_required = ("contacts.add_organisation", "contacts.change_organisation")


class PersonFormOptions(OptionsView):
    form_class = PersonForm
    permission_required = ("contacts.add_person", "contacts.change_person")


class InteractionFormOptions(OptionsView):
    form_class = InteractionForm
    permission_required = ("contacts.add_interaction", "contacts.change_interaction")


class OpportunityFormOptions(OptionsView):
    form_class = OpportunityForm
    permission_required = ("contacts.add_opportunity", "contacts.change_opportunity")


class OrganisationFilterOptions(OptionsView):
    filterset_class = OrganisationFilter

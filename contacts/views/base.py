"""Mixins shared by the contact registry's pages."""

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from core.forms import EditTransactionMixin
from core.lists import FilteredListMixin
from core.params import parse_id

from ..models import (
    Organisation,
    Person,
)


class ContactListMixin(FilteredListMixin):
    """core's filtered list, 50 rows a page, naming the organisation or person that a filter
    from a link (a hidden field) narrows it to."""

    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filtered_on"] = self.filtered_on()
        return context

    def filtered_on(self):
        """Name the organisation or person that a hidden filter (from a link) narrows to."""
        names = []
        for key, model in (
            ("organisation", Organisation),
            ("from_organisation", Organisation),
            ("person", Person),
        ):
            pk = parse_id(self.filterset.clean_data.get(key))
            if key in self.filterset.filters and pk is not None:
                found = model.objects.filter(pk=pk).first()
                if found is not None:
                    names.append(found.name if model is Organisation else found.full_name)
        return names


class FormPageMixin(EditTransactionMixin):
    """Heading, cancel link and sub-menu tab for the shared form template; one transaction."""

    template_name = "contacts/form.html"
    heading = ""
    active = ""
    cancel_url_name = "contacts:organisation-list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = getattr(self, "object", None)
        context.update(
            heading=self.heading or _("%(name)s bewerken") % {"name": obj},
            cancel_url=obj.get_absolute_url() if obj else reverse(self.cancel_url_name),
            active=self.active,
        )
        return context


class FromContactMixin:
    """A new record about a contact: `?person=` fills in the person and their organisation,
    else `?organisation=` the organisation, in the form's fields named by `contact_fields`
    (person, organisation)."""

    contact_fields = ("person", "organisation")

    def get_initial(self):
        initial = super().get_initial()
        person_field, organisation_field = self.contact_fields
        person = parse_id(self.request.GET.get("person"))
        organisation = parse_id(self.request.GET.get("organisation"))
        if person is not None:
            found = Person.objects.filter(pk=person).values_list("organisation_id", flat=True)
            if found:
                initial.update({person_field: person, organisation_field: found[0]})
        elif organisation is not None:
            initial[organisation_field] = organisation
        return initial


def link_for(url_name):
    """A function pk -> the URL of `url_name` for that pk, from one reverse() per page instead
    of one per row (issue 17)."""
    before, after = reverse(url_name, args=[0]).rsplit("/0/", 1)
    return lambda pk: f"{before}/{pk}/{after}"


def yes_no(value):
    return _("ja") if value else _("nee")


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default

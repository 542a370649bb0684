"""Organisations: everyone may look; who sees which ones depends on the role."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.db.models import Prefetch
from django.utils.translation import get_language, gettext_lazy
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from core.lists import FilteredExportView, count_of
from core.private_cache import PrivateCacheMixin
from networks.models import Effort

from ..filters import OrganisationFilter
from ..forms import OrganisationForm
from ..models import Organisation, Person
from ..organisation_rows import organisation_rows
from .base import (
    ContactListMixin,
    FormPageMixin,
    link_for,
    yes_no,
)


class OrganisationVisibilityMixin:
    def get_base_queryset(self):
        return Organisation.objects.visible_to(self.request.user)


class OrganisationListView(
    OrganisationVisibilityMixin, PrivateCacheMixin, ContactListMixin, ListView
):
    """Everyone may look; who sees which organisations depends on the role."""

    model = Organisation
    filterset_class = OrganisationFilter
    template_name = "contacts/organisation_list.html"

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if not self.request.user.has_perm("contacts.view_organisation"):
            # The public activities, shown instead of the partner column (organisation_rows).
            queryset = queryset.with_activities_in(get_language())
        if self.request.user.has_perm("contacts.view_person"):
            # A subquery per row, so only the rows on the page are counted (issue 17).
            queryset = queryset.annotate(n_people=count_of(Person.objects.all(), "organisation"))
            queryset = queryset.order_by("name", "city")
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["show_partner"] = user.has_perm("contacts.view_organisation")
        context["show_people"] = user.has_perm("contacts.view_person")
        # The page's rows read as values, the columns the rows show, with each row's strings
        # here, not in template tags per row (issue 17).
        columns = ["pk", "name", "kind", "city", "country", "is_public_partner"]
        if context["show_people"]:
            columns.append("n_people")
        if not context["show_partner"]:
            columns += ["activities", "activities_language"]
        organisations = list(context["object_list"].values(*columns))
        # The themes' names in one query, in the themes' order, without a prefetch's 50 managers.
        names = {organisation["pk"]: [] for organisation in organisations}
        themes = Organisation.themes.through.objects.filter(organisation_id__in=list(names))
        for organisation_id, name in themes.order_by(
            "theme__kind", "theme__position", "theme__name"
        ).values_list("organisation_id", "theme__name"):
            names[organisation_id].append(name)
        link = link_for("contacts:organisation-detail")
        answers = {True: yes_no(True), False: yes_no(False)}
        for organisation in organisations:
            organisation["url"] = link(organisation["pk"])
            organisation["theme_names"] = ", ".join(names[organisation["pk"]])
            organisation["partner_label"] = answers[organisation["is_public_partner"]]
        context["rows"] = organisation_rows(
            organisations, context["show_partner"], context["show_people"]
        )
        return context


class OrganisationExportView(
    PermissionRequiredMixin, OrganisationVisibilityMixin, FilteredExportView
):
    permission_required = "contacts.view_organisation"
    model = Organisation
    filterset_class = OrganisationFilter
    filename = "organisaties.csv"
    header = (
        gettext_lazy("naam"),
        gettext_lazy("soort"),
        gettext_lazy("plaats"),
        gettext_lazy("land"),
        gettext_lazy("website"),
        gettext_lazy("thema's"),
        gettext_lazy("netwerken"),
        gettext_lazy("openbare partner"),
        gettext_lazy("internationale activiteiten"),
    )

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("themes", "networks", "translations")

    def get_row(self, organisation):
        return [
            organisation.name,
            organisation.get_kind_display(),
            organisation.city,
            organisation.country,
            organisation.website,
            ", ".join(theme.code for theme in organisation.themes.all()),
            ", ".join(network.slug for network in organisation.networks.all()),
            yes_no(organisation.is_public_partner),
            organisation.activities_in("nl").text,
        ]


class OrganisationDetailView(OrganisationVisibilityMixin, DetailView):
    model = Organisation
    template_name = "contacts/organisation_detail.html"

    def get_queryset(self):
        return self.get_base_queryset().prefetch_related(
            "themes",
            "networks",
            "translations",
            Prefetch("efforts", queryset=self.effort_queryset()),
        )

    def effort_queryset(self):
        return Effort.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        organisation = self.object
        if user.has_perm("contacts.view_person"):
            people = organisation.people.prefetch_related("languages")
            context["people"] = people[:50]
            context["people_count"] = organisation.people.count()
        if user.has_perm("contacts.view_interaction"):
            context["interactions"] = organisation.interactions.select_related(
                "person", "logged_by"
            )[:20]
            context["interaction_count"] = organisation.interactions.count()
        if user.has_perm("contacts.view_opportunity"):
            context["opportunities"] = organisation.opportunities.select_related(
                "assigned_to", "department"
            )[:20]
        return context


class OrganisationCreateView(
    PermissionRequiredMixin, SuccessMessageMixin, FormPageMixin, CreateView
):
    permission_required = "contacts.add_organisation"
    model = Organisation
    form_class = OrganisationForm
    heading = gettext_lazy("Nieuwe organisatie")
    active = "organisations"
    cancel_url_name = "contacts:organisation-list"
    success_message = gettext_lazy("De organisatie is toegevoegd.")


class OrganisationUpdateView(
    PermissionRequiredMixin, SuccessMessageMixin, FormPageMixin, UpdateView
):
    permission_required = "contacts.change_organisation"
    model = Organisation
    form_class = OrganisationForm
    active = "organisations"
    success_message = gettext_lazy("De organisatie is bijgewerkt.")

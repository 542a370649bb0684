"""Pages of the contact registry.

People, interactions, opportunities, the access log and the erasure records are for the
accountmanager and administrators only (the contacts.view_person and related permissions).
Other roles see organisations and the EU-grant expertise; the public sees the organisations
marked as public partners and which programmes the municipality knows.
"""

import csv

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView

from core.views import themes_prefetch
from networks.models import Effort

from . import services
from .constants import AccessAction
from .filters import (
    AccessLogFilter,
    GrantExpertiseFilter,
    InteractionFilter,
    OpportunityFilter,
    OrganisationFilter,
    PersonFilter,
)
from .forms import (
    EraseForm,
    ImportForm,
    InteractionForm,
    OpportunityForm,
    OrganisationForm,
    PassOnForm,
    PersonForm,
)
from .history import history_changes
from .imports import IMPORTERS, TEMPLATES
from .models import (
    AccessLog,
    ErasureRecord,
    GrantExpertise,
    Interaction,
    Opportunity,
    Organisation,
    Person,
)

IMPORT_SESSION_KEY = "contacts-import-{kind}"


class FilteredListMixin:
    """A list filtered by a FilterSet; an invalid filter shows nothing rather than everything."""

    filterset_class = None
    paginate_by = 50

    def base_queryset(self):
        return self.model.objects.all()

    def get_filterset(self):
        return self.filterset_class(
            self.request.GET or None, queryset=self.base_queryset(), request=self.request
        )

    def get_queryset(self):
        self.filterset = self.get_filterset()
        if self.filterset.is_bound and not self.filterset.is_valid():
            # Drop the bad filter values, say so, and filter on the rest.
            data = self.filterset.data.copy()
            for name, errors in self.filterset.errors.items():
                field = self.filterset.form.fields.get(name)
                messages.warning(
                    self.request,
                    _("Het filter '%(label)s' is genegeerd: %(error)s")
                    % {"label": field.label if field else name, "error": " ".join(errors)},
                )
                data.pop(name, None)
            self.filterset = self.filterset_class(
                data, queryset=self.base_queryset(), request=self.request
            )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter=self.filterset,
            query_string=query.urlencode(),
            filtered_on=self.filtered_on(),
        )
        return context

    def filtered_on(self):
        """Name the organisation or person that a hidden filter (from a link) narrows to."""
        names = []
        for key, model in (
            ("organisation", Organisation),
            ("from_organisation", Organisation),
            ("person", Person),
        ):
            value = self.request.GET.get(key, "")
            if key in self.filterset.filters and value.isdigit():
                found = model.objects.filter(pk=int(value)).first()
                if found is not None:
                    names.append(found.name if model is Organisation else found.full_name)
        return names


class CsvExportMixin:
    """Stream the filtered rows as CSV, semicolon-separated for Dutch spreadsheet programs."""

    filename = "export.csv"
    header = ()

    def rows(self, queryset):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        queryset = self.get_queryset()
        self.before_export(queryset)

        class Echo:
            def write(self, value):
                return value

        writer = csv.writer(Echo(), delimiter=";")

        def stream():
            yield "\ufeff"
            yield writer.writerow([str(title) for title in self.header])
            for row in self.rows(queryset):
                yield writer.writerow(row)

        response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response

    def before_export(self, queryset):
        pass


class FormPageMixin:
    """Heading, cancel link and sub-menu tab for the shared form template."""

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


def yes_no(value):
    return _("ja") if value else _("nee")


# --- organisations -----------------------------------------------------------------------------


class OrganisationVisibilityMixin:
    def base_queryset(self):
        queryset = Organisation.objects.all()
        if not self.request.user.has_perm("contacts.view_organisation"):
            queryset = queryset.public_partners()
        return queryset


class OrganisationListView(OrganisationVisibilityMixin, FilteredListMixin, ListView):
    """Everyone may look; who sees which organisations depends on the role."""

    model = Organisation
    filterset_class = OrganisationFilter
    template_name = "contacts/organisation_list.html"

    def base_queryset(self):
        queryset = super().base_queryset().prefetch_related(themes_prefetch())
        if self.request.user.has_perm("contacts.view_person"):
            queryset = queryset.annotate(n_people=Count("people", distinct=True)).order_by(
                "name", "city"
            )
        return queryset


class OrganisationExportView(
    PermissionRequiredMixin, OrganisationVisibilityMixin, FilteredListMixin, CsvExportMixin, View
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

    def rows(self, queryset):
        queryset = queryset.prefetch_related(themes_prefetch(), "networks")
        for organisation in queryset.iterator(chunk_size=1000):
            yield [
                organisation.name,
                organisation.get_kind_display(),
                organisation.city,
                organisation.country,
                organisation.website,
                ", ".join(theme.code for theme in organisation.themes.all()),
                ", ".join(network.slug for network in organisation.networks.all()),
                yes_no(organisation.is_public_partner),
                organisation.international_activities,
            ]


class OrganisationDetailView(OrganisationVisibilityMixin, DetailView):
    model = Organisation
    template_name = "contacts/organisation_detail.html"

    def get_queryset(self):
        return self.base_queryset().prefetch_related(
            themes_prefetch(), "networks", Prefetch("efforts", queryset=self.effort_queryset())
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


class OrganisationCreateView(PermissionRequiredMixin, FormPageMixin, CreateView):
    permission_required = "contacts.add_organisation"
    model = Organisation
    form_class = OrganisationForm
    heading = gettext_lazy("Nieuwe organisatie")
    active = "organisations"
    cancel_url_name = "contacts:organisation-list"

    def form_valid(self, form):
        messages.success(self.request, _("De organisatie is toegevoegd."))
        return super().form_valid(form)


class OrganisationUpdateView(PermissionRequiredMixin, FormPageMixin, UpdateView):
    permission_required = "contacts.change_organisation"
    model = Organisation
    form_class = OrganisationForm
    active = "organisations"

    def form_valid(self, form):
        messages.success(self.request, _("De organisatie is bijgewerkt."))
        return super().form_valid(form)


# --- people ------------------------------------------------------------------------------------


class PersonListView(PermissionRequiredMixin, FilteredListMixin, ListView):
    permission_required = "contacts.view_person"
    model = Person
    filterset_class = PersonFilter
    template_name = "contacts/person_list.html"

    def base_queryset(self):
        return Person.objects.select_related("organisation").prefetch_related("languages")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


class PersonExportView(PermissionRequiredMixin, FilteredListMixin, CsvExportMixin, View):
    permission_required = "contacts.view_person"
    model = Person
    filterset_class = PersonFilter
    filename = "personen.csv"
    header = (
        gettext_lazy("voornaam"),
        gettext_lazy("achternaam"),
        gettext_lazy("organisatie"),
        gettext_lazy("plaats"),
        gettext_lazy("functie"),
        gettext_lazy("e-mail"),
        gettext_lazy("telefoon"),
        gettext_lazy("talen"),
        gettext_lazy("doel"),
        gettext_lazy("grondslag"),
        gettext_lazy("herbeoordelen_op"),
    )

    def base_queryset(self):
        return Person.objects.select_related("organisation")

    def before_export(self, queryset):
        # Exporting people reads their records: log it, person by person.
        services.log_bulk_access(
            list(queryset.values_list("pk", flat=True)),
            self.request.user,
            AccessAction.EXPORTED_CSV,
        )

    def rows(self, queryset):
        queryset = queryset.prefetch_related("languages")
        for person in queryset.iterator(chunk_size=1000):
            yield [
                person.first_name,
                person.last_name,
                person.organisation.name,
                person.organisation.city,
                person.job_title,
                person.email,
                person.phone,
                ", ".join(language.code for language in person.languages.all()),
                person.purpose,
                person.legal_basis,
                person.review_on.isoformat(),
            ]


class PersonDetailView(PermissionRequiredMixin, DetailView):
    """Show everything about a person; every view is written to the access log."""

    permission_required = "contacts.view_person"
    model = Person
    template_name = "contacts/person_detail.html"

    def get_queryset(self):
        return Person.objects.select_related("organisation").prefetch_related("languages")

    def get_object(self, queryset=None):
        person = super().get_object(queryset)
        services.log_access(person, self.request.user)
        return person

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        history = list(
            Person.history.filter(id=person.pk)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        context.update(
            interactions=person.interactions.select_related("organisation", "logged_by")[:20],
            interaction_count=person.interactions.count(),
            opportunities=person.opportunities.select_related("assigned_to", "department")[:20],
            access_log=person.access_log.select_related("user")[:10],
            changes=history_changes(
                history,
                [
                    "organisation_id",
                    "first_name",
                    "last_name",
                    "job_title",
                    "email",
                    "phone",
                    "purpose",
                    "legal_basis",
                    "review_on",
                    "last_reviewed_on",
                    "notes",
                ],
                Person,
            ),
            today=timezone.localdate(),
        )
        return context


class PersonCreateView(PermissionRequiredMixin, FormPageMixin, CreateView):
    permission_required = "contacts.add_person"
    model = Person
    form_class = PersonForm
    heading = gettext_lazy("Nieuwe persoon")
    active = "people"
    cancel_url_name = "contacts:person-list"

    def get_initial(self):
        initial = super().get_initial()
        organisation = self.request.GET.get("organisation")
        if organisation and organisation.isdigit():
            initial["organisation"] = organisation
        return initial

    def form_valid(self, form):
        messages.success(self.request, _("De persoon is toegevoegd."))
        return super().form_valid(form)


class PersonUpdateView(PermissionRequiredMixin, FormPageMixin, UpdateView):
    permission_required = "contacts.change_person"
    model = Person
    form_class = PersonForm
    active = "people"

    def form_valid(self, form):
        messages.success(self.request, _("De gegevens zijn bijgewerkt."))
        return super().form_valid(form)


class PersonOptionsView(PermissionRequiredMixin, View):
    """The people of one organisation, for the person field of the interaction form."""

    permission_required = "contacts.view_person"

    def get(self, request):
        organisation = request.GET.get("organisation", "")
        if not organisation.isdigit():
            return JsonResponse({"people": []})
        people = Person.objects.filter(organisation_id=int(organisation)).order_by(
            "last_name", "first_name"
        )
        return JsonResponse(
            {"people": [{"id": person.pk, "name": person.full_name} for person in people]}
        )


class PersonExportDataView(PermissionRequiredMixin, View):
    """Everything held about one person (an access request), as JSON or CSV."""

    permission_required = "contacts.view_person"
    fmt = "json"

    def get(self, request, pk):
        person = get_object_or_404(Person, pk=pk)
        if self.fmt == "json":
            services.log_access(person, request.user, AccessAction.EXPORTED_JSON)
            response = HttpResponse(
                services.person_data_json(person), content_type="application/json; charset=utf-8"
            )
        else:
            services.log_access(person, request.user, AccessAction.EXPORTED_CSV)
            response = HttpResponse(
                "\ufeff" + services.person_data_csv(person), content_type="text/csv; charset=utf-8"
            )
        response["Content-Disposition"] = f'attachment; filename="persoon-{pk}.{self.fmt}"'
        response["Cache-Control"] = "no-store"
        return response


class PersonEraseView(PermissionRequiredMixin, FormView):
    permission_required = ("contacts.view_person", "contacts.delete_person")
    form_class = EraseForm
    template_name = "contacts/person_erase.html"

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        self.person = get_object_or_404(Person.objects.select_related("organisation"), **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            person=self.person,
            interaction_count=self.person.interactions.count(),
            opportunity_count=self.person.opportunities.count(),
        )
        return context

    def form_valid(self, form):
        services.erase_person(self.person, self.request.user, form.cleaned_data["reason"])
        messages.success(
            self.request,
            _(
                "De persoon is gewist, met de wijzigingsgeschiedenis. Vastgelegd is alleen dat "
                "er gewist is."
            ),
        )
        return redirect("contacts:person-list")


class ReviewListView(PermissionRequiredMixin, ListView):
    """People whose review date has passed: confirm that the data are needed, or erase them."""

    permission_required = "contacts.view_person"
    template_name = "contacts/review_list.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            Person.objects.review_overdue()
            .select_related("organisation")
            .order_by("review_on", "last_name", "pk")
        )


class ConfirmReviewView(PermissionRequiredMixin, View):
    permission_required = "contacts.change_person"

    def post(self, request, pk):
        person = get_object_or_404(Person, pk=pk)
        services.confirm_review(person)
        messages.success(
            request,
            _("Bevestigd: de gegevens blijven bewaard tot de volgende herbeoordeling op %(date)s.")
            % {"date": person.review_on.strftime("%d-%m-%Y")},
        )
        return redirect(safe_next(request, reverse("contacts:review-list")))


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# --- interactions ------------------------------------------------------------------------------


class InteractionListView(PermissionRequiredMixin, FilteredListMixin, ListView):
    permission_required = "contacts.view_interaction"
    model = Interaction
    filterset_class = InteractionFilter
    template_name = "contacts/interaction_list.html"

    def base_queryset(self):
        return Interaction.objects.select_related("organisation", "person", "logged_by")


class InteractionExportView(PermissionRequiredMixin, FilteredListMixin, CsvExportMixin, View):
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

    def base_queryset(self):
        return Interaction.objects.select_related("organisation", "person", "logged_by")

    def rows(self, queryset):
        for item in queryset.iterator(chunk_size=2000):
            yield [
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


class InteractionCreateView(PermissionRequiredMixin, FormPageMixin, CreateView):
    permission_required = "contacts.add_interaction"
    model = Interaction
    form_class = InteractionForm
    heading = gettext_lazy("Contactmoment vastleggen")
    active = "interactions"
    cancel_url_name = "contacts:interaction-list"

    def get_initial(self):
        initial = super().get_initial()
        person = self.request.GET.get("person", "")
        organisation = self.request.GET.get("organisation", "")
        if person.isdigit():
            found = Person.objects.filter(pk=int(person)).values_list("organisation_id", flat=True)
            if found:
                initial.update(person=int(person), organisation=found[0])
        elif organisation.isdigit():
            initial["organisation"] = int(organisation)
        return initial

    def form_valid(self, form):
        form.instance.logged_by = self.request.user
        messages.success(self.request, _("Het contactmoment is vastgelegd."))
        return super().form_valid(form)

    def get_success_url(self):
        return self.object.organisation.get_absolute_url()


class InteractionUpdateView(PermissionRequiredMixin, FormPageMixin, UpdateView):
    permission_required = "contacts.change_interaction"
    model = Interaction
    form_class = InteractionForm
    active = "interactions"

    def form_valid(self, form):
        messages.success(self.request, _("Het contactmoment is bijgewerkt."))
        return super().form_valid(form)


class FollowUpDoneView(PermissionRequiredMixin, View):
    permission_required = "contacts.change_interaction"

    def post(self, request, pk):
        interaction = get_object_or_404(Interaction, pk=pk)
        interaction.follow_up_done_on = timezone.localdate()
        interaction.save(update_fields=["follow_up_done_on"])
        messages.success(request, _("De opvolging is afgerond."))
        return redirect(safe_next(request, reverse("contacts:follow-up-list")))


class FollowUpListView(PermissionRequiredMixin, ListView):
    """My open follow-ups, the overdue ones first."""

    permission_required = "contacts.view_interaction"
    template_name = "contacts/follow_up_list.html"
    paginate_by = 50

    def get_queryset(self):
        return Interaction.objects.follow_ups_for(self.request.user).select_related(
            "organisation", "person"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            today=today,
            overdue_count=self.get_queryset().filter(follow_up_on__lt=today).count(),
        )
        return context


# --- opportunities -----------------------------------------------------------------------------


class OpportunityListView(PermissionRequiredMixin, FilteredListMixin, ListView):
    permission_required = "contacts.view_opportunity"
    model = Opportunity
    filterset_class = OpportunityFilter
    template_name = "contacts/opportunity_list.html"

    def base_queryset(self):
        return Opportunity.objects.select_related(
            "from_organisation", "theme", "department", "assigned_to"
        )


class OpportunityExportView(PermissionRequiredMixin, FilteredListMixin, CsvExportMixin, View):
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

    def base_queryset(self):
        return Opportunity.objects.select_related(
            "from_organisation", "theme", "department", "assigned_to"
        )

    def rows(self, queryset):
        for item in queryset.iterator(chunk_size=2000):
            yield [
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
            changes=history_changes(
                history,
                ["status", "department_id", "assigned_to_id", "theme_id", "title", "outcome"],
                Opportunity,
            ),
            pass_on_form=kwargs.get("pass_on_form") or PassOnForm(),
            can_change=self.request.user.has_perm("contacts.change_opportunity"),
        )
        return context

    def post(self, request, *args, **kwargs):
        """Pass the opportunity on to a colleague."""
        if not request.user.has_perm("contacts.change_opportunity"):
            raise PermissionDenied
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


class OpportunityCreateView(PermissionRequiredMixin, FormPageMixin, CreateView):
    permission_required = "contacts.add_opportunity"
    model = Opportunity
    form_class = OpportunityForm
    heading = gettext_lazy("Nieuwe kans of vraag")
    active = "opportunities"
    cancel_url_name = "contacts:opportunity-list"

    def get_initial(self):
        initial = super().get_initial()
        person = self.request.GET.get("person", "")
        organisation = self.request.GET.get("organisation", "")
        if person.isdigit():
            found = Person.objects.filter(pk=int(person)).values_list("organisation_id", flat=True)
            if found:
                initial.update(from_person=int(person), from_organisation=found[0])
        elif organisation.isdigit():
            initial["from_organisation"] = int(organisation)
        return initial

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        messages.success(self.request, _("De kans of vraag is vastgelegd."))
        return super().form_valid(form)


class OpportunityUpdateView(PermissionRequiredMixin, FormPageMixin, UpdateView):
    permission_required = "contacts.change_opportunity"
    model = Opportunity
    form_class = OpportunityForm
    active = "opportunities"

    def form_valid(self, form):
        messages.success(self.request, _("De kans of vraag is bijgewerkt."))
        return super().form_valid(form)


# --- EU-grant expertise ------------------------------------------------------------------------


class GrantExpertiseListView(FilteredListMixin, ListView):
    """Who knows which EU programme (proposal 3); names only for logged-in staff."""

    model = GrantExpertise
    filterset_class = GrantExpertiseFilter
    template_name = "contacts/grantexpertise_list.html"

    def base_queryset(self):
        return GrantExpertise.objects.select_related(
            "programme", "colleague", "colleague__department"
        ).prefetch_related(themes_prefetch())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["show_names"] = self.request.user.has_perm("contacts.view_colleague")
        return context


# --- privacy: access log, erasures, import -----------------------------------------------------


class AccessLogListView(PermissionRequiredMixin, FilteredListMixin, ListView):
    permission_required = "contacts.view_accesslog"
    model = AccessLog
    filterset_class = AccessLogFilter
    template_name = "contacts/accesslog_list.html"

    def base_queryset(self):
        return AccessLog.objects.select_related("user", "person", "person__organisation")


class ErasureListView(PermissionRequiredMixin, ListView):
    permission_required = "contacts.view_erasurerecord"
    model = ErasureRecord
    template_name = "contacts/erasurerecord_list.html"
    paginate_by = 50

    def get_queryset(self):
        return ErasureRecord.objects.select_related("erased_by")


class ImportView(LoginRequiredMixin, FormView):
    """Upload a CSV: first a dry run that lists every bad row, then import all rows or none."""

    form_class = ImportForm
    template_name = "contacts/import.html"
    kind = "organisations"
    permissions = {
        "organisations": "contacts.add_organisation",
        "people": "contacts.add_person",
    }

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(self.permissions[self.kind]):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            raise PermissionDenied
        return super().handle_no_permission()

    @property
    def session_key(self):
        return IMPORT_SESSION_KEY.format(kind=self.kind)

    def get(self, request, *args, **kwargs):
        if request.GET.get("voorbeeld"):
            response = HttpResponse("\ufeff" + TEMPLATES[self.kind], content_type="text/csv")
            response["Content-Disposition"] = f'attachment; filename="voorbeeld-{self.kind}.csv"'
            return response
        request.session.pop(self.session_key, None)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST or "cancel" in request.POST:
            text = request.session.pop(self.session_key, None)
            if "cancel" in request.POST or text is None:
                if text is None and "confirm" in request.POST:
                    messages.error(request, _("Er staat geen gecontroleerd bestand klaar."))
                return redirect(request.path)
            importer_class, _label = IMPORTERS[self.kind]
            report = importer_class().run(text, save=True)
            if report.saved:
                messages.success(
                    request,
                    _("%(count)s rijen geïmporteerd.") % {"count": report.saved},
                )
                return redirect(self.success_url())
            return self.render_to_response(self.get_context_data(report=report))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        text = form.cleaned_data["file"]
        importer_class, _label = IMPORTERS[self.kind]
        report = importer_class().run(text, save=False)
        if report.ok:
            # Keep the checked file until the user confirms; nothing is saved yet.
            self.request.session[self.session_key] = text
        return self.render_to_response(self.get_context_data(form=form, report=report))

    def success_url(self):
        if self.kind == "people":
            return reverse("contacts:person-list")
        return reverse("contacts:organisation-list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        importer_class, label = IMPORTERS[self.kind]
        context.update(
            kind=self.kind,
            kind_label=label,
            columns=list(importer_class.columns),
            required_columns=importer_class.required_columns,
            preview_columns=importer_class.preview_columns,
            back_url=self.success_url(),
        )
        return context

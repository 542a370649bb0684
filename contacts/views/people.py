"""People: personal data, for the accountmanager and administrators only."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView

from core.forms import ServiceFormMixin
from core.history import history_rows
from core.lists import FilteredExportView, PaginationMixin
from core.params import parse_id
from core.private_cache import PrivateCacheMixin, act

from .. import services
from ..constants import AccessAction
from ..filters import PersonFilter
from ..forms import (
    EraseForm,
    PersonForm,
)
from ..models import Person
from ..person_rows import PERSON_COLUMNS, PersonRow, person_rows
from .base import (
    ContactListMixin,
    FormPageMixin,
    link_for,
    safe_next,
)


class PersonListView(PermissionRequiredMixin, PrivateCacheMixin, ContactListMixin, ListView):
    permission_required = "contacts.view_person"
    model = Person
    filterset_class = PersonFilter
    template_name = "contacts/person_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        # The page's rows read as values, the columns the rows show, and the languages' codes
        # in one query, as a prefetch ordered them (issue 17).
        people = [
            PersonRow(*values) for values in context["object_list"].values_list(*PERSON_COLUMNS)
        ]
        codes = {person.pk: [] for person in people}
        spoken = Person.languages.through.objects.filter(person_id__in=list(codes))
        for person_id, code in spoken.order_by("language__name").values_list(
            "person_id", "language__code"
        ):
            codes[person_id].append(code)
        links = (link_for("contacts:person-detail"), link_for("contacts:organisation-detail"))
        context["rows"] = person_rows(people, context["today"], links, codes)
        # The list shows names, organisations and e-mail addresses: logged per person shown,
        # also when the page is served from the user's cached copy.
        act(self.request, services.LIST_VIEWED, list(codes))
        return context


class PersonExportView(PermissionRequiredMixin, FilteredExportView):
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

    def get_base_queryset(self):
        return Person.objects.select_related("organisation").prefetch_related("languages")

    def get(self, request, *args, **kwargs):
        # Exporting people reads their records: log it, person by person.
        services.log_bulk_access(
            list(self.get_queryset().values_list("pk", flat=True)),
            request.user,
            AccessAction.EXPORTED_CSV,
        )
        return super().get(request, *args, **kwargs)

    def get_row(self, person):
        return [
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
            changes=history_rows(
                history,
                fields=[
                    "organisation",
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
            ),
            today=timezone.localdate(),
        )
        return context


class PersonCreateView(PermissionRequiredMixin, SuccessMessageMixin, FormPageMixin, CreateView):
    permission_required = "contacts.add_person"
    model = Person
    form_class = PersonForm
    heading = gettext_lazy("Nieuwe persoon")
    active = "people"
    cancel_url_name = "contacts:person-list"
    success_message = gettext_lazy("De persoon is toegevoegd.")

    def get_initial(self):
        initial = super().get_initial()
        organisation = parse_id(self.request.GET.get("organisation"))
        if organisation is not None:
            initial["organisation"] = organisation
        return initial


class PersonUpdateView(PermissionRequiredMixin, SuccessMessageMixin, FormPageMixin, UpdateView):
    permission_required = "contacts.change_person"
    model = Person
    form_class = PersonForm
    active = "people"
    success_message = gettext_lazy("De gegevens zijn bijgewerkt.")

    def get(self, request, *args, **kwargs):
        """The edit page shows all of the person's data: logged like the person's page."""
        response = super().get(request, *args, **kwargs)
        services.log_access(self.object, request.user)
        return response


class PersonOptionsView(PermissionRequiredMixin, View):
    """The people of one organisation, for the person field of the interaction form."""

    permission_required = "contacts.view_person"

    def get(self, request):
        organisation = parse_id(request.GET.get("organisation"))
        if organisation is None:
            return JsonResponse({"people": []})
        people = Person.objects.filter(organisation_id=organisation).order_by(
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


class PersonEraseView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission_required = ("contacts.view_person", "contacts.delete_person")
    form_class = EraseForm
    template_name = "contacts/person_erase.html"
    success_url = reverse_lazy("contacts:person-list")
    success_message = gettext_lazy(
        "De persoon is gewist, met de wijzigingsgeschiedenis. Vastgelegd is alleen dat er "
        "gewist is."
    )

    @cached_property
    def person(self):
        """Loaded only after the permission check."""
        return get_object_or_404(Person.objects.select_related("organisation"), **self.kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            person=self.person,
            interaction_count=self.person.interactions.count(),
            opportunity_count=self.person.opportunities.count(),
        )
        return context

    def perform(self, form):
        services.erase_person(self.person, self.request.user, form.cleaned_data["reason"])


class ReviewListView(PermissionRequiredMixin, PaginationMixin, ListView):
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

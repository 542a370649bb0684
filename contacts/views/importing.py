"""CSV import with a dry run (contacts/imports.py, on django-import-export); the checked
file waits on the server (core.uploads), never in the session, and is gone after 30 minutes
whether it was imported or not."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from core import uploads

from ..forms import ImportForm
from ..imports import IMPORTERS, TEMPLATES, check_file, import_file


class ImportView(PermissionRequiredMixin, FormView):
    """Upload a CSV: first a dry run that lists every bad row, then import all rows or none."""

    form_class = ImportForm
    template_name = "contacts/import.html"
    kind = "organisations"
    permissions = {
        "organisations": "contacts.add_organisation",
        "people": "contacts.add_person",
    }

    def get_permission_required(self):
        return [self.permissions[self.kind]]

    @property
    def upload_kind(self):
        return f"contacts-{self.kind}"

    def get(self, request, *args, **kwargs):
        if request.GET.get("voorbeeld"):
            response = HttpResponse("\ufeff" + TEMPLATES[self.kind], content_type="text/csv")
            response["Content-Disposition"] = f'attachment; filename="voorbeeld-{self.kind}.csv"'
            return response
        uploads.discard(request, self.upload_kind)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST or "cancel" in request.POST:
            stored = uploads.fetch(request, self.upload_kind)
            uploads.discard(request, self.upload_kind)
            if "cancel" in request.POST or stored is None:
                if stored is None and "confirm" in request.POST:
                    messages.error(
                        request,
                        _(
                            "Er staat geen gecontroleerd bestand (meer) klaar; "
                            "controleer het opnieuw."
                        ),
                    )
                return redirect(request.path)
            report = import_file(self.kind, bytes(stored.content))
            if report.saved:
                messages.success(
                    request,
                    _("%(count)s rijen geïmporteerd.") % {"count": len(report.new)},
                )
                return redirect(self.success_url())
            return self.render_to_response(self.get_context_data(report=report))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        content = form.cleaned_data["file"]
        report = check_file(self.kind, content)
        if report.ok:
            # Keep the checked file until the user confirms, for a short while; nothing is
            # saved yet. It may hold personal data, so it is never kept long.
            name = self.request.FILES["file"].name
            uploads.keep(self.request, self.upload_kind, name, content)
        return self.render_to_response(self.get_context_data(form=form, report=report))

    def success_url(self):
        if self.kind == "people":
            return reverse("contacts:person-list")
        return reverse("contacts:organisation-list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resource_class, label = IMPORTERS[self.kind]
        context.update(
            kind=self.kind,
            kind_label=label,
            columns=list(resource_class.columns),
            required_columns=resource_class.required_columns,
            preview_columns=resource_class.preview_columns,
            back_url=self.success_url(),
        )
        return context

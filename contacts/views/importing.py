"""CSV import with a dry run; the checked file waits on the server (core.uploads), never in
the session, and is gone after 30 minutes whether it was imported or not."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from core import uploads

from ..forms import ImportForm
from ..imports import IMPORTERS, TEMPLATES


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
            text = None if stored is None else bytes(stored.content).decode("utf-8")
            if "cancel" in request.POST or text is None:
                if text is None and "confirm" in request.POST:
                    messages.error(
                        request,
                        _(
                            "Er staat geen gecontroleerd bestand (meer) klaar; "
                            "controleer het opnieuw."
                        ),
                    )
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
            # Keep the checked file until the user confirms, for a short while; nothing is
            # saved yet. It may hold personal data, so it is never kept long.
            name = self.request.FILES["file"].name
            uploads.keep(self.request, self.upload_kind, name, text.encode("utf-8"))
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

"""CSV import with a dry run."""

import time

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from ..forms import ImportForm
from ..imports import IMPORTERS, TEMPLATES

IMPORT_SESSION_KEY = "contacts-import-{kind}"
IMPORT_KEEP_SECONDS = 30 * 60


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
            stored = request.session.pop(self.session_key, None) or {}
            text = stored.get("text")
            if text is not None and time.time() - stored.get("at", 0) > IMPORT_KEEP_SECONDS:
                text = None
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
            self.request.session[self.session_key] = {"text": text, "at": time.time()}
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

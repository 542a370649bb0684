"""Mixins shared by the contact registry's pages."""

import csv

from django.contrib import messages
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from core.forms import EditTransactionMixin
from core.params import parse_id

from ..models import (
    Organisation,
    Person,
)


class FilteredListMixin:
    """A list filtered by a FilterSet; a bad filter value is dropped with a message."""

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
            pk = parse_id(self.request.GET.get(key))
            if key in self.filterset.filters and pk is not None:
                found = model.objects.filter(pk=pk).first()
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


def yes_no(value):
    return _("ja") if value else _("nee")


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default

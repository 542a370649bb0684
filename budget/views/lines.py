"""Budget lines: the list, one line, editing by the finance role, history, import and export."""

from decimal import Decimal
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.db.models import Count, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from core import uploads
from core.forms import EditTransactionMixin, SinceForm
from core.history import describe_changes, history_rows
from core.imports import file_format
from core.lists import FilteredListMixin, PaginationMixin
from core.private_cache import PrivateCacheMixin

from ..book_lines import book_lines
from ..filters import BudgetLineFilter
from ..forms import BudgetLineForm, ProductBudgetForm, SavingsTargetForm, StaffPositionForm
from ..line_table import line_rows
from ..models import BudgetLine, ProductBudget, SavingsTarget, StaffPosition
from ..services import (
    UPLOAD_KIND,
    ImportFileError,
    check_lines,
    export_lines,
    import_lines,
    read_upload,
)
from .common import (
    BudgetPageMixin,
    attach_links,
    link_for,
    may_see,
)

# --- lines ------------------------------------------------------------------------------------


class LineListView(PrivateCacheMixin, FilteredListMixin, BudgetPageMixin, ListView):
    """Every budget line, filterable; the finance role edits, imports and exports from here.
    Public: anonymous visitors get it from the page cache, signed-in users from their own
    (core.private_cache)."""

    model = BudgetLine
    filterset_class = BudgetLineFilter
    template_name = "budget/budgetline_list.html"
    context_object_name = "lines"
    paginate_by = 50
    section = "lines"

    def get_base_queryset(self):
        return BudgetLine.objects.with_links().order_by("year", "product__name", "category", "name")

    def get_paginator(self, queryset, per_page, **kwargs):
        """The number of lines and their sum in one pass over the table (issue 17)."""
        figures = queryset.aggregate(count=Count("pk"), total=Sum("amount"))
        self.total = figures["total"] or Decimal("0")
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        paginator.count = figures["count"]
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The page's lines as plain values with what they pay for, in the same one query.
        lines = book_lines(context["lines"])
        attach_links(lines, self.request.user)
        context["lines"] = context["object_list"] = lines
        context["line_rows"] = line_rows(lines)
        context["total"] = self.total
        return context


class LineDetailView(BudgetPageMixin, DetailView):
    """One line: what it pays for, where the amount comes from, and every change to it."""

    model = BudgetLine
    template_name = "budget/budgetline_detail.html"
    context_object_name = "line"
    section = "lines"

    def get_queryset(self):
        return BudgetLine.objects.with_links()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        line = self.object
        user = self.request.user
        context.update(
            links=[
                (label, obj, link_for(obj, user))
                for label, obj in (
                    (_("Voorstel"), line.proposal),
                    (_("Partnerstad"), line.partner_city),
                    (_("Netwerk"), line.network),
                )
                if obj is not None and may_see(obj, user)
            ],
            same_line=BudgetLine.objects.filter(product=line.product, name=line.name).order_by(
                "year"
            ),
            history=history_rows(line.history.select_related("history_user")[:50], created=False),
        )
        return context


class EditMixin(PermissionRequiredMixin, SuccessMessageMixin, BudgetPageMixin):
    template_name = "budget/edit_form.html"
    section = "lines"
    heading = ""
    success_message = gettext_lazy("De wijziging is opgeslagen.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.heading
        if getattr(self, "object", None) is not None and self.object.pk:
            context["history"] = history_rows(
                self.object.history.select_related("history_user")[:20], created=False
            )
        return context


class LineCreateView(EditTransactionMixin, EditMixin, PrivateCacheMixin, CreateView):
    """A new line. The empty form is kept per session (core.private_cache) after the permission
    check: it holds no version to compare (a new record's is empty), only the session's CSRF
    token and choices that change with the content."""

    model = BudgetLine
    form_class = BudgetLineForm
    permission_required = "budget.add_budgetline"
    heading = gettext_lazy("Begrotingsregel toevoegen")


class LineUpdateView(EditTransactionMixin, EditMixin, UpdateView):
    model = BudgetLine
    form_class = BudgetLineForm
    permission_required = "budget.change_budgetline"
    heading = gettext_lazy("Begrotingsregel wijzigen")


class LineDeleteView(PermissionRequiredMixin, SuccessMessageMixin, BudgetPageMixin, DeleteView):
    model = BudgetLine
    permission_required = "budget.delete_budgetline"
    template_name = "budget/confirm_delete.html"
    success_url = reverse_lazy("budget:line-list")
    section = "lines"
    success_message = gettext_lazy("De regel is verwijderd.")


class ProductBudgetCreateView(EditTransactionMixin, EditMixin, CreateView):
    model = ProductBudget
    form_class = ProductBudgetForm
    permission_required = "budget.add_productbudget"
    heading = gettext_lazy("Productbudget toevoegen")
    success_url = reverse_lazy("budget:overview")


class ProductBudgetUpdateView(EditTransactionMixin, EditMixin, UpdateView):
    model = ProductBudget
    form_class = ProductBudgetForm
    permission_required = "budget.change_productbudget"
    heading = gettext_lazy("Productbudget wijzigen")
    success_url = reverse_lazy("budget:overview")


class PositionUpdateView(EditTransactionMixin, EditMixin, UpdateView):
    model = StaffPosition
    form_class = StaffPositionForm
    permission_required = "budget.change_staffposition"
    heading = gettext_lazy("Functie wijzigen")
    success_url = reverse_lazy("budget:derivation")


class TargetUpdateView(EditTransactionMixin, EditMixin, UpdateView):
    model = SavingsTarget
    form_class = SavingsTargetForm
    permission_required = "budget.change_savingstarget"
    heading = gettext_lazy("Taakstelling wijzigen")
    success_url = reverse_lazy("budget:scenario-list")


class ChangesView(BudgetPageMixin, PaginationMixin, ListView):
    """Recent changes to the budget lines: who changed what, and when."""

    template_name = "budget/changes.html"
    paginate_by = 50
    section = "changes"

    def get_since_form(self):
        if not hasattr(self, "_since_form"):
            self._since_form = SinceForm(self.request.GET or None)
        return self._since_form

    def get_queryset(self):
        records = BudgetLine.history.select_related("history_user", "product")
        since = self.get_since_form().since()
        if since is not None:
            records = records.filter(history_date__gte=since)
        return records.order_by("-history_date", "-history_id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["since_form"] = self.get_since_form()
        if context["since_form"].is_bound and context["since_form"]["sinds"].value():
            context["current_query"] = urlencode({"sinds": context["since_form"]["sinds"].value()})
        page = list(context["object_list"])
        ids = {record.id for record in page}
        oldest = min((record.history_date for record in page), default=None)
        earlier = {}
        if ids:
            for record in (
                BudgetLine.history.filter(id__in=ids, history_date__lt=oldest)
                .order_by("id", "-history_date", "-history_id")
                .distinct()
            ):
                earlier.setdefault(record.id, record)
        by_line = {}
        for record in sorted(page, key=lambda r: (r.history_date, r.history_id)):
            record.previous = by_line.get(record.id) or earlier.get(record.id)
            by_line[record.id] = record
        pairs = [(record, record.previous) for record in page]
        rows = [
            {"record": record, "changes": changes}
            for record, changes in zip(page, describe_changes(pairs, created=False), strict=True)
        ]
        context["rows"] = rows
        return context


# --- import and export -----------------------------------------------------------------------


def export_view(request, fmt):
    """The filtered lines as a CSV or XLSX file, in the columns the import reads."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    filterset = BudgetLineFilter(
        request.GET or None,
        queryset=BudgetLine.objects.with_links().order_by("year", "product__name", "name"),
        request=request,
    )
    queryset = filterset.qs if filterset.is_valid() else filterset.queryset
    content = export_lines(queryset, fmt)
    content_type = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="begrotingsregels.{fmt}"'
    return response


@login_required
@permission_required(["budget.add_budgetline", "budget.change_budgetline"], raise_exception=True)
def import_view(request):
    """Upload a file, see every row's problems (dry run), then confirm to save all or nothing."""
    context = {"section": "lines", "can_edit": True}
    if request.method == "POST" and request.POST.get("stap") == "bevestigen":
        stored = uploads.fetch(request, UPLOAD_KIND, token=request.POST.get("token"))
        if stored is None:
            messages.error(request, _("Kies het bestand opnieuw; de controle is verlopen."))
            return redirect("budget:line-import")
        reason = _("Import van %(name)s") % {"name": stored.name}
        report = import_lines(bytes(stored.content), file_format(stored.name), reason=reason)
        if report.saved:
            uploads.discard(request, UPLOAD_KIND)
            messages.success(
                request,
                _("%(new)s regels toegevoegd, %(updated)s gewijzigd, %(same)s ongewijzigd.")
                % {
                    "new": len(report.new),
                    "updated": len(report.updated),
                    "same": len(report.unchanged),
                },
            )
            return redirect("budget:line-list")
        context.update(report=report, filename=stored.name)
        return render(request, "budget/import.html", context, status=400)
    if request.method == "POST":
        upload = request.FILES.get("bestand")
        if upload is None:
            context["file_error"] = _("Kies een bestand om te controleren.")
            return render(request, "budget/import.html", context, status=400)
        try:
            content, fmt = read_upload(upload)
            report = check_lines(content, fmt)
        except ImportFileError as exc:
            context["file_error"] = str(exc)
            return render(request, "budget/import.html", context, status=400)
        context.update(report=report, filename=upload.name)
        if report.is_valid():
            context["token"] = uploads.keep(request, UPLOAD_KIND, upload.name, content)
            return render(request, "budget/import.html", context)
        return render(request, "budget/import.html", context, status=400)
    return render(request, "budget/import.html", context)

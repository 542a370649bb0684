"""The griffie's page: export council documents as PDF, follow the worker, download the result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import ListView

from core.exports import MAX_STATUS_IDS, MESSAGE_LEVELS, export_json, wants_json
from core.lists import PaginationMixin
from core.params import parse_id
from core.private_cache import PrivateCacheMixin

from .constants import COUNCIL_DOCUMENT_KINDS
from .documents import DocumentNotFound
from .griffie_rows import decision_items, document_rows
from .models import CouncilProposal, DocumentExport
from .services import (
    EXPORT_PERMISSION,
    export_blocked_reason,
    export_message,
    request_export,
    with_decided,
)

# How many exports the griffie's page lists, newest first; all of them are one click away.
LATEST_EXPORTS = 20


class DocumentListView(PermissionRequiredMixin, PrivateCacheMixin, PaginationMixin, ListView):
    """The council documents with an export button, 30 council proposals a page (newest first,
    as on /raadsvoorstellen/), and the latest exports."""

    permission_required = EXPORT_PERMISSION
    template_name = "proposals/griffie_document_list.html"
    context_object_name = "council_proposals"
    paginate_by = 30

    def get_queryset(self):
        # Only the columns the page shows (issue 17): not the proposals' long texts.
        council_proposals = (
            CouncilProposal.objects.public()
            .only("case_number", "subject")
            .prefetch_related("decisions")
        )
        return with_decided(council_proposals).order_by("-council_meeting_on", "-case_number")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        council_proposals = context["council_proposals"]
        can_record_decision = self.request.user.has_perm("proposals.record_decision")
        # The rows written in Python (issue 17).
        context["document_rows"] = document_rows(
            self.request, council_proposals, COUNCIL_DOCUMENT_KINDS
        )
        if can_record_decision:
            context["decision_items"] = decision_items(council_proposals)
        exports = list(
            DocumentExport.objects.council_documents().for_listing()[: LATEST_EXPORTS + 1]
        )
        context["exports"] = exports[:LATEST_EXPORTS]
        context["more_exports"] = len(exports) > LATEST_EXPORTS
        context["document_kinds"] = COUNCIL_DOCUMENT_KINDS
        context["can_record_decision"] = can_record_decision
        return context


class ExportListView(PermissionRequiredMixin, PaginationMixin, ListView):
    """Every export of a council document made so far, newest first, a page at a time."""

    permission_required = EXPORT_PERMISSION
    template_name = "proposals/griffie_export_list.html"
    context_object_name = "exports"
    paginate_by = 20

    def get_queryset(self):
        return DocumentExport.objects.council_documents().for_listing()


@require_POST
@login_required
@permission_required(EXPORT_PERMISSION, raise_exception=True)
def export_document(request, case_number, kind):
    """Start an export; answer with JSON for the page's script, or redirect back to the page."""
    if kind not in COUNCIL_DOCUMENT_KINDS:
        raise Http404
    council_proposal = get_object_or_404(CouncilProposal.objects.public(), case_number=case_number)
    reason = export_blocked_reason(council_proposal, kind)
    if reason:
        if wants_json(request):
            return JsonResponse({"level": "danger", "message": reason}, status=409)
        messages.error(request, reason)
        return redirect("proposals:document-list")
    try:
        outcome = request_export(council_proposal, kind, request.user)
    except DocumentNotFound as exc:
        raise Http404 from exc
    export = DocumentExport.objects.for_listing().get(pk=outcome.export.pk)
    message = export_message(export, reused=outcome.reused)
    if wants_json(request):
        return JsonResponse(export_json(export, request, message), status=201)
    messages.add_message(request, MESSAGE_LEVELS[message[0]], message[1])
    return redirect("proposals:document-list")


@require_GET
@login_required
@permission_required(EXPORT_PERMISSION, raise_exception=True)
def export_status(request):
    """The status of the given exports, for the page to update itself without a reload."""
    ids = [parse_id(value) for value in request.GET.getlist("id")[:MAX_STATUS_IDS]]
    if None in ids:
        return JsonResponse({"error": _("Ongeldig exportnummer.")}, status=400)
    exports = DocumentExport.objects.council_documents().for_listing().filter(pk__in=ids)
    return JsonResponse({"exports": [export_json(export, request) for export in exports]})


@require_GET
@login_required
@permission_required(EXPORT_PERMISSION, raise_exception=True)
def download_export(request, pk):
    """Hand out the PDF as a download, named after the document and its zaaknummer."""
    export = get_object_or_404(
        DocumentExport.objects.council_documents().select_related("council_proposal"), pk=pk
    )
    if not export.is_ready() or not default_storage.exists(export.file.name):
        raise Http404(_("Deze PDF is (nog) niet beschikbaar."))
    return FileResponse(
        default_storage.open(export.file.name, "rb"),
        as_attachment=True,
        filename=export.download_name,
        content_type="application/pdf",
    )

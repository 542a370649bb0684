"""The yearly report to the council as PDF: exported from the results page of a year.

The export goes through the council documents' machinery (proposals.services): recorded as a
proposals.DocumentExport of the year, rendered by the worker (in-process without a broker),
reused when nothing changed. The results page shows the year's exports with the griffie's row and
follows them with static/js/exports.js.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.exports import MAX_STATUS_IDS, MESSAGE_LEVELS, export_json, wants_json
from core.params import parse_id
from proposals.documents import DocumentNotFound
from proposals.models import DocumentExport
from proposals.services import export_message, request_yearly_report

from .services import plan_years

REPORT_PERMISSION = "results.export_workplan"
# How many of a year's exports the results page lists, newest first.
LISTED_EXPORTS = 10


def year_or_404(request, year):
    if year not in plan_years(request.user):
        raise Http404(_("Er is geen werkplan voor dit jaar."))


def listed_exports(year):
    """The year's latest exports of the yearly report, as the results page lists them."""
    return list(DocumentExport.objects.yearly_reports(year).for_listing()[:LISTED_EXPORTS])


@require_POST
@login_required
@permission_required(REPORT_PERMISSION, raise_exception=True)
def export_yearly_report(request, year):
    """Start an export; answer with JSON for the page's script, or redirect back to the page."""
    year_or_404(request, year)
    try:
        outcome = request_yearly_report(year, request.user)
    except DocumentNotFound as exc:  # a year with a draft plan only: nothing public to report
        if wants_json(request):
            return JsonResponse({"level": "danger", "message": str(exc)}, status=409)
        messages.error(request, str(exc))
        return redirect("results:result-year", year=year)
    export = DocumentExport.objects.for_listing().get(pk=outcome.export.pk)
    message = export_message(export, reused=outcome.reused)
    if wants_json(request):
        return JsonResponse(export_json(export, request, message), status=201)
    messages.add_message(request, MESSAGE_LEVELS[message[0]], message[1])
    return redirect("results:result-year", year=year)


@require_GET
@login_required
@permission_required(REPORT_PERMISSION, raise_exception=True)
def yearly_report_status(request, year):
    """The status of the given exports of the year, for the page to update itself."""
    ids = [parse_id(value) for value in request.GET.getlist("id")[:MAX_STATUS_IDS]]
    if None in ids:
        return JsonResponse({"error": _("Ongeldig exportnummer.")}, status=400)
    exports = DocumentExport.objects.yearly_reports(year).for_listing().filter(pk__in=ids)
    return JsonResponse({"exports": [export_json(export, request) for export in exports]})


@require_GET
@login_required
@permission_required(REPORT_PERMISSION, raise_exception=True)
def download_yearly_report(request, year, pk):
    """Hand out the PDF as a download, named after the report and its year."""
    export = get_object_or_404(DocumentExport.objects.yearly_reports(year), pk=pk)
    if not export.is_ready() or not default_storage.exists(export.file.name):
        raise Http404(_("Deze PDF is (nog) niet beschikbaar."))
    return FileResponse(
        default_storage.open(export.file.name, "rb"),
        as_attachment=True,
        filename=export.download_name,
        content_type="application/pdf",
    )

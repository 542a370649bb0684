"""What the pages that export PDFs share: the status row of an export and its JSON.

The griffie's page (proposals.views_griffie) and the results page of a year
(results.views_report) show the exports of proposals.DocumentExport with the same row and follow
them with static/js/exports.js; core only reads the export's own methods.
"""

from django.contrib import messages
from django.template.loader import render_to_string

ROW_TEMPLATE = "includes/export_row.html"
MAX_STATUS_IDS = 50
MESSAGE_LEVELS = {
    "success": messages.SUCCESS,
    "info": messages.INFO,
    "warning": messages.WARNING,
    "danger": messages.ERROR,
}


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def export_json(export, request, message=None):
    """An export's status and its row, for the page's script; message is (level, text)."""
    data = {
        "id": export.pk,
        "status": export.status,
        "status_label": export.get_status_display(),
        "finished": export.is_finished(),
        "download_url": export.get_absolute_url() if export.is_ready() else None,
        "html": render_to_string(ROW_TEMPLATE, {"export": export}, request=request),
    }
    if message:
        data["level"], data["message"] = message
    return data

"""The yearly report rendered by a real Celery worker on Redis, as the council documents are.

Like the other worker tests, this runs in the PostgreSQL run of .ci/run (a second process must
see the test database, and Redis must be up).
"""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from networks.models import Effort
from proposals.constants import ExportStatus
from tests.worker.support import pdf_text, wait_for_export

pytestmark = pytest.mark.worker


def test_a_worker_renders_the_yearly_report_the_results_page_follows_and_offers_it(
    start_worker, hengelo, account_manager, client
):
    worker = start_worker()
    client.force_login(account_manager)
    response = client.post(
        reverse("results:yearly-report-export", args=[2018]), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 201
    data = response.json()
    # Sent to the queue, not rendered in the request.
    assert data["status"] in (ExportStatus.QUEUED, ExportStatus.RENDERING), data
    assert "staat in de wachtrij" in data["message"]

    export = wait_for_export(data["id"], timeout=90, worker=worker)
    assert export.status == ExportStatus.READY, export.error
    assert (export.year, export.attempts) == (2018, 1)
    assert export.render_ms > 0 and export.page_count >= 2

    status = client.get(reverse("results:yearly-report-status", args=[2018]), {"id": export.pk})
    [row] = status.json()["exports"]
    assert row["status"] == ExportStatus.READY and row["download_url"]
    download = client.get(row["download_url"])
    assert download.status_code == 200
    text = pdf_text(b"".join(download.streaming_content))
    for effort in Effort.objects.filter(year=2018):
        assert effort.title in text, effort.title
    assert default_storage.exists(export.file.name)

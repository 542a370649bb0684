"""Exporting the yearly report through the results page, as the griffie or accountmanager does."""

from django.urls import reverse

from proposals.constants import ExportStatus


def export_url(year=2018):
    return reverse("results:yearly-report-export", args=[year])


def status_url(year=2018):
    return reverse("results:yearly-report-status", args=[year])


def export_report(client, capture, year=2018):
    """Ask for the export and follow it as the page's script does, then download the PDF.

    capture is pytest-django's django_capture_on_commit_callbacks: the export is sent to the
    worker (here: run in-process) after the commit, which in a test that does not commit comes
    after the answer; the status URL then tells it is ready.
    """
    with capture(execute=True):
        response = client.post(export_url(year), HTTP_ACCEPT="application/json")
    assert response.status_code == 201, response.content
    status = client.get(status_url(year), {"id": response.json()["id"]})
    assert status.status_code == 200
    [data] = status.json()["exports"]
    assert data["status"] == ExportStatus.READY, data
    download = client.get(data["download_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert f'filename="jaarverslag-{year}.pdf"' in download["Content-Disposition"]
    return b"".join(download.streaming_content)

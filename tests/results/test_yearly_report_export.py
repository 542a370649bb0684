"""The yearly report exported from the results page through the council documents' machinery:
recorded as a DocumentExport of the year, rendered in-process without a broker, reused when
nothing changed, failures shown with their reason, and a page whose queries do not grow."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from networks.models import Effort
from proposals import documents
from proposals.constants import DocumentKind, ExportStatus
from proposals.models import CouncilProposal, DocumentExport
from proposals.services import request_yearly_report
from results.models import WorkPlan
from tests.results.exporting import export_url, status_url
from tests.worker.support import pdf_text

pytestmark = pytest.mark.django_db

PAGE = "/resultaten/2018/"


@pytest.fixture
def renders(monkeypatch):
    """Count the real renders, and let a test make the next ones fail."""
    calls, failures = [], []
    render_pdf = documents.render_pdf

    def counting_render_pdf(*args, **kwargs):
        calls.append(args[0].kind)
        if failures:
            raise failures.pop(0)
        return render_pdf(*args, **kwargs)

    monkeypatch.setattr(documents, "render_pdf", counting_render_pdf)
    counting_render_pdf.calls, counting_render_pdf.failures = calls, failures
    return counting_render_pdf


@pytest.mark.django_db(transaction=True)
def test_accountmanager_exports_the_report_it_is_rendered_at_once_and_reused_unchanged(
    client_for, hengelo, account_manager, clerk, renders
):
    client = client_for(account_manager)
    page = client.get(PAGE).content.decode()
    assert "Het jaarverslag van dit jaar is nog niet geëxporteerd." in page
    assert 'src="/static/js/exports.js"' in page

    # The page's script: without a broker the task runs in-process, before the answer.
    response = client.post(export_url(), HTTP_ACCEPT="application/json")
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == ExportStatus.READY and data["level"] == "success"
    assert "Jaarverslag aan de raad 2018 is klaar om te downloaden" in data["message"]
    assert 'data-status="gereed"' in data["html"]
    export = DocumentExport.objects.get()
    assert (export.kind, export.year, export.council_proposal) == ("jaarverslag", 2018, None)
    assert export.requested_by == account_manager and export.attempts == 1
    assert renders.calls == ["jaarverslag"]

    download = client.get(data["download_url"])
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="jaarverslag-2018.pdf"' in download["Content-Disposition"]
    text = pdf_text(b"".join(download.streaming_content))  # pypdf
    efforts = list(Effort.objects.filter(year=2018).order_by("number"))
    assert len(efforts) == 16
    for effort in efforts:
        assert effort.title in text, effort.title

    # The griffie exports the same year without a change: the same PDF, not rendered again.
    client = client_for(clerk)
    response = client.post(export_url())
    assert response.status_code == 302 and response["Location"] == PAGE
    page = client.get(PAGE).content.decode()
    assert "de bestaande PDF is opnieuw gebruikt" in page
    again = DocumentExport.objects.latest("pk")
    assert again.reused_from == export and again.file == export.file
    assert renders.calls == ["jaarverslag"]
    assert page.count('data-status="gereed"') == 2 and export.data_version in page

    # A changed record gives new content: rendered again.
    Effort.objects.filter(year=2018, number=1).update(title="Verruiming Twentekanaal (gewijzigd)")
    client.post(export_url())
    changed = DocumentExport.objects.latest("pk")
    assert changed.status == ExportStatus.READY and changed.reused_from is None
    assert changed.content_hash != export.content_hash
    assert renders.calls == ["jaarverslag", "jaarverslag"]


def test_a_failed_render_shows_its_reason_on_the_page(
    client_for, hengelo, account_manager, renders, django_capture_on_commit_callbacks
):
    renders.failures.append(ValueError("lettertype ontbreekt"))
    client = client_for(account_manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(export_url())
    export = DocumentExport.objects.get()
    assert export.status == ExportStatus.FAILED
    page = client.get(PAGE).content.decode()
    assert 'data-status="mislukt"' in page and "Mislukt" in page
    assert "De PDF kon niet worden gemaakt: lettertype ontbreekt" in page
    assert client.get(export.get_absolute_url()).status_code == 404


def test_a_year_without_a_public_plan_says_so_and_records_nothing(
    client_for, hengelo, account_manager
):
    WorkPlan.objects.create(year=2019, title="Internationale inspanningen 2019")  # a draft
    client = client_for(account_manager)
    response = client.post(export_url(2019), follow=True)
    assert "Er is geen openbaar werkplan voor 2019." in response.content.decode()
    answer = client.post(export_url(2019), HTTP_ACCEPT="application/json")
    assert answer.status_code == 409
    assert answer.json()["message"] == "Er is geen openbaar werkplan voor 2019."
    assert client.post(export_url(1999)).status_code == 404
    assert not DocumentExport.objects.exists()


def test_the_status_and_download_of_a_year_give_only_its_own_reports(
    client_for, hengelo, clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        export = request_yearly_report(2018, clerk).export
    council = DocumentExport.objects.create(
        council_proposal=CouncilProposal.objects.get(case_number="2200511"),
        kind=DocumentKind.COVER_LETTER,
        status=ExportStatus.FAILED,
    )
    client = client_for(clerk)
    ids = {"id": [export.pk, council.pk]}
    assert [item["id"] for item in client.get(status_url(), ids).json()["exports"]] == [export.pk]
    assert client.get(status_url(2017), ids).json()["exports"] == []
    assert client.get(status_url(), {"id": "x"}).status_code == 400
    other_year = reverse("results:yearly-report-download", args=[2017, export.pk])
    assert client.get(other_year).status_code == 404
    griffie_download = reverse("proposals:document-export-download", args=[export.pk])
    assert client.get(griffie_download).status_code == 404
    griffie = client.get(reverse("proposals:document-list")).content.decode()
    assert f'data-export-id="{council.pk}"' in griffie
    assert f'data-export-id="{export.pk}"' not in griffie
    assert 'href="/resultaten/">Resultaten per jaar</a>' in griffie  # where the report is


def test_an_export_names_a_year_or_a_council_proposal_never_both_nor_neither(hengelo):
    council_proposal = CouncilProposal.objects.get(case_number="2200511")
    wrong = [
        DocumentExport(
            kind=DocumentKind.YEARLY_REPORT, year=2018, council_proposal=council_proposal
        ),
        DocumentExport(kind=DocumentKind.YEARLY_REPORT),
        DocumentExport(kind=DocumentKind.COUNCIL_PROPOSAL, year=2018),
        DocumentExport(kind=DocumentKind.COUNCIL_PROPOSAL),
    ]
    for export in wrong:
        with pytest.raises(ValidationError) as error:
            export.full_clean()
        assert "Een jaarverslag hoort bij een jaar" in str(error.value.message_dict["year"])
        with pytest.raises(IntegrityError), transaction.atomic():
            export.save()
    DocumentExport(kind=DocumentKind.YEARLY_REPORT, year=2018).full_clean()


def page_queries(client):
    client.get(PAGE)  # warm what is cached per process
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PAGE)
    assert response.status_code == 200
    return len(queries), response.content.decode().count("data-export-id=")


def add_exports(users, n):
    for index in range(n):
        DocumentExport.objects.create(
            kind=DocumentKind.YEARLY_REPORT,
            year=2018,
            requested_by=users[index % len(users)],
            status=[ExportStatus.FAILED, ExportStatus.QUEUED, ExportStatus.WAITING][index % 3],
            error="Mislukt",
        )


def test_the_results_page_costs_the_same_queries_with_more_exports(
    client_for, hengelo, account_manager, clerk, django_capture_on_commit_callbacks
):
    client = client_for(account_manager)
    with django_capture_on_commit_callbacks(execute=True):
        first = request_yearly_report(2018, clerk).export
    request_yearly_report(2018, account_manager)  # reused: points at the first
    before, rows = page_queries(client)
    assert rows == 2
    add_exports([account_manager, clerk], 20)
    after, rows = page_queries(client)
    assert rows == 10  # the latest ten
    assert after == before
    assert DocumentExport.objects.filter(reused_from=first).exists()


def test_the_page_with_export_rows_is_valid_html(
    client_for, hengelo, account_manager, assert_valid_html, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request_yearly_report(2018, account_manager)
    add_exports([account_manager], 3)
    client = client_for(account_manager)
    response = client.get(PAGE)
    assert response.content.decode().count("data-export-id=") == 4
    assert_valid_html(response)

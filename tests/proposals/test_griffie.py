"""The griffie's page through the HTTP client: who may export, what the page shows, downloads."""

import pytest
from django.urls import reverse

from core.constants import Role
from proposals.constants import DocumentKind, ExportStatus
from proposals.models import CouncilProposal, DocumentExport
from tests.factories import CouncilProposalFactory
from tests.worker.support import broker_down, eager_celery, pdf_text

pytestmark = pytest.mark.django_db

CASE = "2200511"
LIST_URL = reverse("proposals:document-list")
EXPORT_URL = reverse(
    "proposals:document-export", kwargs={"case_number": CASE, "kind": "raadsvoorstel"}
)
LETTER_URL = reverse(
    "proposals:document-export", kwargs={"case_number": CASE, "kind": "aanbiedingsbrief"}
)
STATUS_URL = reverse("proposals:document-export-status")


@pytest.fixture(autouse=True)
def eager():
    with eager_celery():
        yield


@pytest.fixture
def griffie_client(client, clerk):
    client.force_login(clerk)
    return client


# Posting an export goes through transaction.on_commit(), as in production: these tests commit.
committing = pytest.mark.django_db(transaction=True)


@committing
def test_griffie_exports_and_downloads_the_council_proposal(griffie_client, clerk, hengelo):
    response = griffie_client.get(LIST_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Exporteer PDF" in page
    assert "Er is nog niets geëxporteerd." in page
    assert 'src="/static/js/exports.js"' in page

    response = griffie_client.post(EXPORT_URL)
    assert response.status_code == 302
    page = griffie_client.get(response.url).content.decode()
    assert "is klaar om te downloaden" in page
    export = DocumentExport.objects.get()
    assert export.status == ExportStatus.READY
    assert export.requested_by == clerk
    assert "Gereed" in page and export.data_version in page
    assert clerk.username in page

    download = griffie_client.get(export.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert f'filename="raadsvoorstel-{CASE}.pdf"' in download["Content-Disposition"]
    text = pdf_text(b"".join(download.streaming_content))
    assert "FINANCIËLE ASPECTEN" in text and "€ 56.610" in text


@committing
def test_export_from_the_page_script_answers_with_the_new_row(griffie_client, hengelo):
    response = griffie_client.post(LETTER_URL, HTTP_ACCEPT="application/json")
    assert response.status_code == 201
    data = response.json()
    export = DocumentExport.objects.get()
    assert data["id"] == export.pk
    assert data["status"] == "gereed" and data["finished"] is True
    assert f'data-export-id="{export.pk}"' in data["html"]
    assert "Brief aan het presidium" in data["html"]
    assert data["download_url"] == export.get_absolute_url()

    again = griffie_client.post(LETTER_URL, HTTP_ACCEPT="application/json").json()
    assert "opnieuw gebruikt" in again["message"]
    assert "ongewijzigd, PDF hergebruikt" in again["html"]


def test_status_endpoint_reports_progress(griffie_client, hengelo):
    council_proposal = CouncilProposal.objects.get(case_number=CASE)
    rendering = DocumentExport.objects.create(
        council_proposal=council_proposal,
        kind=DocumentKind.COUNCIL_PROPOSAL,
        status=ExportStatus.RENDERING,
    )
    failed = DocumentExport.objects.create(
        council_proposal=council_proposal,
        kind=DocumentKind.COVER_LETTER,
        status=ExportStatus.FAILED,
        error="De PDF kon niet worden gemaakt: kapotte opmaak",
    )
    response = griffie_client.get(STATUS_URL, {"id": [rendering.pk, failed.pk]})
    assert response.status_code == 200
    by_id = {item["id"]: item for item in response.json()["exports"]}
    assert by_id[rendering.pk]["status_label"] == "Wordt gemaakt"
    assert by_id[rendering.pk]["finished"] is False
    assert by_id[rendering.pk]["download_url"] is None
    assert by_id[failed.pk]["finished"] is True
    assert "kapotte opmaak" in by_id[failed.pk]["html"]
    for bad in ("x", "²", "99999999999999999999"):
        assert griffie_client.get(STATUS_URL, {"id": bad}).status_code == 400


@committing
def test_redis_down_shows_a_clear_message_and_keeps_the_export(griffie_client, hengelo):
    with broker_down():
        response = griffie_client.post(EXPORT_URL)
        page = griffie_client.get(response.url).content.decode()
    assert "De wachtrij is nu niet bereikbaar" in page
    assert "u hoeft niets opnieuw te doen" in page
    assert "Wacht op de wachtrij" in page
    assert DocumentExport.objects.get().status == ExportStatus.WAITING


@pytest.fixture
def bare_proposal():
    """Just the council proposal row: the permission tests need no other data."""
    return CouncilProposalFactory(case_number=CASE)


@pytest.mark.parametrize("role", [Role.COUNCIL_MEMBER, Role.ACCOUNT_MANAGER, Role.FINANCE])
def test_other_roles_get_403(client, make_user, bare_proposal, role):
    council_proposal = bare_proposal
    export = DocumentExport.objects.create(
        council_proposal=council_proposal, kind=DocumentKind.COUNCIL_PROPOSAL
    )
    client.force_login(make_user(f"user-{role}", role))
    assert client.get(LIST_URL).status_code == 403
    assert client.post(EXPORT_URL).status_code == 403
    assert client.get(STATUS_URL, {"id": export.pk}).status_code == 403
    assert (
        client.get(reverse("proposals:document-export-download", args=[export.pk])).status_code
        == 403
    )
    assert DocumentExport.objects.count() == 1


def test_anonymous_visitors_are_sent_to_the_login(client, bare_proposal):
    for response in (client.get(LIST_URL), client.post(EXPORT_URL), client.get(STATUS_URL)):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert DocumentExport.objects.count() == 0


def test_administrators_may_export(client, django_user_model, bare_proposal):
    admin = django_user_model.objects.create_superuser("beheerder", password="x")
    client.force_login(admin)
    assert client.get(LIST_URL).status_code == 200


def test_menu_shows_griffie_to_the_griffie_only(client, clerk, council_member):
    client.force_login(clerk)
    assert f'href="{LIST_URL}"' in client.get("/").content.decode()
    client.force_login(council_member)
    assert f'href="{LIST_URL}"' not in client.get("/").content.decode()


def test_unknown_document_or_case_is_404(griffie_client, bare_proposal):
    url = reverse("proposals:document-export", kwargs={"case_number": CASE, "kind": "notulen"})
    assert griffie_client.post(url).status_code == 404
    url = reverse(
        "proposals:document-export", kwargs={"case_number": "9999999", "kind": "raadsvoorstel"}
    )
    assert griffie_client.post(url).status_code == 404
    assert griffie_client.get(EXPORT_URL).status_code == 405


def test_unfinished_export_has_no_download(griffie_client, bare_proposal):
    export = DocumentExport.objects.create(
        council_proposal=CouncilProposal.objects.get(case_number=CASE),
        kind=DocumentKind.COUNCIL_PROPOSAL,
        status=ExportStatus.QUEUED,
    )
    url = reverse("proposals:document-export-download", args=[export.pk])
    assert griffie_client.get(url).status_code == 404


def test_page_queries_do_not_grow_with_the_exports(
    griffie_client, clerk, hengelo, django_assert_max_num_queries
):
    council_proposal = CouncilProposal.objects.get(case_number=CASE)
    for index in range(30):
        DocumentExport.objects.create(
            council_proposal=council_proposal,
            kind=DocumentKind.values[index % 2],
            requested_by=clerk,
            status=ExportStatus.READY,
            file=f"griffie/x-{index}.pdf",
            content_hash=f"{index:064d}",
            file_size=1000,
            page_count=7,
        )
    with django_assert_max_num_queries(10):
        response = griffie_client.get(LIST_URL)
    assert response.status_code == 200
    assert response.content.decode().count("data-export-id=") == 20
    with django_assert_max_num_queries(6):
        ids = list(DocumentExport.objects.values_list("pk", flat=True)[:30])
        response = griffie_client.get(STATUS_URL, {"id": ids})
    assert len(response.json()["exports"]) == 30

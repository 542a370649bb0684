"""The griffie's page does not grow with the years (issue 17): 30 council proposals a page,
newest first, and the latest exports with every export one click away."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.constants import Role
from proposals.constants import DocumentKind, ExportStatus
from proposals.models import CouncilProposal, DocumentExport
from tests.factories import CouncilProposalFactory

pytestmark = pytest.mark.django_db

GRIFFIE = reverse("proposals:document-list")
EXPORTS = reverse("proposals:document-export-list")


@pytest.fixture
def griffie_client(client, clerk):
    client.force_login(clerk)
    return client


def add_council_proposals(count, start_year=2019):
    return [
        CouncilProposalFactory(
            council_meeting_on=date(start_year + n, 5, 1), subject=f"Raadsvoorstel jaar {n}"
        )
        for n in range(count)
    ]


def add_exports(count, clerk):
    council_proposal = CouncilProposal.objects.public().first()
    for index in range(count):
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


def export_buttons(response):
    return response.content.decode().count("data-export-form")


def test_the_query_count_does_not_grow_with_the_council_proposals(griffie_client, hengelo):
    add_council_proposals(3)
    griffie_client.get(GRIFFIE, {"v": 0})  # warm the caches that every page shares
    with CaptureQueriesContext(connection) as few:
        assert griffie_client.get(GRIFFIE, {"v": 1}).status_code == 200
    add_council_proposals(40, start_year=2040)
    with CaptureQueriesContext(connection) as many:
        response = griffie_client.get(GRIFFIE, {"v": 2})
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries) > 0
    assert len(response.context["council_proposals"]) == 30


def test_the_council_proposals_are_paged_newest_first(griffie_client, hengelo):
    added = add_council_proposals(35)
    draft = CouncilProposalFactory(
        subject="Concept dat de griffie niet exporteert", visibility="concept"
    )
    first = griffie_client.get(GRIFFIE)
    assert first.context["paginator"].count == 36
    shown = [cp.subject for cp in first.context["council_proposals"]]
    assert shown[:2] == [added[-1].subject, added[-2].subject]
    assert 'href="?pagina=2"' in first.content.decode()
    second = griffie_client.get(GRIFFIE, {"pagina": 2})
    content = second.content.decode()
    assert "Voorstellen voor mogelijkheden voor een actieve invulling" in content  # 2018, oldest
    assert export_buttons(second) > 0
    assert draft.subject not in first.content.decode() + content
    assert griffie_client.get(GRIFFIE, {"pagina": "999"}).status_code == 200  # the last page


def test_the_latest_exports_with_every_export_one_click_away(griffie_client, clerk, hengelo):
    add_exports(25, clerk)
    content = griffie_client.get(GRIFFIE).content.decode()
    assert content.count("data-export-id=") == 20
    assert f'href="{EXPORTS}"' in content
    first = griffie_client.get(EXPORTS)
    assert first.status_code == 200
    assert first.content.decode().count("data-export-id=") == 20
    assert griffie_client.get(EXPORTS, {"pagina": 2}).content.decode().count("data-export-id=") == 5


def test_with_few_exports_there_is_no_link_to_all(griffie_client, clerk, hengelo):
    add_exports(3, clerk)
    assert f'href="{EXPORTS}"' not in griffie_client.get(GRIFFIE).content.decode()


def test_the_export_list_asks_the_griffie_permission(client, make_user):
    response = client.get(EXPORTS)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    for role in (Role.COUNCIL_MEMBER, Role.ACCOUNT_MANAGER, Role.FINANCE):
        client.force_login(make_user(f"user-{role}", role))
        assert client.get(EXPORTS).status_code == 403


@pytest.mark.html_checker
def test_the_export_list_is_valid_html(griffie_client, clerk, hengelo, assert_valid_html):
    add_exports(2, clerk)
    assert_valid_html(griffie_client.get(EXPORTS))
    assert_valid_html(griffie_client.get(GRIFFIE))

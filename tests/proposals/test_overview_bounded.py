"""/voorstellen/ shows the newest council proposals; all of them are a page at a time on
/raadsvoorstellen/, so neither page grows with the years (issue 17)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from proposals.models import CouncilProposal
from proposals.views import LATEST_COUNCIL_PROPOSALS
from tests.factories import CouncilProposalFactory, ProcessStepFactory, ProposalFactory

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("proposals:councilproposal-list")
ARCHIVE = reverse("proposals:councilproposal-archive")


def add_council_proposals(count, start_year=2019):
    """Council proposals with a step and a proposal each, one meeting a year apart."""
    made = []
    for n in range(count):
        council_proposal = CouncilProposalFactory(
            council_meeting_on=date(start_year + n, 5, 1), subject=f"Raadsvoorstel jaar {n}"
        )
        ProcessStepFactory(council_proposal=council_proposal)
        ProposalFactory(council_proposal=council_proposal)
        made.append(council_proposal)
    return made


def test_the_overview_shows_the_newest_and_links_to_all(client, hengelo):
    added = add_council_proposals(6)
    response = client.get(OVERVIEW)
    shown = list(response.context["council_proposals"])
    assert len(shown) == LATEST_COUNCIL_PROPOSALS
    assert [cp.subject for cp in shown] == [cp.subject for cp in reversed(added)][:4]
    assert CouncilProposal.objects.visible_to(None).count() == 7
    content = response.content.decode()
    assert f'<a href="{ARCHIVE}">Alle raadsvoorstellen</a>' in content
    assert "2200511" not in [cp.case_number for cp in shown]


def test_with_few_council_proposals_there_is_no_archive_link(client, hengelo):
    content = client.get(OVERVIEW).content.decode()
    assert f'href="{ARCHIVE}"' not in content
    assert "Voorstellen voor mogelijkheden voor een actieve invulling" in content


def test_the_archive_pages_through_every_visible_council_proposal(client, hengelo):
    add_council_proposals(35)
    draft = CouncilProposalFactory(subject="Concept dat niemand mag zien", visibility="concept")
    first = client.get(ARCHIVE)
    assert first.status_code == 200
    assert first.context["paginator"].count == 36
    assert len(first.context["council_proposals"]) == 30
    second = client.get(ARCHIVE, {"pagina": 2}).content.decode()
    assert "Voorstellen voor mogelijkheden voor een actieve invulling" in second  # 2018, oldest
    assert draft.subject not in first.content.decode() + second
    assert client.get(ARCHIVE, {"pagina": "999"}).status_code == 200  # the last page instead


def test_staff_find_a_draft_in_the_archive(client_for, council_member, hengelo):
    draft = CouncilProposalFactory(subject="Concept voor de raad", visibility="concept")
    content = client_for(council_member).get(ARCHIVE).content.decode()
    assert draft.subject in content


@pytest.mark.parametrize("url", [OVERVIEW, ARCHIVE])
def test_the_query_count_does_not_grow_with_the_council_proposals(client, hengelo, url):
    add_council_proposals(3)
    client.get(url, {"v": 0})  # warm the caches that every page shares
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, {"v": 1}).status_code == 200
    add_council_proposals(40, start_year=2040)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"v": 2})
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries) > 0
    assert len(response.content) < 2 * len(client.get(url, {"v": 3}).content)


@pytest.mark.html_checker
def test_the_archive_is_valid_html(client, hengelo, assert_valid_html):
    add_council_proposals(2)
    assert_valid_html(client.get(ARCHIVE))

"""A draft council proposal hides its proposals from anonymous visitors on every page."""

import html
import re

import pytest
from django.urls import reverse

from budget.models import BudgetLine
from networks.models import Effort, Network, Theme
from proposals.models import CouncilProposal, Proposal

pytestmark = pytest.mark.django_db


def page_text(response):
    if response.streaming:
        content = b"".join(response.streaming_content).decode("utf-8-sig")
    else:
        content = response.content.decode()
    return html.unescape(re.sub(r"\s+", " ", content))


def public_pages():
    urls = [
        reverse("portal:home"),
        reverse("portal:search") + "?q=voorstel",
        reverse("portal:search") + "?q=internationale",
        reverse("proposals:councilproposal-list"),
        reverse("proposals:councilproposal-archive"),
        reverse("proposals:proposal-export"),
        reverse("networks:network-list"),
        reverse("networks:effort-list"),
        reverse("networks:effort-export"),
        reverse("networks:theme-list"),
        reverse("budget:overview"),
        reverse("budget:line-list"),
        reverse("budget:changes"),
    ]
    urls += [network.get_absolute_url() for network in Network.objects.public()]
    urls += [effort.get_absolute_url() for effort in Effort.objects.public()[:5]]
    urls += [theme.get_absolute_url() for theme in Theme.objects.all()]
    urls += [line.get_absolute_url() for line in BudgetLine.objects.filter(proposal__isnull=False)]
    return urls


@pytest.fixture
def draft_council_proposal(hengelo):
    council_proposal = CouncilProposal.objects.get(case_number="2200511")
    council_proposal.visibility = "concept"
    council_proposal.save()
    return council_proposal


def test_anonymous_visitors_see_no_proposal_of_a_draft_council_proposal(
    client, draft_council_proposal
):
    titles = list(Proposal.objects.values_list("title", flat=True))
    assert len(titles) == 9
    assert not Proposal.objects.visible_to(None).exists()
    for url in public_pages():
        response = client.get(url)
        assert response.status_code == 200, url
        content = page_text(response)
        shown = [title for title in titles if title in content]
        assert shown == [], url
    assert client.get("/voorstellen/2200511/").status_code == 404
    assert client.get("/voorstellen/2200511/6/").status_code == 404


def test_the_home_page_counts_no_proposal_of_a_draft_council_proposal(
    client, client_for, council_member, draft_council_proposal
):
    assert client.get(reverse("portal:home")).context["counts"]["proposals"] == 0
    member = client_for(council_member)
    assert member.get(reverse("portal:home")).context["counts"]["proposals"] == 9


def test_staff_see_the_proposals_of_a_draft_council_proposal(
    client_for, council_member, draft_council_proposal
):
    member = client_for(council_member)
    content = page_text(member.get(reverse("proposals:councilproposal-list")))
    assert "Een accountmanager internationaal aanstellen" in content
    assert member.get("/voorstellen/2200511/6/").status_code == 200

"""The budget's selects over growing tables load their options on demand (issue 17):
the line form and the public line filter render the selected option and the first 50, not all,
and their option endpoints answer only whom the page answers, with what the page may show."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget.models import BudgetLine, BudgetProduct
from core.constants import Visibility
from core.select import THRESHOLD
from networks.models import Network
from proposals.models import CouncilProposal, Proposal
from tests.factories import CouncilProposalFactory, NetworkFactory, ProposalFactory

from .test_editing import line_data

pytestmark = pytest.mark.django_db

SELECT = re.compile(r'<select name="(?P<name>[^"]+)"(?P<attrs>[^>]*)>(?P<body>.*?)</select>', re.S)


def selects(response):
    """Per select name: its attributes and the number of its options."""
    html = response.content.decode()
    return {
        match["name"]: (match["attrs"], match["body"].count("<option"))
        for match in SELECT.finditer(html)
    }


def add_networks(count, start=0, **extra):
    return Network.objects.bulk_create(
        NetworkFactory.build(name=f"Extra netwerk {n:04}", slug=f"extra-netwerk-{n}", **extra)
        for n in range(start, start + count)
    )


def add_proposals(count, visibility=Visibility.PUBLIC, title="Extra voorstel "):
    council_proposal = CouncilProposalFactory(subject="Veel voorstellen", visibility=visibility)
    return Proposal.objects.bulk_create(
        ProposalFactory.build(
            council_proposal=council_proposal, number=n + 1, title=f"{title}{n:04}"
        )
        for n in range(count)
    )


def options(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response
    return response.json()


def test_the_line_form_renders_the_first_options_and_the_chosen_one_at_scale(
    client, hengelo, finance_user
):
    client.force_login(finance_user)
    small = selects(client.get(reverse("budget:line-create")))
    # Few networks: a plain select with all of them, no search.
    assert small["network"][1] == Network.objects.count() + 1
    assert "data-options-url" not in small["network"][0]

    add_networks(300)
    add_proposals(300)
    line = BudgetLine.objects.first()
    last = Network.objects.order_by("annex_number", "name").last()
    line.network = last
    line.save()
    url = reverse("budget:line-update", args=[line.pk])
    with CaptureQueriesContext(connection) as at_300:
        response = client.get(url)
    found = selects(response)
    assert found["network"][1] == THRESHOLD + 2  # blank, the first 50 and the chosen one
    assert found["proposal"][1] == THRESHOLD + 1
    assert 'data-options-url="/begroting/regels/keuzes/network/"' in found["network"][0]
    assert f'value="{last.pk}" selected' in response.content.decode()

    add_networks(300, start=300)
    add_proposals(300)
    with CaptureQueriesContext(connection) as at_600:
        response = client.get(url)
    assert len(at_600) == len(at_300)
    assert selects(response)["network"][1] == THRESHOLD + 2


def test_the_line_form_saves_a_choice_beyond_the_rendered_ones(client, hengelo, finance_user):
    client.force_login(finance_user)
    add_networks(120)
    network = Network.objects.get(name="Extra netwerk 0119")
    response = client.post(reverse("budget:line-create"), line_data(network=network.pk))
    assert response.status_code == 302
    assert BudgetLine.objects.get(name="Lidmaatschap ERRIN").network == network


@pytest.mark.parametrize("value", ["999999", "abc", "99999999999999999999"])
def test_a_choice_that_is_not_allowed_gets_the_dutch_message(client, hengelo, finance_user, value):
    client.force_login(finance_user)
    add_networks(120)
    before = BudgetLine.objects.count()
    response = client.post(reverse("budget:line-create"), line_data(network=value))
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in " ".join(response.context["form"].errors["network"])
    assert BudgetLine.objects.count() == before


def test_the_line_form_options_are_for_the_finance_role_only(
    client_for, hengelo, finance_user, council_member, account_manager
):
    url = reverse("budget:line-options", args=["proposal"])
    response = client_for(None).get(url)
    assert response.status_code == 302 and "/inloggen/" in response.url
    for user in (council_member, account_manager):
        assert client_for(user).get(url).status_code == 403
    assert client_for(finance_user).get(url).status_code == 200


def test_the_line_form_options_search_and_page(client, hengelo, finance_user):
    add_networks(45)
    client.force_login(finance_user)
    url = reverse("budget:line-options", args=["network"])
    first = options(client, url, q="extra netwerk")
    assert len(first["results"]) == 20
    assert all("Extra netwerk" in row["text"] for row in first["results"])
    assert first["next"]
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    assert len(third["results"]) == 5 and third["next"] is None
    values = [row["value"] for page in (first, second, third) for row in page["results"]]
    assert len(set(values)) == 45
    one = options(client, url, q="netwerk 0042")["results"]
    assert [row["text"] for row in one] == ["Extra netwerk 0042"]
    assert options(client, url, q="bestaat-niet")["results"] == []
    # A field that is not a searchable select has no options here.
    assert client.get(reverse("budget:line-options", args=["name"])).status_code == 404
    assert client.get(reverse("budget:line-options", args=["nope"])).status_code == 404


def test_staff_see_draft_proposals_in_the_form_an_anonymous_visitor_never(
    client_for, hengelo, finance_user, council_member
):
    draft = add_proposals(3, visibility=Visibility.DRAFT, title="Conceptvoorstel")[2]
    form_url = reverse("budget:line-options", args=["proposal"])
    found = options(client_for(finance_user), form_url, q="conceptvoorstel0002")["results"]
    assert [row["value"] for row in found] == [str(draft.pk)]

    filter_url = reverse("budget:line-filter-options", args=["voorstel"])
    assert options(client_for(None), filter_url, q="Conceptvoorstel")["results"] == []
    for user in (None, council_member):
        # Each gets exactly what visible_to() gives them (signed-in users see drafts).
        client = client_for(user)
        everything = []
        page = options(client, filter_url)
        everything += page["results"]
        while page["next"]:
            page = client.get(page["next"]).json()
            everything += page["results"]
        visible = Proposal.objects.visible_to(user)
        assert {row["value"] for row in everything} == {
            str(pk) for pk in visible.values_list("pk", flat=True)
        }
        assert (str(draft.pk) in {row["value"] for row in everything}) == (user is not None)
    assert CouncilProposal.objects.filter(visibility=Visibility.DRAFT).exists()


def test_the_public_filter_options_leave_out_internal_networks(client, hengelo):
    add_networks(3, visibility=Visibility.INTERNAL)
    add_networks(60, start=100)
    url = reverse("budget:line-filter-options", args=["netwerk"])
    assert options(client, url, q="Extra netwerk 000")["results"] == []
    found = options(client, url, q="Extra netwerk 0100")["results"]
    assert found == [{"value": "extra-netwerk-100", "text": "Extra netwerk 0100"}]


def test_the_public_line_list_renders_few_options_at_scale(client, hengelo):
    add_networks(300)
    add_proposals(300)
    response = client.get(reverse("budget:line-list"))
    found = selects(response)
    assert found["netwerk"][1] <= THRESHOLD + 1
    assert found["voorstel"][1] <= THRESHOLD + 1
    assert "data-options-url" in found["netwerk"][0]
    chosen = Network.objects.get(slug="extra-netwerk-299")
    response = client.get(reverse("budget:line-list"), {"netwerk": chosen.slug})
    assert 'value="extra-netwerk-299" selected' in response.content.decode()
    assert BudgetProduct.objects.exists()

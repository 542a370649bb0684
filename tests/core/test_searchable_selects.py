"""Searchable selects beyond the budget (issue 17): the public filter forms and the contact
registry's forms render at most the chosen option and the first 50 of a growing table, with a
constant query count, and their option endpoints show only what the page may show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Organisation
from core.constants import Role, Visibility
from core.page_cache import bump_version
from core.select import THRESHOLD
from networks.models import Effort, Network
from tests.budget.test_searchable_selects import add_networks, add_proposals, options, selects
from tests.factories import CouncilProposalFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

# page, its select, the options URL of that select
PUBLIC_FILTERS = [
    ("/inspanningen/", "netwerk", "networks:effort-filter-options"),
    ("/resultaten/2018/", "netwerk", "results:filter-options"),
    ("/contacten/", "networks", "contacts:organisation-filter-options"),
]


def fresh(client, url):
    """The page as rendered now, not the anonymous page cache's copy (bulk_create sends no
    signal that would bump it)."""
    bump_version()
    return client.get(url)


def add_organisations(count, start=0):
    return Organisation.objects.bulk_create(
        OrganisationFactory.build(name=f"Extra organisatie {n:04}", city="Enschede")
        for n in range(start, start + count)
    )


def add_council_proposals(count, start=0, visibility=Visibility.PUBLIC):
    for n in range(start, start + count):
        CouncilProposalFactory(
            case_number=f"{9100000 + n}", subject=f"Extra raadsvoorstel {n}", visibility=visibility
        )


@pytest.mark.parametrize(("page", "name", "options_url"), PUBLIC_FILTERS)
def test_a_public_filter_renders_few_networks_with_constant_queries(
    client, hengelo, page, name, options_url
):
    add_networks(300)
    with CaptureQueriesContext(connection) as at_300:
        response = fresh(client, page)
    attrs, count = selects(response)[name]
    assert count <= THRESHOLD + 1
    assert f'data-options-url="{reverse(options_url, args=[name])}"' in attrs
    add_networks(300, start=300)
    with CaptureQueriesContext(connection) as at_600:
        response = fresh(client, page)
    assert selects(response)[name][1] == count
    assert len(at_600) == len(at_300)


@pytest.mark.parametrize(("page", "name", "options_url"), PUBLIC_FILTERS)
def test_a_public_filter_offers_no_internal_network_to_a_visitor(
    client_for, hengelo, make_user, page, name, options_url
):
    hidden = add_networks(2, start=900, visibility=Visibility.INTERNAL)
    add_networks(60)
    url = reverse(options_url, args=[name])
    anonymous = options(client_for(None), url, q="Extra netwerk 090")
    assert anonymous["results"] == []
    found = options(client_for(None), url, q="Extra netwerk 0042")["results"]
    assert [row["text"].split(" (")[0] for row in found] == ["Extra netwerk 0042"]
    staff = client_for(make_user("raadslid", Role.COUNCIL_MEMBER))
    shown = {row["text"] for row in options(staff, url, q="Extra netwerk 090")["results"]}
    assert shown == {network.name for network in hidden}  # signed in: visible_to() says yes


def test_the_proposal_filter_offers_no_draft_council_proposal_to_a_visitor(client_for, hengelo):
    add_council_proposals(60)
    add_council_proposals(1, start=500, visibility=Visibility.DRAFT)
    response = fresh(client_for(None), reverse("proposals:councilproposal-list"))
    assert selects(response)["raadsvoorstel"][1] <= THRESHOLD + 1
    url = reverse("proposals:filter-options", args=["raadsvoorstel"])
    assert options(client_for(None), url, q="9100500")["results"] == []
    assert options(client_for(None), url, q="9100042")["results"] == [
        {"value": "9100042", "text": "Extra raadsvoorstel 42 (9100042)"}
    ]
    assert add_proposals  # the budget's helper is shared; proposals are tested there


def test_the_interaction_form_renders_few_organisations_and_saves_a_later_one(
    client, hengelo, account_manager
):
    add_organisations(300)
    client.force_login(account_manager)
    url = reverse("contacts:interaction-create")
    with CaptureQueriesContext(connection) as at_300:
        response = client.get(url)
    assert selects(response)["organisation"][1] == THRESHOLD + 1
    add_organisations(300, start=300)
    with CaptureQueriesContext(connection) as at_600:
        response = client.get(url)
    assert selects(response)["organisation"][1] == THRESHOLD + 1
    assert len(at_600) == len(at_300)

    later = Organisation.objects.get(name="Extra organisatie 0599")
    data = {"organisation": later.pk, "kind": "gesprek", "occurred_on": "2024-03-01"}
    data["summary"] = "Gesprek op afstand."
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert later.interactions.count() == 1
    response = client.post(url, {**data, "organisation": "999999"})
    assert "Selecteer een geldige keuze" in " ".join(
        response.context["form"].errors["organisation"]
    )


@pytest.mark.parametrize(
    ("url_name", "field"),
    [
        ("contacts:person-form-options", "organisation"),
        ("contacts:interaction-form-options", "organisation"),
        ("contacts:opportunity-form-options", "from_organisation"),
        ("contacts:organisation-form-options", "efforts"),
    ],
)
def test_the_registry_form_options_are_for_the_accountmanager_only(
    client_for, hengelo, make_user, account_manager, url_name, field
):
    add_organisations(3)
    url = reverse(url_name, args=[field])
    response = client_for(None).get(url)
    assert response.status_code == 302 and "/inloggen/" in response.url
    for role in (Role.COUNCIL_MEMBER, Role.CLERK, Role.FINANCE, Role.COMMUNICATIONS):
        assert client_for(make_user(f"gebruiker-{role}", role)).get(url).status_code == 403
    results = options(client_for(account_manager), url, q="extra organisatie 0002")["results"]
    if field == "efforts":
        assert results == []
        effort = Effort.objects.first()
        found = options(client_for(account_manager), url, q=effort.title)["results"]
        assert {"value": str(effort.pk), "text": str(effort)} in found
    else:
        organisation = Organisation.objects.get(name="Extra organisatie 0002")
        assert results == [{"value": str(organisation.pk), "text": str(organisation)}]
    assert Network.objects.exists()


def test_the_organisation_form_loads_networks_on_demand(
    client_for, hengelo, make_user, account_manager
):
    """At 100x the form held 900 network checkboxes (146,000 calls); now a searchable select."""
    add_networks(300)
    client = client_for(account_manager)
    url = reverse("contacts:organisation-create")
    with CaptureQueriesContext(connection) as at_300:
        found = selects(client.get(url))
    options_url = reverse("contacts:organisation-form-options", args=["networks"])
    assert f'data-options-url="{options_url}"' in found["networks"][0]
    assert found["networks"][1] <= THRESHOLD + 1
    add_networks(300, start=300)
    with CaptureQueriesContext(connection) as at_600:
        assert selects(client.get(url))["networks"][1] == found["networks"][1]
    assert len(at_600) == len(at_300)

    later = Network.objects.get(name="Extra netwerk 0599")
    results = options(client, options_url, q="Extra netwerk 0599")["results"]
    assert results == [{"value": str(later.pk), "text": str(later)}]
    assert client_for(None).get(options_url).status_code == 302
    for role in (Role.COUNCIL_MEMBER, Role.CLERK):
        assert client_for(make_user(f"gebruiker-{role}", role)).get(options_url).status_code == 403
    data = {"name": "Netwerkclub", "kind": "ondernemers", "city": "Hengelo", "country": "nl"}
    data["networks"] = [later.pk]
    response = client_for(account_manager).post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert list(Organisation.objects.get(name="Netwerkclub").networks.all()) == [later]


def test_the_event_form_loads_networks_and_efforts_on_demand(
    client_for, hengelo, make_user, communications_user
):
    add_networks(300)
    client = client_for(communications_user)
    found = selects(client.get(reverse("agenda:event-create")))
    assert found["network"][1] == THRESHOLD + 1
    assert 'data-options-url="/agenda/beheer/keuzes/network/"' in found["network"][0]
    url = reverse("agenda:event-form-options", args=["network"])
    results = options(client, url, q="Extra netwerk 0299")["results"]
    assert [row["text"] for row in results] == ["Extra netwerk 0299"]
    assert client_for(None).get(url).status_code == 302
    for role in (Role.COUNCIL_MEMBER, Role.FINANCE):
        assert client_for(make_user(f"gebruiker-{role}", role)).get(url).status_code == 403
    effort = Effort.objects.first()
    client = client_for(communications_user)
    found = options(client, reverse("agenda:event-form-options", args=["effort"]), q=effort.title)
    assert {"value": str(effort.pk), "text": str(effort)} in found["results"]
